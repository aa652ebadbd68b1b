/**
 * The server over the shared file edge: the same findings as the CLI for the same bad files, writes
 * only inside the workspace and never through links, JSON edited in place, hostile files and globs.
 */
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { CLI } from '../helpers/cli';
import { fileUri, SEED_NAMES, useLspWorkspace } from '../helpers/lspSession';

type CliMessage = { ruleId: string; level: string; message: string; line: number; column: number; endLine: number; endColumn: number };
const LEVEL: Record<number, string> = { 1: 'error', 2: 'warning', 3: 'info' };

/** One line per finding, in the CLI's terms: what both shells must agree on. */
function fromCli(m: CliMessage): string {
  return `${m.line}:${m.column}-${m.endLine}:${m.endColumn} ${m.level} ${m.ruleId} ${m.message}`;
}

function fromServer(d: Diagnostic): string {
  const { start, end } = d.range;
  return `${start.line + 1}:${start.character + 1}-${end.line + 1}:${end.character + 1} ${LEVEL[d.severity!]} ${d.code} ${d.message}`;
}

function cliFindings(root: string, file: string): string[] {
  const r = spawnSync(process.execPath, [CLI, '--format', 'json', file], { cwd: root, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const [result] = JSON.parse(r.stdout) as Array<{ messages: CliMessage[] }>;
  return result.messages.map(fromCli).sort();
}

describe('LSP server: the shared file edge', function () {
  this.timeout(120_000);
  const ws = useLspWorkspace();

  /** Bad files of every kind the edge knows, written into the workspace's seeds/. */
  function badFiles(): Record<string, string> {
    const dir = path.join(ws.root, 'seeds');
    const files: Record<string, string> = {
      binary: path.join(dir, 'late-nul.txt'),
      invalidUtf8: path.join(dir, 'latin1.txt'),
      tooLarge: path.join(dir, 'huge.txt'),
      manyFindings: path.join(dir, 'many.txt'),
      controls: path.join(dir, 'controls.txt'),
      seed: path.join(dir, SEED_NAMES[0]),
    };
    fs.writeFileSync(files.binary, Buffer.concat([Buffer.from('date 2024-10-28\nTitle\n' + 'Text. '.repeat(3000)), Buffer.from([0, 10])]));
    fs.writeFileSync(files.invalidUtf8, Buffer.concat([Buffer.from('date 2024-10-28\nTitle\nCaf'), Buffer.from([0xe9]), Buffer.from(' au lait. 1.500 soldater.\n')]));
    fs.writeFileSync(files.tooLarge, 'date 2024-10-28\n');
    fs.truncateSync(files.tooLarge, 65 * 1024 * 1024);
    fs.writeFileSync(files.manyFindings, 'date 2024-10-28\nTitle\n' + 'word\u0001 '.repeat(12_000) + '\n');
    fs.writeFileSync(files.controls, 'date 2024-10-28\nTitle\n| \u001b]0;x\u0007 | \u001b[2J |\n|---|---|\nText.\n');
    return files;
  }

  it('closed files: the server reports exactly what the CLI reports, bad files included', async () => {
    const files = badFiles();
    const session = await ws.start({ pull: true });
    for (const [kind, file] of Object.entries(files)) {
      const server = (await session.pullItems(fileUri(file))).map(fromServer).sort();
      assert.deepEqual(server, cliFindings(ws.root, file), kind);
    }
    // And the workspace report lists them with the same findings.
    const report = await session.workspacePull();
    const byUri = new Map(report.items.map((i) => [i.uri, i]));
    for (const [kind, file] of Object.entries(files)) {
      const item = byUri.get(fileUri(file)) as { items: Diagnostic[] } | undefined;
      assert.ok(item, `${kind} is in the workspace report`);
      assert.deepEqual(item.items.map(fromServer).sort(), cliFindings(ws.root, file), kind);
    }
  });

  it('open documents: the same findings as the CLI for the same text, capped and escaped alike; a NUL makes it binary', async () => {
    const files = badFiles();
    const session = await ws.start({ pull: true });
    for (const kind of ['manyFindings', 'controls', 'seed', 'binary'] as const) {
      const file = files[kind];
      const uri = await session.open(file, fs.readFileSync(file, 'utf8'));
      assert.deepEqual((await session.pullItems(uri)).map(fromServer).sort(), cliFindings(ws.root, file), kind);
    }
  });

  describe('commands write only inside the workspace', () => {
    const markArgs = (uri: string) => ({ uri, ruleId: 'unattributed-figure/no-source', fingerprint: 'unattributed-figure/no-source:0123456789abcd' });

    it('Mark as reviewed and Disable rule refuse a file outside the workspace, in .. and %2e%2e forms', async () => {
      const outside = path.join(path.dirname(ws.root), `outside-${path.basename(ws.root)}`);
      fs.mkdirSync(outside, { recursive: true });
      fs.writeFileSync(path.join(outside, 'x.txt'), 'date 2024-10-28\n');
      try {
        const session = await ws.start({ pull: true });
        const base = fileUri(ws.root);
        const name = path.basename(outside);
        for (const uri of [`${base}/seeds/../../${name}/x.txt`, `${base}/seeds/%2e%2e/%2e%2e/${name}/x.txt`, `${base}/%2E%2E/${name}/x.txt`, fileUri(path.join(outside, 'x.txt'))]) {
          await assert.rejects(session.executeCommand({ title: '', command: 'seedlint.markReviewed', arguments: [markArgs(uri)] }), /outside the open workspace folders/, uri);
          await assert.rejects(session.executeCommand({ title: '', command: 'seedlint.disableRule', arguments: [{ uri, ruleId: 'garbled/stutter' }] }), /outside the open workspace folders/, uri);
        }
        assert.deepEqual(fs.readdirSync(outside), ['x.txt'], 'nothing written outside');
        assert.ok(!fs.existsSync(path.join(path.dirname(ws.root), '.seedlint-reviewed.json')));
      } finally {
        fs.rmSync(outside, { recursive: true, force: true });
      }
    });

    it('a committed link seedlint.config.json -> ../elsewhere is never written through', async () => {
      const elsewhere = path.join(path.dirname(ws.root), `elsewhere-${path.basename(ws.root)}`);
      fs.mkdirSync(elsewhere, { recursive: true });
      const target = path.join(elsewhere, 'settings.json');
      const original = '{"rules": {"garbled/stutter": "warning", "garbled/stutter": "error"}, "languages": ["en"]}\n';
      fs.writeFileSync(target, original);
      fs.symlinkSync(path.relative(ws.root, target), path.join(ws.root, 'seedlint.config.json'));
      fs.symlinkSync(path.relative(ws.root, path.join(elsewhere, 'reviewed.json')), path.join(ws.root, '.seedlint-reviewed.json'));
      try {
        const session = await ws.start({ pull: true });
        const uri = fileUri(ws.seed000());
        await assert.rejects(session.executeCommand({ title: '', command: 'seedlint.disableRule', arguments: [{ uri, ruleId: 'date-header/glued' }] }), /outside the open workspace folders|symbolic link/);
        await assert.rejects(session.executeCommand({ title: '', command: 'seedlint.markReviewed', arguments: [markArgs(uri)] }), /outside the open workspace folders|symbolic link/);
        assert.equal(fs.readFileSync(target, 'utf8'), original, 'the link\'s target is untouched');
        assert.ok(!fs.existsSync(path.join(elsewhere, 'reviewed.json')));
        assert.ok(fs.lstatSync(path.join(ws.root, 'seedlint.config.json')).isSymbolicLink());
      } finally {
        fs.rmSync(elsewhere, { recursive: true, force: true });
      }
    });

    it('Disable rule and Mark as reviewed edit JSON in place: formatting, large numbers and duplicate keys survive', async () => {
      const config = path.join(ws.root, 'seedlint.config.json');
      const before = '{\n\t"languages": ["sq", "pt", "da", "en"],\n\t"rules": {\n\t\t"garbled/stutter": "warning",\n\t\t"garbled/stutter": "info",\n\t\t"garbled/duplicate-line": {"options": {"minLength": 12345678901234567890}}\n\t}\n}\n';
      fs.writeFileSync(config, before);
      const sidecar = path.join(ws.root, '.seedlint-reviewed.json');
      const sidecarBefore = '{\n    "version": 1,\n    "reviewed": [\n        {"fingerprint": "garbled/stutter:0", "ruleId": "garbled/stutter", "note": 1.50},\n        {"fingerprint": "zzz/last:9", "ruleId": "zzz/last"}\n    ]\n}\n';
      fs.writeFileSync(sidecar, sidecarBefore);
      const session = await ws.start({ pull: true });
      const uri = fileUri(ws.seed000());
      await session.executeCommand({ title: '', command: 'seedlint.disableRule', arguments: [{ uri, ruleId: 'date-header/glued' }] });
      const after = fs.readFileSync(config, 'utf8');
      // Only the new setting was added; every byte of the old text is still there, in order.
      const added = /\n\t\t"date-header\/glued": "off",?/.exec(after);
      assert.ok(added, after);
      assert.equal(after.replace(added[0], '').replace(/,(\n\t})/, '$1'), before.replace(/,(\n\t})/, '$1'));
      assert.ok(after.includes('12345678901234567890'));
      assert.equal(after.match(/"garbled\/stutter"/g)!.length, 2, 'the duplicate key is kept');
      // A rule with options keeps them: only its severity is set.
      await session.executeCommand({ title: '', command: 'seedlint.disableRule', arguments: [{ uri, ruleId: 'garbled/duplicate-line' }] });
      assert.match(fs.readFileSync(config, 'utf8'), /"garbled\/duplicate-line": \{"options": \{"minLength": 12345678901234567890\},"severity": "off"\}/);
      await session.executeCommand({ title: '', command: 'seedlint.markReviewed', arguments: [markArgs(uri)] });
      const sidecarAfter = fs.readFileSync(sidecar, 'utf8');
      assert.ok(sidecarAfter.includes('{"fingerprint": "garbled/stutter:0", "ruleId": "garbled/stutter", "note": 1.50}'), sidecarAfter);
      assert.ok(sidecarAfter.includes('{"fingerprint": "zzz/last:9", "ruleId": "zzz/last"}'));
      const entries = JSON.parse(sidecarAfter).reviewed.map((e: { fingerprint: string }) => e.fingerprint);
      assert.deepEqual(entries, ['garbled/stutter:0', 'unattributed-figure/no-source:0123456789abcd', 'zzz/last:9']);
    });
  });

  it('a FIFO as the config or the sidecar: one warning, and the server keeps answering', async () => {
    execFileSync('mkfifo', [path.join(ws.root, 'seedlint.config.json')]);
    execFileSync('mkfifo', [path.join(ws.root, '.seedlint-reviewed.json')]);
    const session = await ws.start({ pull: true });
    const uri = await session.open(ws.seed000());
    assert.ok((await session.pullItems(uri)).length > 0);
    await session.waitFor('the warnings', () => session.shownMessages.some((m) => /not a regular file/.test(m)));
    assert.ok(session.shownMessages.every((m) => m.length < 2000));
    assert.equal(session.exitCode, undefined);
  });

  it('a glob built to backtrack: the workspace report and a hover answer at once', async () => {
    fs.writeFileSync(path.join(ws.root, 'seedlint.config.json'), JSON.stringify({ include: ['**/*a*a*a*a*a*a*b.txt'], exclude: ['**/*a*a*a*a*a*a*c/**'] }));
    const deep = path.join(ws.root, 'seeds', 'a'.repeat(100));
    fs.mkdirSync(deep);
    for (let i = 0; i < 20; i++) fs.writeFileSync(path.join(deep, `${'a'.repeat(150)}${i}.txt`), 'date 2024-10-28\n');
    const session = await ws.start({ pull: true });
    const uri = await session.open(ws.seed000());
    const began = performance.now();
    const report = await session.deadline(session.workspacePull(), 'workspace diagnostics', 5000);
    assert.deepEqual(report.items, []);
    await session.deadline(session.hover(uri, { line: 0, character: 1 }), 'hover', 2000);
    assert.ok(performance.now() - began < 3000, `took ${performance.now() - began} ms`);
  });
});
