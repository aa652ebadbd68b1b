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
    for (const change of changes) {
      const clamped = clampChange(doc, change);
      if ('range' in clamped && clamped.range) {
        const start = doc.offsetAt(clamped.range.start);
        const end = doc.offsetAt(clamped.range.end);
        TextDocument.update(doc, [clamped], version);
        // In the new text, the change ends where its text does.
        noteChange(doc, start, start + clamped.text.length, end);
      } else {
        TextDocument.update(doc, [clamped], version);
        hints.set(doc, { prefix: 0, suffix: 0 });
      }
    }
    return doc;
  },
};

/**
 * What changed in a document since the hint was last taken: the lengths of the unchanged prefix
 * and suffix (relative to the text then and now), kept from the incremental changes as they are
 * applied, so that the engine need not compare whole texts to find them.
 */
export interface EditHint {
  prefix: number;
  suffix: number;
}

const hints = new WeakMap<TextDocument, EditHint>();

/** Merges a change that replaced [start, oldEnd) of the text before it by what now ends at newEnd. */
function noteChange(doc: TextDocument, start: number, newEnd: number, oldEnd: number): void {
  const length = doc.getText().length;
  const h = hints.get(doc);
  const before = length - (newEnd - start) + (oldEnd - start);
  // The earlier changes' unchanged suffix, measured from the end, is cut by this change where it reaches into it.
  const suffix = Math.min(h ? h.suffix : before - oldEnd, before - oldEnd);
  hints.set(doc, { prefix: Math.min(h ? h.prefix : start, start), suffix });
}

/** The edit hint since the last call, which starts a new one; undefined when nothing changed. */
export function takeEditHint(doc: TextDocument): EditHint | undefined {
  const h = hints.get(doc);
  hints.delete(doc);
  return h;
}
