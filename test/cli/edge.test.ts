/**
 * The file edge under faults (issue #19): full disks, lost updates, read-only files, owners, links,
 * signals, FIFOs and devices, hostile globs, forged caches, NUL bytes, output injection, SARIF URIs.
 */
import * as assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Minimatch } from 'minimatch';
import { commitOutcome, lintForCli } from '../../server/src/cli/lintFile';
import { allRules, resolveConfig } from '../../server/src/engine/index';
import { findCorpusRoot } from '../../server/src/io/config';
import { collectFiles } from '../../server/src/io/files';
import { compileGlob } from '../../server/src/io/glob';
import { readRegularFile, snapshotOf } from '../../server/src/io/read';
import { tempFileCount, writeFileAtomic, WriteRefused, type WriteFs } from '../../server/src/io/write';
import { CLI, runCli, SEEDS, tempDir } from '../helpers/cli';

const SAMPLE = ' date 2024-10-28\nTitle\nBody.\n';
const isRoot = process.getuid?.() === 0;
type Json = Array<{ filePath: string; messages: Array<{ ruleId: string; message: string; line: number; fatal?: boolean }>; fixesApplied?: number }>;

/** A text with many safe fixes (a leading space, repeated words) of about `bytes` bytes. */
function fixable(bytes: number): string {
  let text = ' date 2024-10-28\nTitle\n';
  for (let i = 0; text.length < bytes; i++) text += `Paragraph ${i} says the the thing, and and more words follow here.\n`;
  return text;
}

function noTemps(dir: string): void {
  const left = fs.readdirSync(dir).filter((f) => f.includes('.seedlint-') && f.endsWith('.tmp'));
  assert.deepEqual(left, [], 'no temporary file is left');
}

describe('file edge: writes', function () {
  this.timeout(60_000);

  it('a short write (a full disk) fails, leaves the original whole and no temporary file', () => {
    const dir = tempDir();
    const file = path.join(dir, 'a.txt');
    fs.writeFileSync(file, 'original text');
    // The disk takes 4 bytes, then nothing: as write(2) answers on a full disk.
    let room = 4;
    const full: WriteFs = {
      ...fs,
      writeSync: ((fd: number, buf: Uint8Array, off: number, len: number) => {
        const n = Math.min(room, len);
        room -= n;
        return fs.writeSync(fd, buf, off, n);
      }) as typeof fs.writeSync,
    };
    assert.throws(() => writeFileAtomic(file, 'a much longer new text', { fs: full }), /no space left/);
    assert.equal(fs.readFileSync(file, 'utf8'), 'original text');
    noTemps(dir);
    assert.equal(tempFileCount(), 0);
  });

  it('a temporary file shorter than what was written (a lying disk) is not renamed over the original', () => {
    const dir = tempDir();
    const file = path.join(dir, 'a.txt');
    fs.writeFileSync(file, 'original text');
    const lying: WriteFs = { ...fs, fstatSync: ((fd: number) => ({ ...fs.fstatSync(fd), size: 3 })) as unknown as typeof fs.fstatSync };
    assert.throws(() => writeFileAtomic(file, 'new text', { fs: lying }), /holds 3 of 8 bytes/);
    assert.equal(fs.readFileSync(file, 'utf8'), 'original text');
    noTemps(dir);
  });

  it('--fix on a nearly full file system (a 64 KB tmpfs) reports file/write-failed and leaves the file whole', function () {
    if (!isRoot) this.skip();
    const mnt = tempDir();
    if (spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', mnt]).status !== 0) this.skip();
    try {
      const text = fixable(23 * 1024);
      fs.writeFileSync(path.join(mnt, 'a.txt'), text);
      // Fill the rest but about 12 KB.
      const free = () => Number(execFileSync('df', ['-B1', '--output=avail', mnt], { encoding: 'utf8' }).split('\n')[1]);
      fs.writeFileSync(path.join(mnt, 'filler'), Buffer.alloc(Math.max(0, free() - 12 * 1024)));
      const r = runCli(['--fix', '--format', 'json', 'a.txt'], mnt);
      const [result] = JSON.parse(r.stdout) as Json;
      assert.equal(result.messages[0].ruleId, 'file/write-failed', r.stdout.slice(0, 500));
      assert.match(result.messages[0].message, /no space left/);
      assert.equal(result.fixesApplied, undefined);
      assert.equal(r.code, 1);
      assert.equal(fs.readFileSync(path.join(mnt, 'a.txt'), 'utf8'), text, 'the original is whole');
      noTemps(mnt);
    } finally {
      spawnSync('umount', [mnt]);
    }
  });

  it('a file changed between its read and the rename is not overwritten (no lost update): file/changed', () => {
    const dir = tempDir();
    const file = path.join(dir, 'a.txt');
    fs.writeFileSync(file, SAMPLE);
    const config = resolveConfig({}, allRules);
    const outcome = lintForCli(file, { args: { fix: true, maxFileSizeMb: 64 }, config, reviewed: new Set() });
    assert.ok(outcome.fixed, 'there is a fix to write');
    // An editor saves meanwhile.
    fs.writeFileSync(file, SAMPLE + 'Saved by the editor.\n');
    const onDisk = (f: string) => lintForCli(f, { args: { fix: false, maxFileSizeMb: 64 }, config, reviewed: new Set() }).result;
    const result = commitOutcome(outcome, { root: dir }, onDisk);
    assert.equal(result.messages[0].ruleId, 'file/changed');
    // The report describes the editor's text on disk: its leading space is still there.
    assert.ok(result.messages.some((m) => m.ruleId === 'date-header/whitespace'), 'the findings of the text on disk');
    assert.equal(fs.readFileSync(file, 'utf8'), SAMPLE + 'Saved by the editor.\n');
    // And the writer itself checks again just before the rename.
    const snapshot = snapshotOf(fs.statSync(file));
    fs.appendFileSync(file, 'x');
    assert.throws(() => writeFileAtomic(file, 'new', { expect: snapshot }), (e: WriteRefused) => e.kind === 'changed');
    noTemps(dir);
  });

  it('--fix does not replace a read-only file: file/read-only, the file untouched', () => {
    const dir = tempDir();
    const file = path.join(dir, 'a.txt');
    fs.writeFileSync(file, SAMPLE);
    fs.chmodSync(file, 0o444);
    const r = runCli(['--fix', '--format', 'json', 'a.txt'], dir);
    const [result] = JSON.parse(r.stdout) as Json;
    assert.equal(result.messages[0].ruleId, 'file/read-only');
    assert.equal(fs.readFileSync(file, 'utf8'), SAMPLE);
    assert.equal(fs.statSync(file).mode & 0o777, 0o444);
  });

  it('--fix by a user who may not write a file leaves it alone, even in a folder it may write', function () {
    if (!isRoot) this.skip();
    const dir = tempDir();
    fs.chmodSync(dir, 0o777);
    const file = path.join(dir, 'a.txt');
    fs.writeFileSync(file, SAMPLE);
    fs.chmodSync(file, 0o644); // root's, readable by all
    const cli = path.join(tempDir(), 'cli');
    fs.mkdirSync(cli);
    fs.chmodSync(path.dirname(cli), 0o755);
    fs.chmodSync(cli, 0o755);
    for (const name of ['cli.js', 'cli.bundle.js']) fs.copyFileSync(path.join(path.dirname(CLI), name), path.join(cli, name));
    const r = spawnSync(process.execPath, [path.join(cli, 'cli.js'), '--fix', '--format', 'json', 'a.txt'], { cwd: dir, encoding: 'utf8', uid: 65534, gid: 65534 });
    const [result] = JSON.parse(r.stdout) as Json;
    assert.equal(result.messages[0].ruleId, 'file/read-only', r.stderr);
    assert.equal(fs.statSync(file).uid, 0, 'still root\'s');
    assert.equal(fs.readFileSync(file, 'utf8'), SAMPLE);
  });

  it('--fix as root keeps another user\'s owner, group and mode', function () {
    if (!isRoot) this.skip();
    const dir = tempDir();
    const file = path.join(dir, 'a.txt');
    fs.writeFileSync(file, SAMPLE);
    fs.chownSync(file, 65534, 65534);
    fs.chmodSync(file, 0o640);
    const r = runCli(['--fix', '--format', 'json', 'a.txt'], dir);
    assert.equal((JSON.parse(r.stdout) as Json)[0].fixesApplied, 1, r.stdout);
    const st = fs.statSync(file);
    assert.deepEqual([st.uid, st.gid, st.mode & 0o7777], [65534, 65534, 0o640]);
    assert.equal(fs.readFileSync(file, 'utf8'), SAMPLE.trimStart());
  });

  it('a hard-linked file is replaced at the path fixed; its other names keep the old text (as documented)', () => {
    const dir = tempDir();
    const file = path.join(dir, 'a.txt');
    fs.writeFileSync(file, SAMPLE);
    fs.linkSync(file, path.join(dir, 'other-name'));
    runCli(['--fix', 'a.txt'], dir);
    assert.equal(fs.readFileSync(file, 'utf8'), SAMPLE.trimStart());
    assert.equal(fs.readFileSync(path.join(dir, 'other-name'), 'utf8'), SAMPLE);
  });

  it('SIGINT or SIGTERM during --fix leaves no temporary file and says which files were written', async function () {
    this.timeout(120_000);
    for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGINT', 130], ['SIGTERM', 143]] as const) {
      const dir = tempDir();
      for (let i = 0; i < 60; i++) fs.writeFileSync(path.join(dir, `f${String(i).padStart(3, '0')}.txt`), fixable(40 * 1024));
      const child = spawn(process.execPath, [CLI, '--fix', '--workers', '2', '.'], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      // Once some files are written.
      const deadline = Date.now() + 30_000;
      while (Date.now() < deadline && fs.readdirSync(dir).every((f) => fs.readFileSync(path.join(dir, f), 'utf8').startsWith(' '))) await new Promise((r) => setTimeout(r, 5));
      child.kill(signal);
      const exit = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
      noTemps(dir);
      if (exit === 0) continue; // finished before the signal
      assert.equal(exit, code, stderr);
      const fixed = fs.readdirSync(dir).filter((f) => !fs.readFileSync(path.join(dir, f), 'utf8').startsWith(' '));
      assert.match(stderr, new RegExp(`${signal}: stopped`));
      for (const f of fixed) assert.ok(stderr.includes(f), `${f} is named as written`);
    }
  });
});

describe('file edge: reads', function () {
  this.timeout(60_000);

  it('NUL after the first 8 KiB makes a file binary too', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'late-nul.txt'), Buffer.concat([Buffer.from('date 2024-10-28\nTitle\n' + 'Text. '.repeat(3000)), Buffer.from([0]), Buffer.from('tail\n')]));
    const [r] = JSON.parse(runCli(['--format', 'json', 'late-nul.txt'], dir).stdout) as Json;
    assert.deepEqual(r.messages.map((m) => m.ruleId), ['file/binary']);
  });

  it('FIFOs and /dev/zero as a seed file, config, review sidecar or cache: refused at once, never read', function () {
    this.timeout(60_000);
    for (const role of ['seed', 'config', 'sidecar', 'cache'] as const) {
      for (const kind of ['fifo', 'zero'] as const) {
        const dir = tempDir();
        fs.writeFileSync(path.join(dir, 'a.txt'), SAMPLE);
        const target = { seed: 'b.txt', config: 'seedlint.config.json', sidecar: '.seedlint-reviewed.json', cache: 'cache.json' }[role];
        if (kind === 'fifo') execFileSync('mkfifo', [path.join(dir, target)]);
        else fs.symlinkSync('/dev/zero', path.join(dir, target));
        const args = role === 'cache' ? ['--cache-location', 'cache.json', '--format', 'json', '.'] : ['--format', 'json', '.'];
        const began = Date.now();
        const r = spawnSync(process.execPath, [CLI, ...args], { cwd: dir, encoding: 'utf8', timeout: 15_000, env: { ...process.env, XDG_CACHE_HOME: tempDir() } });
        assert.notEqual(r.signal, 'SIGTERM', `${role} as ${kind}: the CLI did not hang`);
        assert.ok(Date.now() - began < 10_000, `${role} as ${kind}: quick`);
        if (role === 'seed') {
          const results = JSON.parse(r.stdout) as Json;
          // A FIFO is not a regular file, so the walk leaves it; named explicitly it is refused.
          if (kind === 'zero') assert.ok(results.every((x) => !x.filePath.endsWith('b.txt') || x.messages[0].ruleId === 'file/unreadable'));
          const explicit = spawnSync(process.execPath, [CLI, '--format', 'json', 'b.txt'], { cwd: dir, encoding: 'utf8', timeout: 15_000 });
          assert.equal((JSON.parse(explicit.stdout) as Json)[0].messages[0].ruleId, 'file/unreadable', `${kind} named explicitly`);
        } else if (role === 'cache') {
          assert.match(r.stderr, /ignoring the cache.*not a regular file/, `${kind}: ${r.stderr}`);
          assert.equal(r.status, 0, 'the files are linted all the same');
        } else {
          assert.equal(r.status, 2, `${role} as ${kind}: a configuration error: ${r.stderr}`);
          assert.match(r.stderr, /not a regular file/);
        }
      }
    }
  });

  it('readRegularFile checks the size before reading, and never reads past the limit', () => {
    const dir = tempDir();
    const big = path.join(dir, 'big');
    fs.writeFileSync(big, '');
    fs.truncateSync(big, 700 * 1024 * 1024); // sparse: 700 MB to fstat, nothing on disk
    assert.throws(() => readRegularFile(big, 8 * 1024 * 1024), /larger than 8388608 bytes/);
    fs.writeFileSync(path.join(dir, '.seedlint-reviewed.json'), '');
    fs.truncateSync(path.join(dir, '.seedlint-reviewed.json'), 600 * 1024 * 1024);
    const r = runCli(['--format', 'json', '.'], dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /larger than/);
  });
});

describe('file edge: globs', function () {
  this.timeout(60_000);

  it('matches as minimatch (dot: true) on patterns and paths of the config\'s kind', () => {
    // A seeded generator: the same cases every run.
    let seed = 7;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const atoms = ['a', 'b', '.', '*', '?', '[ab]', '[!a]', '**', 'seeds', 'x.txt', '{a,b}', '\\*'];
    const names = ['a', 'b', 'ab', 'ba', '.a', 'seeds', 'x.txt', 'a.txt', '*', 'aab', ''];
    let checked = 0;
    for (let k = 0; k < 3000; k++) {
      const pattern = Array.from({ length: 1 + rnd(4) }, () => Array.from({ length: 1 + rnd(3) }, () => atoms[rnd(atoms.length)]).join('').replace(/\*\*\*+/g, '**')).join('/');
      const p = Array.from({ length: 1 + rnd(4) }, () => names[rnd(names.length)]).join('/');
      if (/\*\*[^/]|[^/]\*\*/.test(pattern)) continue; // `a**` is minimatch's own dialect
      assert.equal(compileGlob(pattern).match(p), new Minimatch(pattern, { dot: true }).match(p), `${pattern} against ${p}`);
      checked++;
    }
    assert.ok(checked > 1500);
  });

  it('a glob built to backtrack matches a 200-character name at once; a walk with it stays fast', () => {
    const glob = compileGlob('**/*a*a*a*a*a*a*b.txt');
    const began = performance.now();
    assert.equal(glob.match(`x/${'a'.repeat(200)}.txt`), false);
    assert.ok(performance.now() - began < 50, `took ${performance.now() - began} ms`);
    const dir = tempDir();
    for (let i = 0; i < 50; i++) fs.writeFileSync(path.join(dir, `${'a'.repeat(150)}${i}.txt`), '');
    const walkBegan = performance.now();
    collectFiles(['.'], dir, dir, ['**/*a*a*a*a*a*a*b.txt'], ['**/*a*a*a*a*a*a*c/**']);
    assert.ok(performance.now() - walkBegan < 1000);
  });
});

describe('file edge: the cache', function () {
  this.timeout(60_000);

  it('lives under node_modules/.cache/seedlint, and a copied or forged cache cannot hide findings', () => {
    const dir = tempDir();
    fs.cpSync(SEEDS, path.join(dir, 'seeds'), { recursive: true });
    const env = { XDG_CACHE_HOME: tempDir() };
    const plain = runCli(['--format', 'json'], dir, env);
    runCli(['--format', 'json', '--cache'], dir, env);
    const cacheFile = path.join(dir, 'node_modules', '.cache', 'seedlint', 'results.json');
    assert.ok(fs.existsSync(cacheFile));
    // An attacker's cache: every entry claims no findings, for the right content hashes.
    const cache = JSON.parse(fs.readFileSync(cacheFile, 'utf8'));
    for (const e of Object.values(cache.entries) as Array<{ result: { messages: unknown[]; errorCount: number; warningCount: number } }>) {
      e.result.messages = [];
      e.result.errorCount = 0;
      e.result.warningCount = 0;
    }
    fs.writeFileSync(cacheFile, JSON.stringify(cache));
    const r = runCli(['--format', 'json', '--cache'], dir, env);
    assert.equal(r.stdout, plain.stdout, 'the forged entries were not believed');
    assert.equal(r.code, 1);
    assert.match(r.stderr, /not made by this user's seedlint/);
    // The same cache file under another user's secret (a cache copied from elsewhere) vouches for nothing either.
    const other = runCli(['--format', 'json', '--cache'], dir, { XDG_CACHE_HOME: tempDir() });
    assert.equal(other.stdout, plain.stdout);
    assert.match(other.stderr, /not made by this user's seedlint/);
  });

  it('the default cache is not written through a link that leads out of the corpus root', () => {
    const dir = tempDir();
    fs.cpSync(SEEDS, path.join(dir, 'seeds'), { recursive: true });
    const elsewhere = tempDir();
    fs.symlinkSync(elsewhere, path.join(dir, 'node_modules'));
    const r = runCli(['--format', 'json', '--cache'], dir, { XDG_CACHE_HOME: tempDir() });
    assert.equal(r.code, 1);
    assert.deepEqual(fs.readdirSync(elsewhere).filter((f) => f !== '.cache'), []);
    assert.ok(!fs.existsSync(path.join(elsewhere, '.cache', 'seedlint', 'results.json')), 'nothing written outside the root');
  });
});

describe('file edge: output', function () {
  this.timeout(60_000);

  it('control characters quoted from a file reach no format raw (ESC, BEL, CR, C1, bidi)', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'a.txt'), 'date 2024-10-28\nTitle\n| \u001b]0;pwned\u0007 | \u001b[2J | \u009b31m | \u202e |\n|---|---|\nText.\n');
    for (const format of ['stylish', 'json', 'sarif', 'github']) {
      const r = runCli(['--format', format, 'a.txt'], dir);
      assert.ok(r.stdout.length > 0);
      // JSON escapes what it must with \u; nothing may reach the reader raw, nor as \u001b that a JSON reader turns back.
      for (const c of ['\u001b', '\u0007', '\u009b', '\u202e']) {
        assert.ok(!r.stdout.includes(c), `${format}: U+${c.charCodeAt(0).toString(16)} raw`);
        assert.ok(!r.stdout.includes(JSON.stringify(c).slice(1, -1)), `${format}: U+${c.charCodeAt(0).toString(16)} as a JSON escape`);
      }
    }
  });

  it('SARIF artifact URIs are percent-encoded: %2e%2e%2f, #, ?, CR and LF decode back to the name', () => {
    const dir = tempDir();
    const names = ['%2e%2e%2fescape.txt', 'a#b?c.txt', 'cr\rlf\n.txt', 'space and ü.txt'];
    for (const n of names) fs.writeFileSync(path.join(dir, n), SAMPLE);
    const log = JSON.parse(runCli(['--format', 'sarif', '.'], dir).stdout);
    const uris = new Set<string>(log.runs[0].results.map((x: { locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }) => x.locations[0].physicalLocation.artifactLocation.uri));
    assert.equal(uris.size, names.length);
    for (const uri of uris) {
      assert.match(uri, /^[A-Za-z0-9\-._~%]+$/, `${uri} is one encoded segment`);
      const resolved = new URL(uri, log.runs[0].originalUriBaseIds['%SRCROOT%'].uri);
      assert.equal(resolved.href.startsWith(log.runs[0].originalUriBaseIds['%SRCROOT%'].uri), true, `${uri} stays under %SRCROOT%`);
      assert.ok(names.includes(decodeURIComponent(uri)));
    }
  });

  it('a file with more than 10,000 findings reports 10,000 and one file/too-many-findings', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'many.txt'), 'date 2024-10-28\nTitle\n' + 'word\u0001 '.repeat(12_000) + '\n');
    const [r] = JSON.parse(runCli(['--format', 'json', 'many.txt'], dir).stdout) as Json;
    assert.equal(r.messages.length, 10_001);
    const summary = r.messages.filter((m) => m.ruleId === 'file/too-many-findings');
    assert.equal(summary.length, 1);
    assert.equal(summary[0].message, '2000 more findings not shown: only the first 10000 of a file are reported.');
  });
});

describe('file edge: one corpus root', () => {
  it('the root is the config\'s folder, else the repository root, else the starting folder', () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'repo', '.git'), { recursive: true });
    fs.mkdirSync(path.join(dir, 'repo', 'sub', 'seeds'), { recursive: true });
    assert.deepEqual(findCorpusRoot(path.join(dir, 'repo', 'sub', 'seeds')), { root: path.join(dir, 'repo') });
    fs.writeFileSync(path.join(dir, 'repo', 'sub', 'seedlint.config.json'), '{}');
    assert.deepEqual(findCorpusRoot(path.join(dir, 'repo', 'sub', 'seeds')), { root: path.join(dir, 'repo', 'sub'), configFile: path.join(dir, 'repo', 'sub', 'seedlint.config.json') });
    fs.mkdirSync(path.join(dir, 'loose'));
    assert.deepEqual(findCorpusRoot(path.join(dir, 'loose'), '/workspace'), { root: '/workspace' });
    assert.deepEqual(findCorpusRoot(path.join(dir, 'loose')), { root: path.join(dir, 'loose') });
  });
});
