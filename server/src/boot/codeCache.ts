/**
 * Runs a bundle (dist/*.bundle.js) with V8's code cache: the bytecode of every function a previous
 * run compiled, so a start neither parses the bundle nor compiles the lint path again. This is
 * most of the server's start-up time that is not Node's own.
 *
 * There is one cache per bundle and V8 version (`<bundle>.<v8 version>.cache`): the build makes the
 * one for its Node (scripts/code-cache.mjs runs each program once over seeds/), and a run under
 * another V8 (VS Code runs the server on Electron's) finds none, compiles as usual and writes its
 * own when it ends, for the next start. The file starts with the size and modification time of the
 * bundle it was made from, then V8's data. V8 itself checks only its version, its flags and the
 * source's length, so this stamp is what keeps a cache from a rebuilt bundle out (a content hash
 * would cost the CLI loading node:crypto). A cache that is missing, stale or refused (other V8
 * flags) costs nothing but the plain compile that Node would have done anyway, and is replaced.
 */
import * as fs from 'node:fs';
import Module from 'node:module';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { isMainThread, parentPort } from 'node:worker_threads';

/** `off`: neither read nor write a cache (the benchmark's comparison); `report`: say on stderr how it was used. */
export const USE_ENV = 'SEEDLINT_CODE_CACHE';

/** The stamp: the bundle's size and mtimeMs, as two doubles. */
const STAMP_BYTES = 16;

/**
 * V8 flags for a program, set before its bundle compiles (its cache is made under them too, as V8
 * requires). Only tuning limits that V8 reads per compile job belong here: a flag that changes the
 * state of code already compiled (Node's own, at start-up) is not safe to flip at run time; setting
 * `--no-regexp-tier-up` this way crashed a test process. Nor is a garbage collector flag:
 * `--single-threaded-gc`, set before starting the workers (2 workers on 2 cores ran 5-28 % faster
 * with it), aborted the CLI on a V8 check when a concurrent marking of the main thread's heap was
 * under way. The server runs with V8's defaults.
 */
export const V8_FLAGS: readonly string[] = [];

/**
 * The CLI's, for its worker threads too (V8 flags are per process). Less inlining: TurboFan spends
 * up to 200 ms compiling one large rule function with its callees inlined, again after each
 * deoptimisation, and every worker compiles its own. Over the benchmark corpus this takes 3-10 %
 * less CPU and 10-18 MB less peak RSS; the server keeps V8's default, which types a little faster.
 */
export const CLI_V8_FLAGS: readonly string[] = ['--max-inlined-bytecode-size-cumulative=300'];

export type CacheUse = 'accepted' | 'rejected' | 'stale' | 'absent' | 'off';

export function cacheFileOf(bundleFile: string): string {
  return `${bundleFile}.${process.versions.v8}.cache`;
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

/**
 * Writes through a temporary file and a rename, so a reader never sees half a cache. Returns what
 * went wrong, if anything: a folder the user cannot write to only means no cache.
 */
function writeCache(cacheFile: string, stamp: Buffer, script: vm.Script): string | undefined {
  // Checked first: making the data costs tens of milliseconds, every run, in a folder never writable.
  try {
    fs.accessSync(path.dirname(cacheFile), fs.constants.W_OK);
  } catch (e) {
    return (e as Error).message;
  }
  const temp = `${cacheFile}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    fs.writeFileSync(temp, Buffer.concat([stamp, script.createCachedData()]));
    fs.renameSync(temp, cacheFile);
    return undefined;
  } catch (e) {
    fs.rmSync(temp, { force: true });
    return (e as Error).message;
  }
}

export interface BundleRun {
  /** How the cache was used. */
  use: CacheUse;
  /** Writes the cache of everything compiled so far; returns the error, if any. */
  writeCache(): string | undefined;
}

/**
 * Runs `bundleFile` as the CommonJS module Node would make of it, as the program when `host` (the
 * loader's own module) is the program. Without a usable cache, one is written when the program
 * ends (a worker thread: before its first reply, as a terminated worker runs no exit handlers).
 */
export function runBundle(bundleFile: string, host: NodeJS.Module, v8Flags: readonly string[] = V8_FLAGS): BundleRun {
  // Per process: a worker thread runs under the flags its program's main thread set.
  if (isMainThread) for (const flag of v8Flags) v8.setFlagsFromString(flag);
  const stamp = stampOf(bundleFile);
  const source = fs.readFileSync(bundleFile, 'utf8');
  const cacheFile = cacheFileOf(bundleFile);
  const off = process.env[USE_ENV] === 'off';
  const { data, use: found } = off ? { data: undefined, use: 'off' as const } : readCache(cacheFile, stamp);
  // The same wrapper as Node's own, so the bundle sees exports, require, module and its paths.
  const wrapped = `(function (exports, require, module, __filename, __dirname) { ${source}\n})`;
  const script = new vm.Script(wrapped, { filename: bundleFile, cachedData: data });
  const use: CacheUse = data && script.cachedDataRejected ? 'rejected' : found;
  const report = process.env[USE_ENV] === 'report';
  if (report) process.stderr.write(`seedlint: code cache ${use}: ${cacheFile}\n`);
  const write = () => {
    const error = writeCache(cacheFile, stamp, script);
    if (report) process.stderr.write(error ? `seedlint: code cache not written: ${error}\n` : `seedlint: code cache written: ${cacheFile}\n`);
    return error;
  };

  const dir = path.dirname(bundleFile);
  const bundle = new Module(bundleFile, host);
  bundle.filename = bundleFile;
  bundle.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(dir);
  const requireFromBundle = Module.createRequire(bundleFile);
  // `require.main === module` is how a bundle knows it is the program.
  if (require.main === host) (requireFromBundle as { main?: NodeJS.Module }).main = bundle;

  if (use !== 'accepted' && !off) {
    const port = isMainThread ? null : parentPort;
    if (port) {
      const post = port.postMessage.bind(port);
      port.postMessage = (...args: Parameters<typeof post>) => {
        port.postMessage = post;
        write();
        Reflect.apply(post, port, args);
      };
    } else process.once('exit', () => void write());
  }
  (script.runInThisContext() as (...args: unknown[]) => void).call(bundle.exports, bundle.exports, requireFromBundle, bundle, bundleFile, dir);
  bundle.loaded = true;
  return { use, writeCache: write };
}
