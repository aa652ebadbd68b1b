/** The bundled server over LSP: quick fixes, fix-all, stale actions, review and disable commands, hover. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FileChangeType, type CodeAction, type Command, type Diagnostic, type FullDocumentDiagnosticReport, type MarkupContent } from 'vscode-languageserver-protocol/node';
import { allRules, applyEdits, fixText, resolveConfig, type Fix } from '../../server/src/engine/index';
import { describeAll, engineFindings, expectedDiagnostics } from '../helpers/lspExpect';
import { REPO, SEED_NAMES, useLspWorkspace } from '../helpers/lspSession';

const REVIEWABLE = new Set(['unattributed-figure', 'garbled']);

function isAction(a: Command | CodeAction): a is CodeAction {
  return typeof (a as CodeAction).command !== 'string';
}

/** A finding's fingerprint, from its diagnostic: `<code>:<data.hash>`. */
function fingerprintOf(d: Diagnostic): string {
  return `${String(d.code)}:${(d.data as { hash: string }).hash}`;
}

function key(d: Diagnostic): string {
  return `${d.code}\u0000${d.message}`;
}

function countOf(items: Diagnostic[], k: string): number {
  return items.filter((d) => key(d) === k).length;
}

describe('LSP server: code actions, commands and hover', function () {
  this.timeout(60_000);
  const ws = useLspWorkspace();
  const { start, seedFile, seed000 } = ws;
  let root: string;
  beforeEach(() => (root = ws.root));

  it('every quick fix of every seed applies exactly its edits, and its finding is gone after re-lint', async () => {
    const s = await start({ pull: true });
    let tried = 0;
    for (const name of SEED_NAMES) {
      const file = seedFile(name);
      const original = fs.readFileSync(file, 'utf8');
      const findings = engineFindings(original);
      for (let i = 0; i < findings.length; i++) {
        for (let j = 0; j < findings[i].fixes.length; j++) {
          const fix: Fix = findings[i].fixes[j];
          const uri = await s.open(file, original);
          const before = await s.pullItems(uri);
          const d = before[i];
          assert.equal(d.code, findings[i].ruleId);
          const actions = (await s.codeActions(uri, [d])).filter(isAction);
          const title = fix.safe ? fix.title : `${fix.title} (check the result)`;
          const action = actions.find((a) => a.title === title);
          assert.ok(action?.edit, `${name}: "${title}" offered; got ${actions.map((a) => a.title).join(' | ')}`);
          assert.equal(action.kind, 'quickfix');
          assert.deepEqual(action.diagnostics, [d]);
          assert.equal(action.isPreferred, fix.safe && j === 0);
          await s.applyWorkspaceEdit(action.edit);
          assert.equal(s.text(uri), applyEdits(original, fix.edits), `${name}: ${fix.title}`);
          const after = await s.pullItems(uri);
          assert.deepEqual(describeAll(after), expectedDiagnostics(s.text(uri)));
          assert.equal(countOf(after, key(d)), countOf(before, key(d)) - 1, `${name}: "${d.message}" is gone after "${fix.title}"`);
          await s.close(uri);
          tried++;
        }
      }
    }
    assert.ok(tried >= 8, `${tried} fixes tried`);
  });

  it('source.fixAll.seedlint on seeds/000 puts `date 2024-10` alone on line 1 and the body on line 2, like --fix', async () => {
    const session = await start({ pull: true });
    const uri = await session.open(seed000());
    const original = session.text(uri);
    const items = await session.pullItems(uri);
    // The light bulb (no `only`) and a quickfix request never carry the source action.
    assert.ok(!(await session.codeActions(uri, items)).some((a) => isAction(a) && a.kind === 'source.fixAll.seedlint'));
    assert.ok(!(await session.codeActions(uri, items, ['quickfix'])).some((a) => isAction(a) && a.kind === 'source.fixAll.seedlint'));
    // editor.codeActionsOnSave asks for `source.fixAll`; the source menu for `source`.
    for (const only of [['source.fixAll'], ['source'], ['source.fixAll.seedlint']]) {
      const actions = (await session.codeActions(uri, [], only)).filter(isAction);
      assert.deepEqual(
        actions.map((a) => [a.kind, a.title]),
        [['source.fixAll.seedlint', 'Fix all safe seedlint problems']],
        only.join(),
      );
    }
    const [fixAll] = (await session.codeActions(uri, [], ['source.fixAll'])).filter(isAction);
    await session.applyWorkspaceEdit(fixAll.edit!);
    const lines = session.text(uri).split('\n');
    assert.equal(lines[0], 'date 2024-10');
    assert.ok(lines[1].startsWith('Sekretari i Mbrojtjes'), lines[1]);
    assert.equal(session.text(uri), fixText(original, resolveConfig({}, allRules)).text, 'the same text as seedlint --fix');
    const after = await session.pullItems(uri);
    assert.ok(!after.some((d) => (d.data as { fixes: Fix[] }).fixes.some((f) => f.safe)), 'nothing safely fixable is left');
    assert.ok(after.some((d) => d.code === 'date-header/month-precision'));
    assert.deepEqual(await session.codeActions(uri, [], ['source.fixAll']), [], 'nothing left to fix');
  });

  it('"fix all of this rule" fixes every finding of that rule and nothing else', async () => {
    const session = await start({ pull: true });
    const file = path.join(root, 'seeds', 'dupes.txt');
    const text = ' date 2024-10-01\ndate 2024-10-01\ndate 2024-10-01\nBody.\n';
    const uri = await session.open(file, text);
    const items = await session.pullItems(uri);
    const dupes = items.filter((d) => d.code === 'date-header/duplicate');
    assert.equal(dupes.length, 2);
    const actions = (await session.codeActions(uri, [dupes[0]])).filter(isAction);
    const all = actions.find((a) => a.title === 'Fix all date-header/duplicate problems in this file');
    assert.ok(all?.edit, actions.map((a) => a.title).join(' | '));
    // Offered once per rule even when the request names several of its diagnostics.
    const twice = (await session.codeActions(uri, dupes)).filter((a) => a.title.startsWith('Fix all'));
    assert.equal(twice.length, 1);
    await session.applyWorkspaceEdit(all.edit);
    assert.equal(session.text(uri), ' date 2024-10-01\nBody.\n');
    const after = await session.pullItems(uri);
    assert.deepEqual(after.filter((d) => d.code === 'date-header/duplicate'), []);
    assert.ok(after.some((d) => d.code === 'date-header/whitespace'), 'another rule is left alone');
  });

  it('edits come as plain `changes` to a client without versioned documentChanges', async () => {
    const session = await start({ pull: true, documentChanges: false });
    const uri = await session.open(seed000());
    const items = await session.pullItems(uri);
    const glued = items.find((d) => d.code === 'date-header/glued')!;
    const action = (await session.codeActions(uri, [glued])).filter(isAction).find((a) => a.isPreferred)!;
    assert.equal(action.edit?.documentChanges, undefined);
    assert.ok(action.edit?.changes?.[uri]);
    await session.applyWorkspaceEdit(action.edit);
    assert.equal(session.text(uri).split('\n')[0], ' date 2024-10');
  });

  it('drops actions for diagnostics computed on an older version of the text', async () => {
    let session = await start({ pull: true });
    const uri = await session.open(seed000());
    const old = await session.pullItems(uri);
    const last = session.text(uri).split('\n').length - 1;
    await session.change(uri, [{ range: { start: { line: last, character: 0 }, end: { line: last, character: 0 } }, text: 'More text.\n' }]);
    assert.deepEqual(await session.codeActions(uri, old), [], 'nothing from version 1 diagnostics at version 2');
    const fresh = await session.pullItems(uri);
    assert.ok((await session.codeActions(uri, fresh)).length > 0, 'fresh diagnostics get their actions');
    // A push client sees the same: the diagnostics' data carries the version.
    session.dispose();
    session = await start({ pull: false });
    const uri2 = await session.open(seed000());
    const published = await session.waitForPublished(uri2, 1);
    await session.change(uri2, [{ range: { start: { line: last, character: 0 }, end: { line: last, character: 0 } }, text: 'x' }]);
    assert.deepEqual(await session.codeActions(uri2, published.diagnostics), []);
  });

  it('"mark as reviewed" records the fingerprint in .seedlint-reviewed.json, leaves the text alone, and hides the finding', async function () {
    const reviewableRules = allRules.filter((r) => REVIEWABLE.has(r.meta.category));
    if (reviewableRules.length === 0) {
      console.log('      (skipped: no rule of category unattributed-figure or garbled is registered yet)');
      this.skip();
    }
    const session = await start({ pull: true });
    // The first reviewable finding in the seeds, else in a labelled figure fixture.
    let target: { file: string; uri: string; d: Diagnostic } | undefined;
    for (const name of SEED_NAMES) {
      const uri = await session.open(seedFile(name));
      const d = (await session.pullItems(uri)).find((x) => REVIEWABLE.has(String(x.code).split('/')[0]));
      if (d) {
        target = { file: seedFile(name), uri, d };
        break;
      }
      await session.close(uri);
    }
    if (!target) {
      const fixtures = path.join(REPO, 'test', 'fixtures', 'figures');
      const lines = fs.readdirSync(fixtures).filter((f) => f.endsWith('.jsonl')).flatMap((f) => fs.readFileSync(path.join(fixtures, f), 'utf8').split('\n').filter(Boolean));
      const body = lines.map((l) => (JSON.parse(l) as { text: string }).text).join('\n\n');
      const file = path.join(root, 'seeds', 'figures.txt');
      fs.writeFileSync(file, `date 2024-10-01\n${body}\n`);
      const uri = await session.open(file);
      const d = (await session.pullItems(uri)).find((x) => REVIEWABLE.has(String(x.code).split('/')[0]));
      assert.ok(d, `rules ${reviewableRules.map((r) => r.meta.id).join(', ')} find nothing in the seeds or the figure fixtures`);
      target = { file, uri, d };
    }
    const { file, uri, d } = target;
    const bytesBefore = fs.readFileSync(file);
    const before = await session.pullItems(uri);
    const actions = (await session.codeActions(uri, [d])).filter(isAction);
    const review = actions.find((a) => a.title.startsWith('Mark as reviewed'));
    assert.ok(review?.command, actions.map((a) => a.title).join(' | '));
    assert.equal(review.edit, undefined, 'reviewing never edits the text');
    const refreshes = session.refreshes;
    const result = (await session.executeCommand(review.command)) as { file: string };
    const sidecar = path.join(root, '.seedlint-reviewed.json');
    assert.equal(result.file, sidecar, 'written at the corpus root (the workspace folder, without a config)');
    const written = JSON.parse(fs.readFileSync(sidecar, 'utf8')) as { version: number; reviewed: { fingerprint: string; ruleId: string; file: string; excerpt: string }[] };
    const fingerprint = fingerprintOf(d);
    assert.equal(written.version, 1);
    assert.equal(written.reviewed.length, 1);
    assert.equal(written.reviewed[0].fingerprint, fingerprint);
    assert.equal(written.reviewed[0].ruleId, d.code);
    assert.equal(written.reviewed[0].file, path.relative(root, file).split(path.sep).join('/'));
    assert.ok(written.reviewed[0].excerpt.length > 0);
    assert.ok(fs.readFileSync(file).equals(bytesBefore), 'the seed file is unchanged');
    await session.waitFor('a refresh after the review', () => session.refreshes > refreshes);
    const after = await session.pullItems(uri);
    assert.equal(after.filter((x) => fingerprintOf(x) === fingerprint).length, 0, 'the reviewed finding is hidden');
    assert.equal(after.length, before.length - 1, 'the others stay');
    // Reviewing it again (another editor, a stale action) keeps one entry.
    await session.executeCommand(review.command);
    assert.equal((JSON.parse(fs.readFileSync(sidecar, 'utf8')) as { reviewed: unknown[] }).reviewed.length, 1);
    // The sidecar is watched: removing it by hand brings the finding back.
    fs.rmSync(sidecar);
    await session.fileChanged(sidecar, FileChangeType.Deleted);
    assert.deepEqual(describeAll(await session.pullItems(uri)), describeAll(before));
  });

  it('offers no "mark as reviewed" for date-header findings, and refuses the command for them', async () => {
    const session = await start({ pull: true });
    const uri = await session.open(seed000());
    const items = await session.pullItems(uri);
    const actions = (await session.codeActions(uri, items)).filter(isAction);
    assert.ok(!actions.some((a) => a.title.startsWith('Mark as reviewed')));
    const glued = items.find((d) => d.code === 'date-header/glued')!;
    const fingerprint = fingerprintOf(glued);
    await assert.rejects(
      session.executeCommand({ title: '', command: 'seedlint.markReviewed', arguments: [{ uri, ruleId: 'date-header/glued', fingerprint }] }),
      /cannot be marked as reviewed/,
    );
    assert.ok(!fs.existsSync(path.join(root, '.seedlint-reviewed.json')));
  });

  it('"disable this rule" writes seedlint.config.json (keeping what is there) and the rule goes quiet', async () => {
    const session = await start({ pull: true });
    const uri = await session.open(seed000());
    const items = await session.pullItems(uri);
    const glued = items.find((d) => d.code === 'date-header/glued')!;
    let actions = (await session.codeActions(uri, [glued])).filter(isAction);
    let disable = actions.find((a) => a.title === 'Disable date-header/glued in seedlint.config.json');
    assert.ok(disable?.command);
    const refreshes = session.refreshes;
    const result = (await session.executeCommand(disable.command)) as { file: string };
    const config = path.join(root, 'seedlint.config.json');
    assert.equal(result.file, config);
    assert.deepEqual(JSON.parse(fs.readFileSync(config, 'utf8')), { rules: { 'date-header/glued': 'off' } });
    await session.waitFor('a refresh after the config change', () => session.refreshes > refreshes);
    let after = await session.pullItems(uri);
    assert.ok(!after.some((d) => d.code === 'date-header/glued'));
    assert.deepEqual(describeAll(after), expectedDiagnostics(session.text(uri), { rules: { 'date-header/glued': 'off' } }));
    // A second rule: the file keeps its other settings and key order.
    fs.writeFileSync(config, JSON.stringify({ languages: ['sq', 'pt', 'da'], rules: { 'date-header/glued': 'off', 'date-header/whitespace': 'error' } }, null, 2));
    await session.fileChanged(config);
    after = await session.pullItems(uri);
    const space = after.find((d) => d.code === 'date-header/whitespace')!;
    assert.equal(space.severity, 1, 'the config made it an error');
    actions = (await session.codeActions(uri, [space])).filter(isAction);
    disable = actions.find((a) => a.title === 'Disable date-header/whitespace in seedlint.config.json');
    await session.executeCommand(disable!.command!);
    assert.deepEqual(JSON.parse(fs.readFileSync(config, 'utf8')), { languages: ['sq', 'pt', 'da'], rules: { 'date-header/glued': 'off', 'date-header/whitespace': 'off' } });
  });

  it('hover on a finding shows its message and its rule documentation; elsewhere nothing', async () => {
    const session = await start({ pull: true });
    const uri = await session.open(seed000());
    const items = await session.pullItems(uri);
    const glued = items.find((d) => d.code === 'date-header/glued')!;
    const hover = await session.hover(uri, { line: glued.range.start.line, character: glued.range.start.character + 2 });
    assert.ok(hover);
    const value = (hover.contents as MarkupContent).value;
    assert.equal((hover.contents as MarkupContent).kind, 'markdown');
    assert.ok(value.includes(glued.message as string));
    const rule = allRules.find((r) => r.meta.id === 'date-header/glued')!;
    assert.ok(value.includes(rule.docs.trim().split('\n')[0]), 'the rule doc is in the hover');
    assert.ok(value.includes(glued.codeDescription!.href), 'with a link to the doc page');
    const lines = session.text(uri).split('\n');
    const plain = lines.findIndex((l, i) => i > 0 && l.length > 0 && !items.some((d) => d.range.start.line <= i && i <= d.range.end.line));
    assert.equal(await session.hover(uri, { line: plain, character: 1 }), null);
  });

  it('the fixed text of every seed has nothing left to fix after fix-all', async () => {
    const session = await start({ pull: true });
    for (const name of SEED_NAMES) {
      const uri = await session.open(seedFile(name));
      const [fixAll] = (await session.codeActions(uri, [], ['source.fixAll'])).filter(isAction);
      if (fixAll) await session.applyWorkspaceEdit(fixAll.edit!);
      const after = (await session.pull(uri)) as FullDocumentDiagnosticReport;
      assert.ok(!after.items.some((d) => (d.data as { fixes: Fix[] }).fixes.some((f) => f.safe)), name);
      assert.deepEqual(await session.codeActions(uri, [], ['source.fixAll']), [], name);
    }
  });
});
