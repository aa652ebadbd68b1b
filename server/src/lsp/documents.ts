/**
 * Open documents whose incremental changes are clamped to the text before they are applied.
 *
 * The protocol clamps a position past the end of a line or of the text. vscode-languageserver-textdocument
 * (1.0.16) clamps the offsets it edits at, but updates its line table with the range's line numbers as
 * sent: an edit past the last line leaves phantom lines in the table, and every later edit near the end
 * lands in the wrong place (the text can even be duplicated). Turning each position into the one at the
 * same offset first changes nothing for a valid edit and keeps the table right for an invalid one.
 */
import type { TextDocumentsConfiguration } from 'vscode-languageserver';
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';

export function clampChange(doc: TextDocument, change: TextDocumentContentChangeEvent): TextDocumentContentChangeEvent {
  if (!('range' in change) || change.range === undefined) return change;
  const start = doc.positionAt(doc.offsetAt(change.range.start));
  const end = doc.positionAt(doc.offsetAt(change.range.end));
  return { range: { start, end }, text: change.text };
}

export const ClampedTextDocument: TextDocumentsConfiguration<TextDocument> = {
  create: (uri, languageId, version, content) => TextDocument.create(uri, languageId, version, content),
  update(doc, changes, version) {
    // One at a time: each change's positions refer to the text the previous one left.
    for (const change of changes) TextDocument.update(doc, [clampChange(doc, change)], version);
    return doc;
  },
};
