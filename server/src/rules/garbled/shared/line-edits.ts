/** Whole-line edits shared by the garbled rules that delete lines (repeats, tables, page furniture). */
import type { SeedDocument } from '../../../engine/document';
import type { TextEdit } from '../../../engine/types';

const NON_SPACE = /\S/;
/** Punctuation that closes up to the word before it: a space before it goes with a deleted token. */
const CLOSING_PUNCTUATION = '.,;:!?)]}»”"\'';

/**
 * Deletes lines `first`..`last` (zero-based, inclusive) with their line breaks. When the last of
 * them ends the file without a line break, the break before `first` goes instead, so that the file
 * keeps its own convention for the final line.
 */
export function removeLines(doc: SeedDocument, first: number, last: number): TextEdit {
  const lines = doc.lines;
  const start = lines[first].start;
  if (last + 1 < lines.length) return { start, end: lines[last + 1].start, text: '' };
  const end = doc.text.length;
  if (first === 0) return { start: 0, end, text: '' };
  return { start: lines[first - 1].end, end, text: '' };
}

/** True when the line holds nothing but whitespace. */
export function isBlankLine(text: string): boolean {
  return !NON_SPACE.test(text);
}

/**
 * Deletes `[start, end)` inside a line together with one neighbouring space, so that removing a
 * token between two words leaves one space, not two, and removing it at the line's end leaves no
 * trailing space.
 */
export function removeSpan(text: string, start: number, end: number): TextEdit {
  const before = start > 0 ? text[start - 1] : '\n';
  const after = end < text.length ? text[end] : '\n';
  const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\u00a0';
  if (isSpace(after) && (isSpace(before) || before === '\n' || before === '\r')) return { start, end: end + 1, text: '' };
  if (isSpace(before) && (after === '\n' || after === '\r' || CLOSING_PUNCTUATION.includes(after))) return { start: start - 1, end, text: '' };
  return { start, end, text: '' };
}
