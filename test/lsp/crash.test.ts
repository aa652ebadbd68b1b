/** A rule that throws is reported once, as one finding per document, and the server keeps serving. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { describeAll, expectedDiagnostics } from '../helpers/lspExpect';
import { LspSession, removeWorkspace, SEED_NAMES, tempWorkspace } from '../helpers/lspSession';

describe('LSP server: a throwing rule', function () {
  this.timeout(60_000);
  let root: string;
  let bundleDir: string;
  let server: string;
  const sessions: LspSession[] = [];

  before(async function () {
    this.timeout(60_000);
    bundleDir = fs.mkdtempSync(path.join(os.tmpdir(), 'seedlint-crash-server-'));
    server = path.join(bundleDir, 'server.js');
    await esbuild.build({
      entryPoints: [path.join(__dirname, 'fixtures', 'throwing-rule-server.ts')],
      outfile: server,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      logLevel: 'warning',
      loader: { '.md': 'text' },
    });
  });
  after(() => fs.rmSync(bundleDir, { recursive: true, force: true }));
  beforeEach(() => {
    root = tempWorkspace();
  });
  afterEach(() => {
    for (const s of sessions.splice(0)) s.dispose();
    removeWorkspace(root);
  });

  const start = async (pull: boolean) => {
    const session = await LspSession.start({ pull, root, server });
    sessions.push(session);
    return session;
  };

  for (const pull of [true, false]) {
    it(`${pull ? 'pull' : 'push'}: shows one error per document, logs the failure once, keeps every other finding`, async () => {
      const session = await LspSession.start({ pull, root, server });
      sessions.push(session);
      for (const name of SEED_NAMES) {
        const uri = await session.open(path.join(root, 'seeds', name));
        const items = pull ? await session.pullItems(uri) : (await session.waitForPublished(uri, 1)).diagnostics;
        const failed = items.filter((d) => d.code === 'test/throws');
        assert.equal(failed.length, 1, name);
        assert.equal(failed[0].severity, 1);
        assert.match(failed[0].message as string, /Rule test\/throws failed on this document and was skipped: this rule always throws/);
        assert.deepEqual(describeAll(items.filter((d) => d.code !== 'test/throws')), expectedDiagnostics(session.text(uri)), name);
      }
      await session.waitFor('the failure in the log', () => session.logs.some((l) => l.includes('Rule test/throws failed')));
      assert.equal(session.logs.filter((l) => l.includes('Rule test/throws failed')).length, 1, 'logged once for five documents');
      assert.ok(session.logs.find((l) => l.includes('Rule test/throws failed'))!.includes('this rule always throws'));
      assert.deepEqual(session.internalErrors(), []);
      assert.equal(await session.shutdown(), 0);
    });

    it(`${pull ? 'pull' : 'push'}: five edits later the failure is still one diagnostic, logged once; other documents and requests are served`, async () => {
      const session = await start(pull);
      const failing = await session.open(path.join(root, 'seeds', SEED_NAMES[0]));
      const diagnosticsOf = async (uri: string) => (pull ? session.pullItems(uri) : (await session.waitForPublished(uri, session.version(uri))).diagnostics);
      const check = async (uri: string, what: string) => {
        const items = await diagnosticsOf(uri);
        assert.equal(items.filter((d) => d.code === 'test/throws').length, 1, `${what}: one failure diagnostic`);
        assert.deepEqual(describeAll(items.filter((d) => d.code !== 'test/throws')), expectedDiagnostics(session.text(uri)), `${what}: every other finding`);
        return items;
      };
      await check(failing, 'opened');
      for (let i = 1; i <= 5; i++) {
        await session.change(failing, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: i % 2 ? ' ' : 'x' }]);
        await check(failing, `edit ${i}`);
      }
      // A second document, after the failures: full diagnostics.
      const second = await session.open(path.join(root, 'seeds', SEED_NAMES[1]));
      const items = await check(second, 'second document');
      assert.ok(items.length > 1);
      // The server keeps serving other requests on the failing document.
      const fixable = (await diagnosticsOf(failing)).find((d) => d.code !== 'test/throws' && ((d.data as { fixes?: unknown[] }).fixes ?? []).length > 0);
      assert.ok(fixable, 'the failing document still shows a fixable finding');
      const hover = await session.hover(failing, fixable.range.start);
      assert.ok(hover && JSON.stringify(hover.contents).includes(String(fixable.code)), 'hover');
      const actions = await session.codeActions(failing, [fixable]);
      assert.ok(actions.some((a) => 'kind' in a && a.kind === 'quickfix'), 'a quick fix');
      await session.waitFor('the failure in the log', () => session.logs.some((l) => l.includes('Rule test/throws failed')));
      assert.equal(session.logs.filter((l) => l.includes('Rule test/throws failed')).length, 1, 'logged once for seven versions of two documents');
      assert.deepEqual(session.internalErrors(), []);
      assert.equal(await session.shutdown(), 0);
    });
  }
});
