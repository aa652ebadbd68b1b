/** CLI safety: atomic writes that leave the original alone on failure, links, odd names, permissions, big trees, hostile configs. */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { allRules, ConfigError, parseConfig } from '../../server/src/engine/index';
import { collectFiles } from '../../server/src/io/files';
import { writeFileAtomic } from '../../server/src/io/write';
import { CLI, runCli, tempDir } from '../helpers/cli';

const SAMPLE = ' date 2024-10-28\nTitle\nBody.\n';

/**
 * The CLI as user `nobody` when the tests run as root (root ignores permissions). The loader and
 * its bundle are self-contained, so copies in a world-readable folder run wherever the checkout
 * lives (without the code cache, which is made for the bundle where it was built).
 */
function runAsUnprivileged(args: string[], cwd: string) {
  const asNobody = process.getuid?.() === 0;
  let cli = CLI;
  if (asNobody) {
    const dir = tempDir();
    fs.chmodSync(dir, 0o755);
    cli = path.join(dir, 'cli.js');
    for (const name of ['cli.js', 'cli.bundle.js']) {
      fs.copyFileSync(path.join(path.dirname(CLI), name), path.join(dir, name));
      fs.chmodSync(path.join(dir, name), 0o644);
    }
  }
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', ...(asNobody ? { uid: 65534, gid: 65534 } : {}) });
  if (r.status === null || !r.stdout) throw new Error(`the CLI did not run: status ${r.status}, ${r.error?.message ?? ''} ${r.stderr}`);
  return r;
}

describe('CLI safety', function () {
  this.timeout(120_000);

  it('writeFileAtomic leaves the original untouched and no temporary file when the rename fails', () => {
    const dir = tempDir();
    const file = path.join(dir, 'a.txt');
    fs.writeFileSync(file, 'original');
    // The module object itself (an import namespace is a read-only view of it).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const realFs = require('node:fs') as typeof fs;
    const rename = realFs.renameSync;
    realFs.renameSync = () => {
      throw Object.assign(new Error('disk full'), { code: 'ENOSPC' });
    };
    try {
      assert.throws(() => writeFileAtomic(file, 'new text'), /disk full/);
    } finally {
      realFs.renameSync = rename;
    }
    assert.equal(fs.readFileSync(file, 'utf8'), 'original');
    assert.deepEqual(fs.readdirSync(dir), ['a.txt']);
  });

  it('writeFileAtomic writes through a link to its target, keeping the link', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'target.txt'), 'old');
    fs.symlinkSync('target.txt', path.join(dir, 'link.txt'));
    writeFileAtomic(path.join(dir, 'link.txt'), 'new');
    assert.ok(fs.lstatSync(path.join(dir, 'link.txt')).isSymbolicLink());
    assert.equal(fs.readFileSync(path.join(dir, 'target.txt'), 'utf8'), 'new');
  });

  it('--fix reports a failed write and leaves the file as it was', () => {
    const dir = tempDir();
    const corpus = path.join(dir, 'corpus');
    fs.mkdirSync(corpus);
    const file = path.join(corpus, 'a.txt');
    fs.writeFileSync(file, SAMPLE);
    // A directory where the file's temporary sibling would go cannot be made: make the folder read-only for a non-root user.
    fs.chmodSync(corpus, 0o555);
    fs.chmodSync(file, 0o666);
    fs.chmodSync(dir, 0o755);
    try {
      const r = runAsUnprivileged(['--fix', '--format', 'json', 'a.txt'], corpus);
      const [result] = JSON.parse(r.stdout) as Array<{ messages: Array<{ ruleId: string; message: string }> }>;
      assert.equal(result.messages[0].ruleId, 'file/write-failed', r.stderr);
      assert.match(result.messages[0].message, /the file is unchanged.*permission denied/);
      assert.equal(r.status, 1);
    } finally {
      fs.chmodSync(corpus, 0o755);
    }
    assert.equal(fs.readFileSync(file, 'utf8'), SAMPLE);
    assert.deepEqual(fs.readdirSync(corpus), ['a.txt']);
  });

  it('does not follow links out of the corpus root, and --fix refuses to write through one', () => {
    const dir = tempDir();
    const outside = path.join(dir, 'outside.txt');
    fs.writeFileSync(outside, SAMPLE);
    const corpus = path.join(dir, 'corpus');
    fs.mkdirSync(corpus);
    fs.writeFileSync(path.join(corpus, 'inside.txt'), SAMPLE);
    fs.symlinkSync(outside, path.join(corpus, 'escape.txt'));
    const walked = runCli(['--format', 'json', '.'], corpus);
    const results = JSON.parse(walked.stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string; message: string }> }>;
    const escape = results.find((r) => r.filePath.endsWith('escape.txt'))!;
    assert.deepEqual(escape.messages.map((m) => m.ruleId), ['file/unreadable']);
    assert.match(escape.messages[0].message, /outside the corpus root/);
    const fixed = runCli(['--fix', '--format', 'json', 'escape.txt'], corpus);
    const [r] = JSON.parse(fixed.stdout) as Array<{ messages: Array<{ ruleId: string }> }>;
    assert.equal(r.messages[0].ruleId, 'file/outside-root');
    assert.equal(fs.readFileSync(outside, 'utf8'), SAMPLE, 'the file outside the root was not written');
  });

  it('survives symlink loops', () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'a'));
    fs.writeFileSync(path.join(dir, 'a', 'x.txt'), SAMPLE);
    fs.symlinkSync('..', path.join(dir, 'a', 'loop'));
    fs.symlinkSync('self', path.join(dir, 'self'));
    const r = runCli(['--format', 'json', '.'], dir);
    assert.equal(r.code, 1, r.stderr);
    const files = (JSON.parse(r.stdout) as Array<{ filePath: string }>).map((x) => path.relative(dir, x.filePath));
    assert.ok(files.includes(path.join('a', 'x.txt')));
  });

  it('handles names with spaces, newlines and invalid UTF-8', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'with space.txt'), SAMPLE);
    fs.writeFileSync(path.join(dir, 'new\nline.txt'), SAMPLE);
    fs.writeFileSync(Buffer.concat([Buffer.from(dir + '/bad'), Buffer.from([0xff]), Buffer.from('.txt')]), SAMPLE);
    const r = runCli(['--format', 'json', '.'], dir);
    const results = JSON.parse(r.stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string; message: string }> }>;
    const by = (suffix: string) => results.find((x) => x.filePath.endsWith(suffix))!;
    assert.ok(by('with space.txt').messages.some((m) => m.ruleId === 'date-header/whitespace'));
    assert.ok(by('new\nline.txt').messages.some((m) => m.ruleId === 'date-header/whitespace'));
    const bad = results.find((x) => x.filePath.includes('\ufffd'))!;
    assert.match(bad.messages[0].message, /not valid UTF-8/);
    const stylish = runCli(['.'], dir);
    assert.match(stylish.stdout, /^new\\nline\.txt$/m, 'a newline in a name is escaped in stylish output');
    assert.ok(runCli(['with space.txt'], dir).stdout.includes('with space.txt'));
  });

  it('reports unreadable files and directories (permission denied) and lints the rest', function () {
    const dir = tempDir();
    fs.chmodSync(dir, 0o755);
    fs.writeFileSync(path.join(dir, 'ok.txt'), SAMPLE);
    fs.writeFileSync(path.join(dir, 'secret.txt'), SAMPLE);
    fs.mkdirSync(path.join(dir, 'closed'));
    fs.writeFileSync(path.join(dir, 'closed', 'x.txt'), SAMPLE);
    for (const f of ['ok.txt', 'secret.txt']) fs.chmodSync(path.join(dir, f), 0o644);
    fs.chmodSync(path.join(dir, 'secret.txt'), 0o000);
    fs.chmodSync(path.join(dir, 'closed'), 0o000);
    const r = runAsUnprivileged(['--format', 'json', '.'], dir);
    fs.chmodSync(path.join(dir, 'closed'), 0o755);
    const results = JSON.parse(r.stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string; message: string }> }>;
    const by = (name: string) => results.find((x) => x.filePath.endsWith(name))!;
    assert.match(by('secret.txt').messages[0].message, /permission denied/);
    assert.match(by('closed').messages[0].message, /Cannot read the directory: permission denied\./);
    assert.ok(by('ok.txt').messages.some((m) => m.ruleId === 'date-header/whitespace'));
  });

  it('walks a 100,000-file tree', () => {
    const dir = tempDir();
    for (let d = 0; d < 100; d++) {
      const sub = path.join(dir, `d${d}`);
      fs.mkdirSync(sub);
      for (let f = 0; f < 1000; f++) fs.writeFileSync(path.join(sub, `f${f}.txt`), '');
    }
    const collected = collectFiles(['.'], dir, dir, ['**/*.txt'], []);
    assert.equal(collected.files.length, 100_000);
    assert.deepEqual(collected.problems, []);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('treats config files as data: no globs out of the root, no prototype tricks, size limits', () => {
    assert.throws(() => parseConfig(JSON.stringify({ include: ['../other/**/*.txt'] }), allRules), (e: ConfigError) => e.path === '/include/0' && /leaves the corpus root/.test(e.message));
    assert.throws(() => parseConfig(JSON.stringify({ exclude: ['/etc/**'] }), allRules), /\/exclude\/0/);
    assert.throws(() => parseConfig('{"__proto__": {"polluted": true}}', allRules), /unknown property "__proto__"/);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.throws(() => parseConfig(' '.repeat(2 * 1024 * 1024), allRules), /larger than/);
    assert.throws(() => parseConfig(JSON.stringify({ rules: { 'date-header/missing': { options: { x: 1 } } } }), allRules), /unknown option/);
  });
});
