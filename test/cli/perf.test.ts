/**
 * Worker threads and the result cache: functional checks only (the benchmark measures speed).
 * The CLI runs as a child process on temporary copies of real text.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { CLI_V8_FLAGS, V8_FLAGS } from '../../server/src/boot/codeCache';
import { CACHE_VERSION } from '../../server/src/cli/cache';
import { REPO, runCli, SEEDS, tempCorpus, tempDir } from '../helpers/cli';

/** A corpus of seeds/ plus articles built from the clean fixtures: enough files for several batches. */
function corpus(): string {
  const dir = tempDir();
  fs.cpSync(SEEDS, path.join(dir, 'seeds'), { recursive: true });
  const clean = path.join(REPO, 'test/fixtures/clean');
  for (const f of fs.readdirSync(clean).filter((f) => f.endsWith('.txt')).slice(0, 8)) {
    const lines = fs.readFileSync(path.join(clean, f), 'utf8').split('\n').filter(Boolean);
    for (let k = 0; k < 3; k++) {
      const body = lines.slice(k * 15, k * 15 + 15);
      const header = k === 1 ? '' : `date 2024-0${k + 1}-1${k}\n`;
      fs.writeFileSync(path.join(dir, 'seeds', `${f.slice(0, -4)}-${k}.txt`), `${header}${body[0]}\n\n${body.slice(1).join('\n\n')}\n`);
    }
  }
  fs.writeFileSync(path.join(dir, 'seedlint.config.json'), '{}\n');
  return dir;
}

function json(args: string[], cwd: string) {
  const r = runCli([...args, '--format', 'json'], cwd);
  assert.ok(r.code === 0 || r.code === 1, `exit ${r.code}: ${r.stderr}`);
  return { ...r, results: JSON.parse(r.stdout) as Array<{ filePath: string; messages: unknown[] }> };
}

describe('CLI workers and cache (perf)', function () {
  // Several CLI runs per test, on a machine that may be busy.
  this.timeout(120000);

  it('--workers 2 gives the results of --workers 1, in the same order', () => {
    const dir = corpus();
    const one = json(['seeds', '--workers', '1'], dir);
    const two = json(['seeds', '--workers', '2'], dir);
    assert.ok(one.results.length > 20);
    assert.equal(two.stdout, one.stdout);
    const three = json(['seeds', '--workers', '3'], dir);
    assert.equal(three.stdout, one.stdout);
  });

  it('--workers with --fix writes the same files as one thread', () => {
    const a = corpus();
    const b = corpus();
    const ra = runCli(['seeds', '--fix', '--workers', '1', '--format', 'json'], a);
    const rb = runCli(['seeds', '--fix', '--workers', '2', '--format', 'json'], b);
    assert.equal(rb.stdout.replaceAll(b, ''), ra.stdout.replaceAll(a, ''));
    for (const f of fs.readdirSync(path.join(a, 'seeds'))) {
      assert.equal(fs.readFileSync(path.join(b, 'seeds', f), 'utf8'), fs.readFileSync(path.join(a, 'seeds', f), 'utf8'), f);
    }
  });

  it('a cache hit returns the same results, and the cache file is JSON data', () => {
    const dir = corpus();
    const plain = json(['seeds'], dir);
    const cold = json(['seeds', '--cache'], dir);
    const cacheFile = path.join(dir, 'node_modules', '.cache', 'seedlint', 'results.json');
    assert.ok(fs.existsSync(cacheFile));
    const cache = JSON.parse(fs.readFileSync(cacheFile, 'utf8'));
    assert.equal(cache.version, CACHE_VERSION);
    assert.equal(Object.keys(cache.entries).length, plain.results.length);
    const warm = json(['seeds', '--cache'], dir);
    assert.equal(cold.stdout, plain.stdout);
    assert.equal(warm.stdout, plain.stdout);
    assert.equal(warm.stderr, '');
    // No temporary files left beside it.
    assert.deepEqual(fs.readdirSync(path.dirname(cacheFile)), ['results.json']);
  });

  it('a changed file is linted again; the others come from the cache', () => {
    const dir = corpus();
    json(['seeds', '--cache'], dir);
    const file = path.join(dir, 'seeds', 'de-0.txt');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/^date 2024-01-10\n/, 'date 10.01.2024\n'));
    const warm = json(['seeds', '--cache'], dir);
    const fresh = json(['seeds'], dir);
    assert.equal(warm.stdout, fresh.stdout);
    const r = warm.results.find((x) => x.filePath === file)!;
    assert.ok(JSON.stringify(r.messages).includes('date-header/non-iso'));
  });

  it('a changed config or --rule invalidates the cache', () => {
    const dir = corpus();
    const before = json(['seeds', '--cache'], dir);
    fs.writeFileSync(path.join(dir, 'seedlint.config.json'), JSON.stringify({ rules: { 'date-header/missing': 'off' } }));
    const after = json(['seeds', '--cache'], dir);
    assert.equal(after.stdout, json(['seeds'], dir).stdout);
    assert.notEqual(after.stdout, before.stdout);
    assert.ok(!after.stdout.includes('date-header/missing'));
    const ruled = json(['seeds', '--cache', '--rule', 'date-header/glued=off'], dir);
    assert.equal(ruled.stdout, json(['seeds', '--rule', 'date-header/glued=off'], dir).stdout);
  });

  it('a corrupt cache is ignored with a note, never a crash, and rewritten', () => {
    const dir = corpus();
    const plain = json(['seeds'], dir);
    const cacheFile = path.join(dir, 'node_modules', '.cache', 'seedlint', 'results.json');
    for (const junk of ['{"version": 1, "key": ', '[1, 2, 3]', '\u0000\u0001garbage', JSON.stringify({ version: 1, key: 'x', entries: { a: 1 } })]) {
      fs.mkdirSync(path.dirname(cacheFile), { recursive: true });
      fs.writeFileSync(cacheFile, junk);
      const r = json(['seeds', '--cache'], dir);
      assert.equal(r.stdout, plain.stdout);
      if (!junk.includes('"key":"x"')) assert.match(r.stderr, /note: ignoring the cache/);
      assert.equal(JSON.parse(fs.readFileSync(cacheFile, 'utf8')).version, CACHE_VERSION, 'rewritten');
    }
  });

  it('--cache-location takes a file or a directory', () => {
    const dir = corpus();
    const plain = json(['seeds'], dir);
    assert.equal(json(['seeds', '--cache-location', 'my-cache.json'], dir).stdout, plain.stdout);
    assert.ok(fs.existsSync(path.join(dir, 'my-cache.json')));
    fs.mkdirSync(path.join(dir, 'cachedir'));
    assert.equal(json(['seeds', '--cache-location', 'cachedir'], dir).stdout, plain.stdout);
    assert.ok(fs.existsSync(path.join(dir, 'cachedir', 'results.json')));
    assert.equal(json(['seeds', '--cache-location', 'cachedir'], dir).stdout, plain.stdout);
  });

  it('a result with a future date is cached for the day only', () => {
    const dir = corpus();
    fs.writeFileSync(path.join(dir, 'seeds', 'future.txt'), 'date 2999-01-01\nTitle\n\nText.\n');
    const r = json(['seeds', '--cache'], dir);
    assert.ok(r.stdout.includes('date-header/future'));
    const cache = JSON.parse(fs.readFileSync(path.join(dir, 'node_modules', '.cache', 'seedlint', 'results.json'), 'utf8'));
    const entry = cache.entries[path.join(dir, 'seeds', 'future.txt')];
    assert.equal(entry.day, new Date().toISOString().slice(0, 10));
    const other = Object.entries(cache.entries).find(([f]) => !f.endsWith('future.txt'))![1] as { day?: string };
    assert.equal(other.day, undefined);
  });

  // The build (npm ci, npm run build) makes the caches with the Node that runs these tests.
  it('the built CLI, worker and server start from V8 code caches that this Node accepts', () => {
    const report = { SEEDLINT_CODE_CACHE: 'report' };
    const cli = runCli(['seeds', '--workers', '2'], tempCorpus(), report);
    assert.match(cli.stderr, /code cache accepted: .*cli\.bundle\.js\.[^ ]*\.cache/);
    assert.match(cli.stderr, /code cache accepted: .*worker\.bundle\.js\.[^ ]*\.cache/);
    assert.doesNotMatch(cli.stderr, /code cache written/);
    const server = spawnSync(process.execPath, [path.join(REPO, 'dist/server.js'), '--stdio'], { input: '', encoding: 'utf8', timeout: 20000, env: { ...process.env, ...report } });
    assert.match(server.stderr, /code cache accepted: .*server\.bundle\.js\.[^ ]*\.cache/);
  });

  it('the built loaders run the CLI and its workers under CLI_V8_FLAGS, the server under V8_FLAGS', () => {
    // V8's cache tag folds in its flags: a stand-in bundle reports the tag it runs under, to compare
    // with Node started with exactly those flags on its command line.
    const tagOf = (args: readonly string[]) => spawnSync(process.execPath, [...args, '-p', "require('node:v8').cachedDataVersionTag()"], { encoding: 'utf8' }).stdout.trim();
    const expected = {
      cli: tagOf(CLI_V8_FLAGS),
      server: tagOf(V8_FLAGS),
    };
    assert.notEqual(expected.cli, expected.server, 'the CLI\'s flags change the tag');
    for (const program of ['cli', 'server'] as const) {
      const dir = tempDir();
      fs.copyFileSync(path.join(REPO, 'dist', `${program}.js`), path.join(dir, `${program}.js`));
      fs.writeFileSync(path.join(dir, `${program}.bundle.js`), "process.stdout.write(String(require('node:v8').cachedDataVersionTag()));\n");
      const r = spawnSync(process.execPath, [path.join(dir, `${program}.js`)], { encoding: 'utf8', env: { ...process.env, SEEDLINT_CODE_CACHE: 'off' } });
      assert.equal(r.stdout, expected[program], `${program}: ${r.stderr}`);
    }
  });

  it('a program without a cache for its V8 writes one when it ends, and the next start uses it; an unwritable folder changes nothing else', () => {
    // Loader, bundle and a seed together in one folder that another user can read (the checkout may not be).
    const dir = tempDir();
    fs.chmodSync(dir, 0o755);
    for (const name of ['cli.js', 'cli.bundle.js']) fs.copyFileSync(path.join(REPO, 'dist', name), path.join(dir, name));
    const seed = path.join(dir, 'seed.txt');
    fs.copyFileSync(path.join(SEEDS, '000_a083e0d14a4b92e0.txt'), seed);
    const run = () => spawnSync(process.execPath, [path.join(dir, 'cli.js'), seed, '--format', 'json'], { cwd: dir, encoding: 'utf8', env: { ...process.env, SEEDLINT_CODE_CACHE: 'report' } });
    const first = run();
    assert.match(first.stderr, /code cache absent/);
    assert.match(first.stderr, /code cache written/);
    const second = run();
    assert.match(second.stderr, /code cache accepted/);
    assert.equal(second.stdout, first.stdout, 'the same report');
    assert.equal(second.status, first.status);
    // A folder it cannot write to (as a user without rights would have): no cache, the same report.
    fs.rmSync(path.join(dir, fs.readdirSync(dir).find((f) => f.endsWith('.cache'))!));
    fs.chmodSync(dir, 0o555);
    try {
      const readOnly = spawnSync(process.execPath, [path.join(dir, 'cli.js'), seed, '--format', 'json'], {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, SEEDLINT_CODE_CACHE: 'report' },
        ...(process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {}),
      });
      assert.equal(readOnly.stdout, first.stdout);
      assert.equal(readOnly.status, first.status);
      assert.match(readOnly.stderr, /code cache not written/);
    } finally {
      fs.chmodSync(dir, 0o755);
    }
  });
});
