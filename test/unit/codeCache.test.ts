/**
 * The loader that runs a bundle with V8's code cache (server/src/boot/codeCache.ts): a cache is used
 * only for the very bundle it was made from, and a missing, stale or refused one changes nothing
 * but the compile.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cacheFileOf, runBundle, USE_ENV } from '../../server/src/boot/codeCache';

/** A bundle that leaves what it saw on globalThis, under a fresh key per run. */
function bundleSource(answer: number): string {
  return `globalThis.__codeCacheRun = { answer: ${answer}, dir: __dirname, file: __filename, sameModule: module.exports === exports, path: typeof require('node:path').join };\n`;
}

interface Seen {
  answer: number;
  dir: string;
  file: string;
  sameModule: boolean;
  path: string;
}

function runAndRead(bundleFile: string) {
  delete (globalThis as { __codeCacheRun?: Seen }).__codeCacheRun;
  const run = runBundle(bundleFile, module);
  return { run, seen: (globalThis as { __codeCacheRun?: Seen }).__codeCacheRun! };
}

describe('code cache loader', () => {
  let dir: string;
  let bundle: string;
  const savedUse = process.env[USE_ENV];
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seedlint-code-cache-'));
    bundle = path.join(dir, 'x.bundle.js');
    fs.writeFileSync(bundle, bundleSource(41));
    delete process.env[USE_ENV];
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
    if (savedUse === undefined) delete process.env[USE_ENV];
    else process.env[USE_ENV] = savedUse;
  });

  it('runs the bundle as a CommonJS module, without a cache', () => {
    const { run, seen } = runAndRead(bundle);
    assert.equal(run.use, 'absent');
    assert.deepEqual(seen, { answer: 41, dir, file: bundle, sameModule: true, path: 'function' });
  });

  it('writes a cache that the next run accepts, and runs the same program', () => {
    assert.equal(runAndRead(bundle).run.writeCache(), undefined);
    assert.ok(fs.statSync(cacheFileOf(bundle)).size > 16);
    assert.deepEqual(fs.readdirSync(dir).sort(), ['x.bundle.js', path.basename(cacheFileOf(bundle))], 'no temporary file left');
    const { run, seen } = runAndRead(bundle);
    assert.equal(run.use, 'accepted');
    assert.equal(seen.answer, 41);
  });

  it('does not use the cache of a rebuilt bundle, even one of the same length', () => {
    runAndRead(bundle).run.writeCache();
    // Same length, other code: V8 alone would take the old bytecode for it.
    fs.writeFileSync(bundle, bundleSource(42));
    const later = new Date(Date.now() + 5000);
    fs.utimesSync(bundle, later, later);
    const { run, seen } = runAndRead(bundle);
    assert.equal(run.use, 'stale');
    assert.equal(seen.answer, 42);
  });

  it('falls back to compiling when V8 refuses the cache', () => {
    // A bundle this process has not compiled (V8 would otherwise answer from its in-memory cache),
    // and a cache with its stamp (size and mtimeMs, two doubles) but garbage for V8's data.
    fs.writeFileSync(bundle, bundleSource(43));
    const stat = fs.statSync(bundle);
    const cache = Buffer.alloc(4096, 0x5a);
    cache.writeDoubleLE(stat.size, 0);
    cache.writeDoubleLE(stat.mtimeMs, 8);
    fs.writeFileSync(cacheFileOf(bundle), cache);
    const { run, seen } = runAndRead(bundle);
    assert.equal(run.use, 'rejected');
    assert.equal(seen.answer, 43);
  });

  it('names the cache after the V8 version, so that each runtime keeps its own', () => {
    assert.equal(path.basename(cacheFileOf(bundle)), `x.bundle.js.${process.versions.v8}.cache`);
  });

  it('reports a cache it cannot write instead of throwing', () => {
    const { run } = runAndRead(bundle);
    fs.rmSync(dir, { recursive: true, force: true });
    assert.match(run.writeCache() ?? '', /ENOENT/);
  });

  it(`ignores the cache when ${USE_ENV}=off`, () => {
    runAndRead(bundle).run.writeCache();
    process.env[USE_ENV] = 'off';
    const { run, seen } = runAndRead(bundle);
    assert.equal(run.use, 'off');
    assert.equal(seen.answer, 41);
  });
});
