/** The bundled server over LSP: diagnostics in pull and push mode, sync, settings, config, workspace, transports. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CancellationTokenSource, FileChangeType, LSPErrorCodes, WorkspaceDiagnosticRequest, type Diagnostic, type FullDocumentDiagnosticReport, type WorkspaceDiagnosticReportPartialResult } from 'vscode-languageserver-protocol/node';
import { describeAll, expectedDiagnostics } from '../helpers/lspExpect';
import { fileUri, REPO, SEED_NAMES, useLspWorkspace } from '../helpers/lspSession';

const DOCS_DIR = path.join(REPO, 'docs', 'rules');

describe('LSP server: diagnostics', function () {
  this.timeout(60_000);
  const ws = useLspWorkspace();
  const { start, seedFile, seed000 } = ws;
  let root: string;
  beforeEach(() => (root = ws.root));

  function assertWellFormed(d: Diagnostic, version: number): void {
    assert.equal(d.source, 'seedlint');
    assert.equal(typeof d.code, 'string');
    const href = d.codeDescription?.href ?? '';
    assert.match(href, /^file:\/\//, `codeDescription.href of ${d.code}`);
    const doc = fileURLToPath(href);
    assert.ok(doc.endsWith(path.join(...String(d.code).split('/')) + '.md'), `${href} is the doc of ${d.code}`);
    if (fs.existsSync(DOCS_DIR)) {
      assert.equal(path.dirname(path.dirname(doc)), DOCS_DIR, `${href} lies in docs/rules`);
      assert.ok(fs.existsSync(doc), `${href} exists`);
    }
    // data: the version, the fixes and the fingerprint's hash; the rule id is the code, never repeated.
    const data = d.data as { version: number; fixes: unknown[]; hash?: string };
    assert.deepEqual(Object.keys(data).filter((k) => !['version', 'fixes', 'hash'].includes(k)), [], `data of ${d.code}`);
    assert.equal(data.version, version);
    assert.ok(Array.isArray(data.fixes));
    assert.match(data.hash ?? '', /^[0-9a-f]{14}$/, `hash of ${d.code}`);
  }

  it('advertises pull diagnostics, incremental sync, quick fixes and fix-all to a client that pulls', async () => {
    const session = await start({ pull: true });
    const caps = session.initializeResult.capabilities;
    assert.deepEqual(caps.diagnosticProvider, { identifier: 'seedlint', interFileDependencies: false, workspaceDiagnostics: true });
    assert.deepEqual(caps.textDocumentSync, { openClose: true, change: 2, save: { includeText: false } });
    assert.deepEqual((caps.codeActionProvider as { codeActionKinds: string[] }).codeActionKinds, ['quickfix', 'source.fixAll.seedlint']);
    assert.equal(caps.hoverProvider, true);
    assert.deepEqual(caps.executeCommandProvider?.commands, ['seedlint.markReviewed', 'seedlint.disableRule']);
    await session.waitFor('file watchers registered', () =>
      session.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles' && JSON.stringify(r.registerOptions).includes('seedlint.config.json')),
    );
  });

  it('pull: every seed file gets the engine findings, with code, source, doc link, category and version', async () => {
    const session = await start({ pull: true });
    for (const name of SEED_NAMES) {
      const uri = await session.open(seedFile(name));
      const items = await session.pullItems(uri);
      assert.deepEqual(describeAll(items), expectedDiagnostics(session.text(uri)), name);
      assert.ok(items.length > 0, `${name} has findings`);
      for (const d of items) assertWellFormed(d, 1);
    }
  });

  it('pull: seeds/000 shows the glued header as an error and the leading space as removable text', async () => {
    const session = await start({ pull: true });
    const uri = await session.open(seed000());
    const items = await session.pullItems(uri);
    const text = session.text(uri);
    const glued = items.find((d) => d.code === 'date-header/glued');
    assert.ok(glued, 'date-header/glued reported');
    assert.equal(glued.severity, 1);
    assert.equal(glued.range.start.line, 0);
    assert.equal(glued.range.start.character, text.indexOf('2024-10') + '2024-10'.length);
    const space = items.find((d) => d.code === 'date-header/whitespace');
    assert.ok(space, 'date-header/whitespace reported');
    assert.equal(space.severity, 2);
    assert.deepEqual(space.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } });
    assert.deepEqual(space.tags, [1], 'the stray space is tagged Unnecessary');
    assert.equal(items.find((d) => d.code === 'date-header/month-precision')?.severity, 3);
  });

  it('push: without pull support the server publishes the same diagnostics on open, with the version', async () => {
    const session = await start({ pull: false });
    assert.equal(session.initializeResult.capabilities.diagnosticProvider, undefined);
    for (const name of SEED_NAMES) {
      const uri = await session.open(seedFile(name));
      const published = await session.waitForPublished(uri, 1);
      assert.deepEqual(describeAll(published.diagnostics), expectedDiagnostics(session.text(uri)), name);
      for (const d of published.diagnostics) assertWellFormed(d, 1);
    }
  });

  it('pull: incremental edits, several per didChange and around astral characters, keep diagnostics exact', async () => {
    const session = await start({ pull: true });
    const uri = await session.open(seed000());
    const check = async (step: string) => {
      const items = await session.pullItems(uri);
      assert.deepEqual(describeAll(items), expectedDiagnostics(session.text(uri)), step);
      for (const d of items) assertWellFormed(d, session.version(uri));
      return items;
    };
    await check('opened');
    // Remove the leading space: the whitespace finding goes, the glued one moves left.
    await session.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, text: '' }]);
    let items = await check('leading space removed');
    assert.ok(!items.some((d) => d.code === 'date-header/whitespace'));
    const glued = items.find((d) => d.code === 'date-header/glued')!;
    assert.equal(glued.range.start.character, 'date 2024-10'.length);
    // Two changes in one notification: break the line after the date, then put emoji before the body.
    await session.change(uri, [
      { range: { start: { line: 0, character: 12 }, end: { line: 0, character: 13 } }, text: '\n' },
      { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: '😀🇦🇱 ' },
    ]);
    items = await check('line broken, emoji inserted');
    assert.ok(!items.some((d) => d.code === 'date-header/glued'));
    assert.equal(session.text(uri).split('\n')[0], 'date 2024-10');
    // An edit that spans lines and lands after the astral characters, then a CRLF.
    const lines = session.text(uri).split('\n');
    await session.change(uri, [{ range: { start: { line: 1, character: '😀🇦🇱 '.length + 2 }, end: { line: 3, character: 4 } }, text: 'x\r\ny' }]);
    await check('multi-line replacement');
    assert.ok(lines.length > 3);
    // And back: a leading space again.
    await session.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: ' ' }]);
    items = await check('leading space back');
    assert.ok(items.some((d) => d.code === 'date-header/whitespace'));
  });

  it('push: a burst of edits is debounced and linted for the last version', async () => {
    const session = await start({ pull: false });
    const uri = await session.open(seed000());
    await session.waitForPublished(uri, 1);
    const versions: Promise<number>[] = [];
    for (let i = 0; i < 5; i++) versions.push(session.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: ' ' }]));
    const last = (await Promise.all(versions)).at(-1)!;
    const sent = performance.now();
    const published = await session.waitForPublished(uri, last);
    // Load can only delay the publish: the server's 150 ms of quiet time is a lower bound.
    assert.ok(performance.now() - sent >= 100, `published ${Math.round(performance.now() - sent)} ms after the last edit`);
    assert.deepEqual(describeAll(published.diagnostics), expectedDiagnostics(session.text(uri)));
    // Superseded versions are not linted (one may slip through if the machine stalls for the whole quiet time).
    const intermediate = session.publishedFor(uri).filter((p) => p.version !== 1 && p.version !== last);
    assert.ok(intermediate.length <= 1, `${intermediate.length} publishes for superseded versions`);
  });

  it('run: onSave (pull): diagnostics keep showing the saved text until didSave', async () => {
    const session = await start({ pull: true, settings: { run: 'onSave' } });
    const file = seed000();
    const uri = await session.open(file);
    const opened = await session.pull(uri);
    assert.equal(opened.kind, 'full');
    const savedText = session.text(uri);
    await session.change(uri, [{ range: { start: { line: 0, character: 13 }, end: { line: 0, character: 14 } }, text: '\n' }]);
    // The client pulls after the change: nothing changed for it.
    const afterChange = await session.pull(uri, opened.resultId);
    assert.equal(afterChange.kind, 'unchanged', 'an unsaved edit does not change onSave diagnostics');
    const full = await session.pullItems(uri);
    assert.deepEqual(describeAll(full), expectedDiagnostics(savedText));
    assert.ok(full.some((d) => d.code === 'date-header/glued'));
    const refreshes = session.refreshes;
    await session.save(uri, file);
    await session.waitFor('a refresh after the save', () => session.refreshes > refreshes);
    const afterSave = await session.pull(uri, opened.resultId);
    assert.equal(afterSave.kind, 'full');
    assert.deepEqual(describeAll((afterSave as FullDocumentDiagnosticReport).items), expectedDiagnostics(session.text(uri)));
    assert.ok(!(afterSave as FullDocumentDiagnosticReport).items.some((d) => d.code === 'date-header/glued'));
  });

  it('run: onSave (push): diagnostics do not change while typing; the saved text is linted on didSave', async () => {
    const session = await start({ pull: false, settings: { run: 'onSave' } });
    const file = seed000();
    const uri = await session.open(file);
    const opened = describeAll((await session.waitForPublished(uri, 1)).diagnostics);
    const v2 = await session.change(uri, [{ range: { start: { line: 0, character: 13 }, end: { line: 0, character: 14 } }, text: '\n' }]);
    // A negative claim needs a window: ten times the server's 150 ms debounce, in which an onType server would publish.
    const changed = () => session.publishedFor(uri).find((p) => p.version === v2 || JSON.stringify(describeAll(p.diagnostics)) !== JSON.stringify(opened));
    await assert.rejects(session.waitFor('diagnostics to change before the save', changed, 1500), /timed out/);
    await session.save(uri, file);
    const published = await session.waitForPublished(uri, v2);
    assert.deepEqual(describeAll(published.diagnostics), expectedDiagnostics(session.text(uri)));
    assert.notDeepEqual(describeAll(published.diagnostics), opened);
  });

  it('enable: false clears diagnostics in both modes, and true brings them back', async () => {
    let session = await start({ pull: true, settings: { enable: false } });
    let uri = await session.open(seed000());
    assert.deepEqual(await session.pullItems(uri), []);
    const refreshes = session.refreshes;
    await session.setSettings({ enable: true });
    await session.waitFor('a diagnostic refresh', () => session.refreshes > refreshes);
    assert.ok((await session.pullItems(uri)).length > 0);
    session.dispose();

    session = await start({ pull: false });
    uri = await session.open(seed000());
    assert.ok((await session.waitForPublished(uri, 1)).diagnostics.length > 0);
    await session.setSettings({ enable: false });
    await session.waitForPublished(uri, 1, (p) => p.diagnostics.length === 0);
    await session.setSettings({ enable: true });
    await session.waitForPublished(uri, 1, (p) => p.diagnostics.length > 0);
  });

  it('pull: turning a rule off in seedlint.config.json removes its diagnostics after a refresh', async () => {
    const session = await start({ pull: true });
    const uri = await session.open(seed000());
    const before = await session.pull(uri);
    assert.ok((before as FullDocumentDiagnosticReport).items.some((d) => d.code === 'date-header/glued'));
    const config = path.join(root, 'seedlint.config.json');
    fs.writeFileSync(config, JSON.stringify({ rules: { 'date-header/glued': 'off' } }));
    const refreshes = session.refreshes;
    await session.fileChanged(config, FileChangeType.Created);
    await session.waitFor('workspace/diagnostic/refresh', () => session.refreshes > refreshes);
    const after = await session.pull(uri, before.resultId);
    assert.equal(after.kind, 'full');
    const items = (after as FullDocumentDiagnosticReport).items;
    assert.ok(!items.some((d) => d.code === 'date-header/glued'));
    assert.deepEqual(describeAll(items), expectedDiagnostics(session.text(uri), { rules: { 'date-header/glued': 'off' } }));
    // Closed files follow the config too.
    const ws = await session.workspacePull();
    for (const report of ws.items) assert.ok(report.kind === 'full' && !report.items.some((d) => d.code === 'date-header/glued'), report.uri);
  });

  it('push: a config change re-lints open files; a broken config is reported once and the defaults apply', async () => {
    const session = await start({ pull: false });
    const uri = await session.open(seed000());
    await session.waitForPublished(uri, 1, (p) => p.diagnostics.some((d) => d.code === 'date-header/glued'));
    const config = path.join(root, 'seedlint.config.json');
    fs.writeFileSync(config, JSON.stringify({ rules: { 'date-header/glued': 'off' } }));
    await session.fileChanged(config, FileChangeType.Created);
    await session.waitForPublished(uri, 1, (p) => !p.diagnostics.some((d) => d.code === 'date-header/glued'));
    fs.writeFileSync(config, '{ "rules": ');
    await session.fileChanged(config);
    await session.waitForPublished(uri, 1, (p) => p.diagnostics.some((d) => d.code === 'date-header/glued'));
    await session.waitFor('a warning about the config', () => session.shownMessages.find((m) => m.includes('not valid JSON')));
    await session.fileChanged(path.join(root, 'seeds', 'unrelated.txt'));
    await session.open(seedFile(SEED_NAMES[1]));
    await session.waitForPublished(fileUri(seedFile(SEED_NAMES[1])), 1);
    assert.equal(session.shownMessages.filter((m) => m.includes('not valid JSON')).length, 1, 'reported once');
  });

  it('workspace/diagnostic reports all five seed files, then only what changed', async () => {
    const session = await start({ pull: true });
    const first = await session.workspacePull();
    const expectedUris = SEED_NAMES.map((n) => fileUri(seedFile(n)));
    assert.deepEqual(first.items.map((r) => r.uri).sort(), expectedUris);
    for (const report of first.items) {
      assert.equal(report.kind, 'full');
      assert.equal(report.version, null);
      const text = fs.readFileSync(fileURLToPath(report.uri), 'utf8');
      assert.deepEqual(describeAll((report as FullDocumentDiagnosticReport).items), expectedDiagnostics(text), report.uri);
      for (const d of (report as FullDocumentDiagnosticReport).items) assertWellFormed(d, -1);
    }
    const previous = first.items.map((r) => ({ uri: r.uri, value: r.resultId! }));
    const second = await session.workspacePull(previous);
    assert.deepEqual(second.items.map((r) => r.kind), SEED_NAMES.map(() => 'unchanged'));
    // An open, edited document is reported from its buffer, with its version.
    const uri = await session.open(seed000());
    await session.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, text: '' }]);
    // A closed file changed on disk.
    const other = seedFile(SEED_NAMES[3]);
    fs.writeFileSync(other, 'date 2024-01-02\nA new text.\n');
    const third = await session.workspacePull(previous);
    const byUri = new Map(third.items.map((r) => [r.uri, r]));
    const openReport = byUri.get(uri)!;
    assert.equal(openReport.kind, 'full');
    assert.equal(openReport.version, 2);
    assert.deepEqual(describeAll((openReport as FullDocumentDiagnosticReport).items), expectedDiagnostics(session.text(uri)));
    assert.equal(byUri.get(fileUri(other))!.kind, 'full');
    assert.deepEqual(describeAll((byUri.get(fileUri(other)) as FullDocumentDiagnosticReport).items), expectedDiagnostics('date 2024-01-02\nA new text.\n'));
    for (const name of [SEED_NAMES[1], SEED_NAMES[2], SEED_NAMES[4]]) assert.equal(byUri.get(fileUri(seedFile(name)))!.kind, 'unchanged', name);
  });

  it('workspace/diagnostic streams partial results when given a partialResultToken', async () => {
    for (let i = 0; i < 70; i++) fs.copyFileSync(seedFile(SEED_NAMES[i % 5]), path.join(root, 'seeds', `copy-${String(i).padStart(2, '0')}.txt`));
    const session = await start({ pull: true });
    const chunks = session.collectProgress<WorkspaceDiagnosticReportPartialResult>('ws-1');
    const final = await session.workspacePull([], 'ws-1');
    assert.deepEqual(final.items, [], 'everything came as partial results');
    await session.waitFor('all 75 files in partial results', () => chunks.flatMap((c) => c.items).length === 75);
    assert.ok(chunks.length > 1, `streamed in ${chunks.length} chunks`);
    assert.equal(session.configurationRequests, 1, 'closed files use their workspace folder\'s settings: one request, not one per file');
  });

  it('a cancelled workspace/diagnostic request ends with RequestCancelled instead of linting on', async () => {
    for (let i = 0; i < 400; i++) fs.copyFileSync(seedFile(SEED_NAMES[i % 5]), path.join(root, 'seeds', `copy-${String(i).padStart(3, '0')}.txt`));
    const session = await start({ pull: true });
    const source = new CancellationTokenSource();
    const request = session.connection.sendRequest(WorkspaceDiagnosticRequest.type, { previousResultIds: [] }, source.token);
    source.cancel();
    await assert.rejects(session.deadline(request, 'the cancelled request'), (e: { code?: number }) => e.code === LSPErrorCodes.RequestCancelled);
    // The server is free again at once.
    const uri = await session.open(seed000());
    assert.ok((await session.pullItems(uri)).length > 0);
  });

  it('seedlint/lintCorpus ("Lint Corpus") counts the corpus and, in push mode, publishes closed files, kept current on config change', async () => {
    const session = await start({ pull: false });
    const opened = await session.open(seed000());
    await session.waitForPublished(opened, 1);
    const totals = (await session.deadline(session.connection.sendRequest('seedlint/lintCorpus'), 'lint corpus')) as { files: number; errors: number; warnings: number };
    const texts = SEED_NAMES.map((n) => fs.readFileSync(seedFile(n), 'utf8'));
    const all = texts.flatMap((t) => expectedDiagnostics(t));
    assert.deepEqual(totals, { files: 5, errors: all.filter((d) => / 1 /.test(d)).length, warnings: all.filter((d) => / 2 /.test(d)).length });
    for (const name of SEED_NAMES.slice(1)) {
      const published = await session.waitForPublished(fileUri(seedFile(name)));
      assert.deepEqual(describeAll(published.diagnostics), expectedDiagnostics(fs.readFileSync(seedFile(name), 'utf8')), name);
    }
    const config = path.join(root, 'seedlint.config.json');
    fs.writeFileSync(config, JSON.stringify({ rules: { 'date-header/missing': 'off' } }));
    await session.fileChanged(config, FileChangeType.Created);
    const closed = fileUri(seedFile(SEED_NAMES[3]));
    await session.waitForPublished(closed, undefined, (p) => !p.diagnostics.some((d) => d.code === 'date-header/missing'));
  });

  it('a document diagnostic pull for a closed file lints it from disk; an unknown one is empty', async () => {
    const session = await start({ pull: true });
    const file = seedFile(SEED_NAMES[2]);
    const items = await session.pullItems(fileUri(file));
    assert.deepEqual(describeAll(items), expectedDiagnostics(fs.readFileSync(file, 'utf8')));
    assert.deepEqual(await session.pullItems(fileUri(path.join(root, 'seeds', 'missing.txt'))), []);
    assert.deepEqual(await session.pullItems('untitled:Untitled-1'), []);
  });

  it('never crashes on unknown documents, out-of-range positions or malformed requests', async () => {
    const session = await start({ pull: true });
    const ghost = fileUri(path.join(root, 'ghost.txt'));
    const uri = await session.open(seed000());
    assert.equal(await session.hover(ghost, { line: 0, character: 0 }), null);
    assert.deepEqual(await session.codeActions(ghost, []), []);
    assert.equal(await session.hover(uri, { line: 9999, character: 9999 }), null);
    await session.hover(uri, { line: 0, character: 9999 });
    const far = { start: { line: 500, character: 3 }, end: { line: 900, character: 0 } };
    const garbage: Diagnostic[] = [
      { range: far, message: 'x', source: 'seedlint', code: 'date-header/glued', data: { version: 1, fixes: 'nope' } },
      { range: far, message: 'y', source: 'seedlint', data: null },
      { range: far, message: 'z', source: 'seedlint', code: 'date-header/glued', data: { version: 1, fixes: [{ title: 't', safe: true, edits: [{ start: 5, end: 10 ** 9, text: '' }] }] } },
    ];
    const actions = await session.codeActions(uri, garbage, undefined, far);
    assert.ok(actions.every((a) => !('edit' in a) || a.edit === undefined), 'no edit from malformed or out-of-range data');
    await assert.rejects(session.executeCommand({ title: '', command: 'seedlint.markReviewed', arguments: [{ uri: 42 }] }));
    await assert.rejects(session.executeCommand({ title: '', command: 'seedlint.disableRule', arguments: [] }));
    await assert.rejects(session.executeCommand({ title: '', command: 'seedlint.disableRule', arguments: [{ uri, ruleId: 'no/such-rule' }] }));
    await assert.rejects(session.executeCommand({ title: '', command: 'seedlint.nothing' }));
    // Notifications about documents that were never opened are ignored.
    await session.connection.sendNotification('textDocument/didChange', { textDocument: { uri: ghost, version: 2 }, contentChanges: [{ text: 'x' }] });
    await session.connection.sendNotification('textDocument/didClose', { textDocument: { uri: ghost } });
    await session.connection.sendNotification('textDocument/didSave', { textDocument: { uri: ghost } });
    // An edit whose range lies past the end of the text is clamped, as the protocol's text documents do.
    await session.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: 9000, character: 0 }, end: { line: 9001, character: 0 } }, text: '' }],
    });
    const items = await session.pullItems(uri);
    assert.ok(items.length > 0);
    assert.equal(session.exitCode, undefined, 'still running');
    assert.equal(await session.shutdown(), 0);
  });

  it('speaks LSP over node IPC too (the transport the VS Code client uses)', async () => {
    const session = await start({ pull: false, transport: 'ipc' });
    const uri = await session.open(seed000());
    const published = await session.waitForPublished(uri, 1);
    assert.deepEqual(describeAll(published.diagnostics), expectedDiagnostics(session.text(uri)));
    assert.equal(await session.shutdown(), 0);
  });

  it('shutdown then exit ends the process with code 0; exit alone with code 1', async () => {
    let session = await start({ pull: true });
    await session.waitFor('the ready log line', () => session.logs.find((l) => /seedlint server ready in \d+ ms/.test(l)));
    assert.equal(await session.shutdown(), 0);
    session.dispose();
    session = await start({ pull: true });
    await session.connection.sendNotification('exit');
    assert.equal(await session.waitFor('the server to exit', () => session.exitCode !== undefined && { code: session.exitCode }).then((x) => x.code), 1);
  });
});
