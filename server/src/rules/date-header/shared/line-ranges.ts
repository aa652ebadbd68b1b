/** Line ranges and the line break the date-header rules insert and delete by. */
import type { SeedDocument } from '../../../engine/document';

/** The line break the document uses most: inserted lines follow it. */
export function lineBreakOf(doc: SeedDocument): string {
  const crlf = doc.text.indexOf('\r\n');
  const lf = doc.text.indexOf('\n');
  return crlf >= 0 && crlf < lf + 1 && crlf === lf - 1 ? '\r\n' : '\n';
}

/** Range of the whole first line's content (for findings "on line 1"). */
export function firstLineRange(doc: SeedDocument): { start: number; end: number } {
  const line = doc.lines[0];
  return { start: line.start, end: line.end };
}

/** Range of a whole line including its line break, for deleting it. */
export function wholeLineRange(doc: SeedDocument, index: number): { start: number; end: number } {
  const line = doc.lines[index];
  const next = doc.lines[index + 1];
  return { start: line.start, end: next ? next.start : line.end };
}
