/**
 * Runs a bundle (dist/*.bundle.js) with V8's code cache: the bytecode of every function the build's
 * warm-up run compiled (scripts/code-cache.mjs), so a start neither parses the bundle nor compiles
 * the lint path again. This is most of the server's start-up time that is not Node's own.
 *
 * The cache file starts with the size and modification time of the bundle it was made from, then
 * V8's data. V8 itself checks only its version, its flags and the source's length, so this stamp
 * is what keeps a cache from a rebuilt bundle out (a content hash would cost the CLI loading
 * node:crypto). A cache that is missing, stale or refused by V8 (another Node, other flags) costs
 * nothing but the plain compile that Node would have done anyway.
 */
import * as fs from 'node:fs';
import Module from 'node:module';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { isMainThread, parentPort } from 'node:worker_threads';

/** Set (to anything) by the build's warm-up run: write the cache when the program is done. */
export const WRITE_ENV = 'SEEDLINT_WRITE_CODE_CACHE';
/** `off`: compile as if there were no cache (the benchmark's comparison); `report`: say on stderr how the cache was used. */
export const USE_ENV = 'SEEDLINT_CODE_CACHE';

/** The stamp: the bundle's size and mtimeMs, as two doubles. */
const STAMP_BYTES = 16;

export type CacheUse = 'accepted' | 'rejected' | 'stale' | 'absent' | 'off';

export function cacheFileOf(bundleFile: string): string {
  return `${bundleFile}.cache`;
}

function stampOf(bundleFile: string): Buffer {
  const stat = fs.statSync(bundleFile);
  const stamp = Buffer.alloc(STAMP_BYTES);
  stamp.writeDoubleLE(stat.size, 0);
  stamp.writeDoubleLE(stat.mtimeMs, 8);
  return stamp;
}

/** The cache for the bundle with this stamp, if there is one made from it. */
function readCache(cacheFile: string, stamp: Buffer): { data?: Buffer; use: CacheUse } {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(cacheFile);
  } catch {
    return { use: 'absent' };
  }
  if (bytes.length <= STAMP_BYTES || !bytes.subarray(0, STAMP_BYTES).equals(stamp)) return { use: 'stale' };
  return { data: bytes.subarray(STAMP_BYTES), use: 'accepted' };
}

/** Writes through a temporary file and a rename, so a reader never sees half a cache. */
function writeCache(cacheFile: string, stamp: Buffer, script: vm.Script): void {
  const temp = `${cacheFile}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    fs.writeFileSync(temp, Buffer.concat([stamp, script.createCachedData()]));
    fs.renameSync(temp, cacheFile);
  } catch (e) {
    fs.rmSync(temp, { force: true });
    process.stderr.write(`seedlint: cannot write the code cache ${cacheFile}: ${(e as Error).message}\n`);
  }
}

export interface BundleRun {
  /** How the cache was used. */
  use: CacheUse;
  /** Writes the cache of everything compiled so far (what the build's warm-up run does at exit). */
  writeCache(): void;
}

/**
 * Runs `bundleFile` as the CommonJS module Node would make of it, as the program when `host` (the
 * loader's own module) is the program.
 */
export function runBundle(bundleFile: string, host: NodeJS.Module): BundleRun {
  const stamp = stampOf(bundleFile);
  const source = fs.readFileSync(bundleFile, 'utf8');
  const cacheFile = cacheFileOf(bundleFile);
  const { data, use: found } = process.env[USE_ENV] === 'off' ? { data: undefined, use: 'off' as const } : readCache(cacheFile, stamp);
  // The same wrapper as Node's own, so the bundle sees exports, require, module and its paths.
  const wrapped = `(function (exports, require, module, __filename, __dirname) { ${source}\n})`;
  const script = new vm.Script(wrapped, { filename: bundleFile, cachedData: data });
  const use: CacheUse = data && script.cachedDataRejected ? 'rejected' : found;
  if (process.env[USE_ENV] === 'report') process.stderr.write(`seedlint: code cache ${use}: ${cacheFile}\n`);
  const write = () => writeCache(cacheFile, stamp, script);

  const dir = path.dirname(bundleFile);
  const bundle = new Module(bundleFile, host);
  bundle.filename = bundleFile;
  bundle.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(dir);
  const requireFromBundle = Module.createRequire(bundleFile);
  // `require.main === module` is how a bundle knows it is the program.
  if (require.main === host) (requireFromBundle as { main?: NodeJS.Module }).main = bundle;

  if (process.env[WRITE_ENV]) {
    process.once('exit', write);
    // A worker thread is terminated once it has replied, and then runs no exit handlers: write
    // before each reply goes out, when the work it answers has been compiled.
    const port = isMainThread ? null : parentPort;
    if (port) {
      const post = port.postMessage.bind(port);
      port.postMessage = (...args: Parameters<typeof post>) => {
        write();
        post(...args);
      };
    }
  }
  (script.runInThisContext() as (...args: unknown[]) => void).call(bundle.exports, bundle.exports, requireFromBundle, bundle, bundleFile, dir);
  bundle.loaded = true;
  return { use, writeCache: write };
}
