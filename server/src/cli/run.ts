/**
 * Running the files of a setup, and handing each result on in report order (by path, with the
 * walk's problems among them) as soon as it and every result before it are known. Results come
 * from the cache (`--cache`) where the content is unchanged; the rest are linted in this thread or,
 * for larger runs, in this thread and worker threads (`--workers`) that take small batches from one
 * shared queue. Only results waiting for an earlier file are held, so memory does not grow with
 * the corpus, and the order is the same whatever the number of threads.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { allRules } from '../engine/index';
import { readRegularFile } from '../io/read';
import type { WorkerReply, WorkerSetup, WorkerTask } from '../worker';
import type { ResultCache } from './cache';
import { commitOutcome, lintForCli, type Outcome } from './lintFile';
import type { FileResult } from './results';
import type { CliIo, Setup } from './setup';

/** Runs smaller than this are linted in this thread unless --workers asks for more than one: starting a worker costs more than it saves. */
export const WORKER_MIN_BYTES = 1024 * 1024;
/** Files go to a worker in batches of about this many bytes (at least one file): small, so that workers finish together. */
export const BATCH_BYTES = 64 * 1024;
/** Files this large are linted first, so that no worker is left with one when the others are done. */
export const LARGE_FILE_BYTES = 1024 * 1024;
/** How many files past the next one to report the workers may run ahead: bounds the results held. */
export const WINDOW_FILES = 256;
/** Batches queued per worker, so that it never waits for this thread. */
const BATCHES_PER_WORKER = 2;
/**
 * A worker's heap. Linting leaves much short-lived garbage and keeps little (about 15 MB): with
 * V8's defaults each worker's heap grew to several times that. A smaller young generation, and an
 * old-generation limit (V8 scales the factor by which it grows the heap after a collection with
 * that limit) keep it nearer what it holds. The young generation trades CPU for memory (a file's
 * working set survives more scavenges): on the 20 MB corpus with one worker, 6 MB instead of
 * 16 MB costs 5-15% more CPU for 20-25 MB less peak RSS (120 MB instead of 145), and V8's 48 MB
 * another 20 MB for about 10% less CPU. Runs with files of HUGE_FILE_BYTES or more keep V8's
 * default old-generation limit, which such a file needs; a worker that still runs out of memory
 * ends with ERR_WORKER_OUT_OF_MEMORY and the main thread lints its batches.
 */
export const WORKER_YOUNG_GENERATION_MB = 6;
export const WORKER_OLD_GENERATION_MB = 512;
export const HUGE_FILE_BYTES = 4 * 1024 * 1024;

/**
 * How many worker threads lint: none (this thread lints) for a single file and for runs under
 * WORKER_MIN_BYTES unless `--workers` asks for two or more; else `--workers`, or one per core.
 * This thread reads the files' results from the workers and writes the report.
 */
export function workerCount(requested: number | undefined, files: number, bytes: number): number {
  if (files < 2) return 0;
  if (requested !== undefined) return requested === 1 && bytes < WORKER_MIN_BYTES ? 0 : Math.min(requested, files);
  if (bytes < WORKER_MIN_BYTES) return 0;
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, Math.min(cores, files));
}

function sizeOf(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}

const byPath = (a: FileResult, b: FileResult) => (a.filePath < b.filePath ? -1 : a.filePath > b.filePath ? 1 : 0);

/**
 * Takes results by file index in any order and hands them on in the order of `files` (sorted by
 * path), each walk problem just before the first file whose path is not smaller: the order of a
 * stable sort of `[...problems, ...results]` by path.
 */
export class InOrder {
  /** The index of the next file to hand on. */
  next = 0;
  private readonly held = new Map<number, FileResult>();
  private readonly problems: FileResult[];
  private problem = 0;

  constructor(
    private readonly files: readonly string[],
    problems: readonly FileResult[],
    private readonly emit: (index: number | undefined, result: FileResult) => void,
  ) {
    this.problems = [...problems].sort(byPath);
  }

  get heldCount(): number {
    return this.held.size;
  }

  put(index: number, result: FileResult): void {
    this.held.set(index, result);
    for (let r = this.held.get(this.next); r; r = this.held.get(this.next)) {
      this.held.delete(this.next);
      const file = this.files[this.next];
      while (this.problem < this.problems.length && this.problems[this.problem].filePath <= file) this.emit(undefined, this.problems[this.problem++]);
      this.emit(this.next++, r);
    }
  }

  /** Hands on the problems after the last file. */
  finish(): void {
    while (this.problem < this.problems.length) this.emit(undefined, this.problems[this.problem++]);
  }
}

export async function runFiles(s: Setup, io: CliIo, onResult: (r: FileResult) => void): Promise<void> {
  const files = s.files;
  const sizes: number[] = new Array(files.length).fill(0);
  const hashes: Array<string | undefined> = new Array(files.length);
  let todo: number[] = files.map((_, i) => i);
  let cache: ResultCache | undefined;

  const out = new InOrder(files, s.problems, (i, r) => {
    if (cache && i !== undefined && hashes[i] !== undefined) cache.set(r, hashes[i]!);
    onResult(r);
  });
  /** A file as it is on disk now, when its fixes could not be written. */
  const onDisk = (file: string) => lintForCli(file, { args: { ...s.args, fix: false, fixDryRun: false }, config: s.config, reviewed: s.reviewed }, io.now).result;
  /** A file's outcome, in any order: its fixes are written now (by this thread only), its result reported in order. */
  const done = (i: number, o: Outcome) => {
    const r = commitOutcome(o, { root: s.root, walkedUnder: s.walkedUnder.get(files[i]) }, onDisk);
    // --fix rewrote the file: its result belongs to the new content; a failed write's result was linted afresh.
    if (hashes[i] !== undefined && o.fixed) hashes[i] = r.fixesApplied ? cache?.hash(o.fixed) : undefined;
    // --fix-dry-run: the result describes text that is not on disk.
    if (r.output !== undefined) hashes[i] = undefined;
    out.put(i, r);
  };

  if (s.args.cache) {
    const { cacheFilePath, cacheKey, cacheSecret, ResultCache, secretFile, utcDay } = await import('./cache');
    const note = (m: string) => io.stderr(`seedlint: note: ${m}\n`);
    let secret: Buffer | undefined;
    try {
      secret = cacheSecret(secretFile(io.env));
    } catch (e) {
      note(`not using the cache: no secret to sign it with (${(e as Error).message}).`);
    }
    if (secret) cache = new ResultCache(cacheFilePath(s.args.cacheLocation, s.root, io.cwd), secret, cacheKey(s.config, allRules, s.reviewed), utcDay(io.now ?? new Date()), note).load();
  }
  if (cache) {
    todo = [];
    const maxBytes = s.args.maxFileSizeMb * 1024 * 1024;
    const hits: Array<[number, FileResult]> = [];
    for (let i = 0; i < files.length; i++) {
      try {
        const { bytes } = readRegularFile(files[i], maxBytes);
        sizes[i] = bytes.length;
        {
          const hash = cache.hash(bytes);
          const hit = cache.get(files[i], hash);
          // With --fix (or --fix-dry-run) a cached result with a safe fix still needs the fix applied.
          if (hit && !((s.args.fix || s.args.fixDryRun) && hit.messages.some((m) => m.fix))) {
            hits.push([i, hit]);
            continue;
          }
          hashes[i] = hash;
        }
      } catch {
        /* lintForCli reports what is wrong with the file */
      }
      todo.push(i);
    }
    for (const [i, hit] of hits) out.put(i, hit);
  } else if (todo.length > 1) {
    for (const i of todo) sizes[i] = sizeOf(files[i]);
  }

  const bytes = todo.reduce((n, i) => n + sizes[i], 0);
  const workers = workerCount(s.args.workers, todo.length, bytes);
  const workerFile = path.join(__dirname, 'worker.js');
  if (workers > 0 && fs.existsSync(workerFile)) {
    await lintInWorkers(todo, s, io, workers, workerFile, sizes, out, done);
  } else {
    for (const i of todo) done(i, lintForCli(files[i], s, io.now));
  }
  out.finish();
  cache?.save();
}

interface WorkerState {
  worker: Worker;
  inFlight: WorkerTask[];
  alive: boolean;
}

/**
 * Lints `todo` in `count` workers fed from one queue in small batches: large files first, then
 * the rest in report order, never more than WINDOW_FILES past the next result to report, so
 * results are handed on (and dropped) as the run goes. The batches of a worker that fails (a
 * file too large for its heap, a crash) are linted in this thread, as is everything once no
 * worker is left.
 */
async function lintInWorkers(todo: number[], s: Setup, io: CliIo, count: number, workerFile: string, sizes: number[], out: InOrder, done: (i: number, o: Outcome) => void): Promise<void> {
  const large = todo.filter((i) => sizes[i] >= LARGE_FILE_BYTES).sort((a, b) => sizes[b] - sizes[a] || a - b);
  const queue = [...large, ...todo.filter((i) => sizes[i] < LARGE_FILE_BYTES)];
  const isLarge = new Set(large);
  let head = 0;
  let batches = 0;
  const take = (): WorkerTask | undefined => {
    const task: WorkerTask = { batch: batches, files: [] };
    let taken = 0;
    while (head < queue.length && (task.files.length === 0 || taken < BATCH_BYTES)) {
      const i = queue[head];
      if (!isLarge.has(i) && i >= out.next + WINDOW_FILES) break;
      task.files.push({ index: i, path: s.files[i] });
      taken += sizes[i];
      head++;
    }
    if (task.files.length === 0) return undefined;
    batches++;
    return task;
  };
  /** Batches of failed workers, for this thread. */
  const orphans: WorkerTask[] = [];

  let wake: (() => void) | undefined;
  const signal = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  const setup: WorkerSetup = { args: s.args, file: s.file, reviewed: [...s.reviewed], now: io.now?.toISOString() };
  const workers: WorkerState[] = [];
  const feed = (w: WorkerState) => {
    while (w.alive && w.inFlight.length < BATCHES_PER_WORKER) {
      const task = take();
      if (!task) break;
      w.inFlight.push(task);
      w.worker.postMessage(task);
    }
    if (w.alive && w.inFlight.length === 0 && head >= queue.length) {
      w.alive = false;
      void w.worker.terminate();
    }
  };
  const feedAll = () => {
    for (const w of workers) feed(w);
  };
  const resourceLimits = { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB, ...(large.some((i) => sizes[i] >= HUGE_FILE_BYTES) ? {} : { maxOldGenerationSizeMb: WORKER_OLD_GENERATION_MB }) };
  for (let k = 0; k < Math.min(count, todo.length); k++) {
    let worker: Worker;
    try {
      worker = new Worker(workerFile, { workerData: { seedlintWorker: true, setup }, resourceLimits });
    } catch (e) {
      io.stderr(`seedlint: note: a worker thread could not start (${(e as Error).message}); its files are linted by the others.\n`);
      continue;
    }
    const w: WorkerState = { worker, inFlight: [], alive: true };
    workers.push(w);
    worker.on('message', (reply: WorkerReply) => {
      const finished = w.inFlight.findIndex((t) => t.batch === reply.batch);
      if (finished >= 0) w.inFlight.splice(finished, 1);
      for (const r of reply.results) done(r.index, r.outcome);
      feedAll();
      signal();
    });
    const fail = (why: string) => {
      if (!w.alive && w.inFlight.length === 0) return;
      w.alive = false;
      if (w.inFlight.length > 0) io.stderr(`seedlint: note: a worker thread failed (${why}); its files are linted in the main thread.\n`);
      for (const t of w.inFlight) orphans.push(t);
      w.inFlight = [];
      signal();
    };
    worker.on('error', (e) => fail(e.message));
    worker.on('exit', (code) => fail(`exit code ${code}`));
    feed(w);
  }

  for (;;) {
    // This thread lints what no worker can: failed batches, and everything when none is left.
    const task = orphans.shift() ?? (workers.some((w) => w.alive) ? undefined : take());
    if (task) {
      for (const f of task.files) done(f.index, lintForCli(f.path, s, io.now));
      feedAll();
      await new Promise((r) => setImmediate(r));
      continue;
    }
    if (head >= queue.length && workers.every((w) => w.inFlight.length === 0)) break;
    await new Promise<void>((r) => (wake = r));
  }
  for (const w of workers) {
    if (w.alive) {
      w.alive = false;
      void w.worker.terminate();
    }
  }
}
