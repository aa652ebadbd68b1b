/**
 * Text arithmetic for the protocol tests, written independently of the server's so that it can
 * judge it: LSP positions (line, UTF-16 character) to offsets and back, and applying TextEdits.
 */
import type { Position, Range, TextEdit } from 'vscode-languageserver-protocol';

/** Offsets where lines start; a line ends at \n, \r\n or a lone \r, as LSP says. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\r' && text[i + 1] === '\n') i++;
    if (text[i] === '\n' || text[i] === '\r') starts.push(i + 1);
  }
  return starts;
}

/** The offset of a position; throws when the position is not inside the text (a test should never send one by accident). */
export function offsetAt(text: string, pos: Position): number {
  const starts = lineStarts(text);
  if (pos.line < 0 || pos.line >= starts.length) throw new Error(`line ${pos.line} is outside the text (${starts.length} lines)`);
  const start = starts[pos.line];
  let end = pos.line + 1 < starts.length ? starts[pos.line + 1] : text.length;
  while (end > start && (text[end - 1] === '\n' || text[end - 1] === '\r')) end--;
  if (pos.character < 0 || start + pos.character > end) throw new Error(`character ${pos.character} is outside line ${pos.line} (${end - start} characters)`);
  return start + pos.character;
}

export function positionAt(text: string, offset: number): Position {
  const starts = lineStarts(text);
  let line = 0;
  while (line + 1 < starts.length && starts[line + 1] <= offset) line++;
  return { line, character: offset - starts[line] };
}

export function rangeOf(text: string, start: number, end: number): Range {
  return { start: positionAt(text, start), end: positionAt(text, end) };
}

/** Applies edits that all refer to the same original text (a WorkspaceEdit's), refusing overlaps. */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const resolved = edits
    .map((e, i) => ({ start: offsetAt(text, e.range.start), end: offsetAt(text, e.range.end), newText: e.newText, i }))
    .sort((a, b) => a.start - b.start || a.end - b.end || a.i - b.i);
  let out = '';
  let pos = 0;
  for (const e of resolved) {
    if (e.end < e.start) throw new Error(`edit ${e.i} ends before it starts`);
    if (e.start < pos) throw new Error(`edit ${e.i} overlaps the previous one`);
    out += text.slice(pos, e.start) + e.newText;
    pos = e.end;
  }
  return out + text.slice(pos);
}

/** The text of a range. */
export function textOf(text: string, range: Range): string {
  return text.slice(offsetAt(text, range.start), offsetAt(text, range.end));
}
