/** The edit hint kept from incremental changes: its unchanged prefix and suffix really are unchanged. */
import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ClampedTextDocument, takeEditHint } from '../../server/src/lsp/documents';

describe('edit hint (lsp/documents.ts)', () => {
  it('after random batches of edits, the unchanged prefix and suffix match the text at the last take', () => {
    let seed = 11;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    for (let round = 0; round < 300; round++) {
      const doc = TextDocument.create('file:///a.txt', 'seed', 1, 'line one\nline two\nline three\n'.repeat(1 + rnd(3)));
      let base = doc.getText();
      for (let batch = 0; batch < 5; batch++) {
        const changes = Array.from({ length: 1 + rnd(3) }, () => {
          const text = doc.getText();
          const a = rnd(text.length + 1);
          const b = Math.min(text.length, a + rnd(5));
          const change = { range: { start: doc.positionAt(a), end: doc.positionAt(b) }, text: ['', 'x', 'yz\n', 'é'][rnd(4)] };
          ClampedTextDocument.update(doc, [change], doc.version + 1);
          return change;
        });
        const hint = takeEditHint(doc);
        const now = doc.getText();
        assert.ok(hint, 'a hint after changes');
        assert.ok(hint.prefix + hint.suffix <= Math.min(base.length, now.length), JSON.stringify({ hint, changes }));
        assert.equal(now.slice(0, hint.prefix), base.slice(0, hint.prefix));
        assert.equal(now.slice(now.length - hint.suffix), base.slice(base.length - hint.suffix));
        base = now;
      }
      assert.equal(takeEditHint(doc), undefined, 'nothing changed since');
    }
  });
});
