/**
 * Typing in an open document: the server lints it incrementally and converts findings with cached
 * pieces (rule doc links), so after any number of edits its diagnostics must be those a server
 * that never saw the edits gives for the same text, field for field; and a pull that finds
 * nothing new answers `unchanged`.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic, FullDocumentDiagnosticReport } from 'vscode-languageserver-protocol/node';
import { describeAll, expectedDiagnostics } from '../helpers/lspExpect';
import { SEED_NAMES, useLspWorkspace, type LspSession } from '../helpers/lspSession';
import { rangeOf } from '../helpers/lspText';

/** A small deterministic generator: the same typing session on every run. */
function lcg(seed: number): () => number {
  let s = seed;
  return () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32;
}

/** Single-character edits, as people type: runs of letters and spaces at a few places, some backspaces. */
async function type(session: LspSession, uri: string, count: number, seed: number): Promise<void> {
  const next = lcg(seed);
  let offset = 0;
  for (let k = 0; k < count; k++) {
    const text = session.text(uri);
    if (k % 10 === 0) offset = Math.floor(next() * text.length);
    offset = Math.min(offset, text.length);
    if (text[offset - 1] === '\r' && text[offset] === '\n') offset++;
    const r = next();
    if (r < 0.15 && offset > 0 && !/[\ud800-\udfff]/.test(text.slice(offset - 1, offset + 1))) {
      await session.change(uri, [{ range: rangeOf(text, offset - 1, offset), text: '' }]);
      offset--;
    } else {
      const c = r < 0.35 ? ' ' : r < 0.45 ? '\n' : 'abcdefghijklmnopqrstuvwxyz0123456789'[Math.floor(next() * 36)];
      if (/[\udc00-\udfff]/.test(text[offset] ?? '')) offset++;
      await session.change(uri, [{ range: rangeOf(text, offset, offset), text: c }]);
      offset++;
    }
  }
}

/** Diagnostics as JSON with the document version they carry blanked: a fresh server is at version 1. */
function comparable(items: Diagnostic[]): unknown[] {
  return items.map((d) => {
    const data = d.data as { version: number };
    return { ...d, data: { ...data, version: 0 } };
  });
}

describe('LSP server: typing', function () {
  this.timeout(120_000);
  const ws = useLspWorkspace();

  for (const pull of [true, false]) {
    const mode = pull ? 'pull' : 'push';
    it(`${mode}: after typing sessions, every diagnostic equals a fresh server's for the same text, data included`, async () => {
      const session = await ws.start({ pull });
      const names = SEED_NAMES.slice(0, 3);
      for (const [i, name] of names.entries()) {
        const uri = await session.open(ws.seedFile(name));
        if (pull) await session.pullItems(uri);
        else await session.waitForPublished(uri, 1);
        // Several pulls (or publishes) along the way, so the incremental state is used between them.
        for (let round = 0; round < 4; round++) {
          await type(session, uri, 15, 100 * i + round);
          if (pull) await session.pullItems(uri);
        }
        const version = session.version(uri);
        const edited = pull ? await session.pullItems(uri) : (await session.waitForPublished(uri, version)).diagnostics;
        assert.deepEqual(describeAll(edited), expectedDiagnostics(session.text(uri)), `${name}: the engine's findings`);
        for (const d of edited) assert.equal((d.data as { version: number }).version, version, `${name}: data carries the version`);

        const file = ws.seedFile(`typed-${i}.txt`);
        fs.writeFileSync(file, session.text(uri));
        const fresh = await ws.start({ pull });
        const freshUri = await fresh.open(file);
        const reference = pull ? await fresh.pullItems(freshUri) : (await fresh.waitForPublished(freshUri, 1)).diagnostics;
        assert.ok(reference.length > 0, `${name}: the typed text has findings`);
        assert.deepEqual(comparable(edited), comparable(reference), `${name}: same diagnostics as a fresh server`);
      }
    });
  }

  it('pull: a pull with the current resultId answers unchanged until the text or the config changes', async () => {
    const session = await ws.start({ pull: true });
    const uri = await session.open(ws.seed000());
    const first = (await session.pull(uri)) as FullDocumentDiagnosticReport;
    assert.equal(first.kind, 'full');
    assert.ok(first.resultId, 'a full report carries a resultId');

    const again = await session.pull(uri, first.resultId);
    assert.deepEqual(again, { kind: 'unchanged', resultId: first.resultId });
    assert.deepEqual(await session.pull(uri, first.resultId), { kind: 'unchanged', resultId: first.resultId }, 'and again');

    await type(session, uri, 3, 7);
    const afterEdit = (await session.pull(uri, first.resultId)) as FullDocumentDiagnosticReport;
    assert.equal(afterEdit.kind, 'full', 'an edit gives a full report');
    assert.notEqual(afterEdit.resultId, first.resultId);
    assert.deepEqual(describeAll(afterEdit.items), expectedDiagnostics(session.text(uri)));
    assert.deepEqual(await session.pull(uri, afterEdit.resultId), { kind: 'unchanged', resultId: afterEdit.resultId });

    // Without a previous resultId (a client that lost it) the report is full, with the same id.
    const full = (await session.pull(uri)) as FullDocumentDiagnosticReport;
    assert.equal(full.kind, 'full');
    assert.equal(full.resultId, afterEdit.resultId);
    assert.deepEqual(full.items, afterEdit.items);

    fs.writeFileSync(path.join(ws.root, 'seedlint.config.json'), JSON.stringify({ rules: { 'date-header/glued': 'off' } }));
    await session.fileChanged(path.join(ws.root, 'seedlint.config.json'));
    await session.waitFor('a refresh after the config change', () => session.refreshes > 0);
    const afterConfig = (await session.pull(uri, afterEdit.resultId)) as FullDocumentDiagnosticReport;
    assert.equal(afterConfig.kind, 'full', 'a config change gives a full report');
    assert.notEqual(afterConfig.resultId, afterEdit.resultId);
    assert.deepEqual(describeAll(afterConfig.items), expectedDiagnostics(session.text(uri), { rules: { 'date-header/glued': 'off' } }));
  });
});
