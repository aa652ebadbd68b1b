/**
 * Running the files of a setup: results from the cache (`--cache`) where the content is unchanged,
 * the rest linted in this thread or, for larger runs, in worker threads (`--workers`). Results come
 * back in the order of `s.files` whatever the number of threads.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CliIo, Setup } from '../cli';
import { processFile } from '../cli';
import { allRules } from '../engine/index';
import type { WorkerReply, WorkerSetup, WorkerTask } from '../worker';
import { cacheFilePath, cacheKey, hashBytes, ResultCache, utcDay } from './cache';
import type { FileResult } from './results';

/** Runs smaller than this are linted in one thread: starting a worker costs more than it saves. */
export const WORKER_MIN_BYTES = 1024 * 1024;
/** Files are handed to workers in batches of about this many bytes (at least one file). */
const BATCH_BYTES = 256 * 1024;

/** How many threads to lint with: `--workers`, else one per core for runs over WORKER_MIN_BYTES. */
export function workerCount(requested: number | undefined, files: number, bytes: number): number {
  if (requested !== undefined) return Math.max(1, Math.min(requested, files));
  if (files < 2 || bytes < WORKER_MIN_BYTES) return 1;
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

export async function runFiles(s: Setup, io: CliIo): Promise<FileResult[]> {
  const files = s.files;
  const results: Array<FileResult | undefined> = new Array(files.length);
  const sizes: number[] = new Array(files.length).fill(0);
  const hashes: Array<string | undefined> = new Array(files.length);
  let todo: number[] = files.map((_, i) => i);
  let cache: ResultCache | undefined;

  if (s.args.cache) {
    const note = (m: string) => io.stderr(`seedlint: note: ${m}\n`);
    cache = new ResultCache(cacheFilePath(s.args.cacheLocation, s.root, io.cwd), cacheKey(s.config, allRules, s.reviewed), utcDay(io.now ?? new Date()), note).load();
    todo = [];
    const maxBytes = s.args.maxFileSizeMb * 1024 * 1024;
    for (let i = 0; i < files.length; i++) {
      try {
        const st = fs.statSync(files[i]);
        sizes[i] = st.size;
        if (st.isFile() && st.size <= maxBytes) {
          const hash = hashBytes(fs.readFileSync(files[i]));
          hashes[i] = hash;
          const hit = cache.get(files[i], hash);
          // With --fix a cached result with a safe fix still needs the fix applied.
          if (hit && !(s.args.fix && hit.messages.some((m) => m.fix))) {
            results[i] = hit;
            continue;
          }
        }
      } catch {
        /* processFile reports what is wrong with the file */
      }
      todo.push(i);
    }
  } else {
    for (const i of todo) sizes[i] = sizeOf(files[i]);
  }

  const bytes = todo.reduce((n, i) => n + sizes[i], 0);
  const threads = workerCount(s.args.workers, todo.length, bytes);
  const workerFile = path.join(__dirname, 'worker.js');
  if (threads > 1 && fs.existsSync(workerFile)) {
    await runInWorkers(todo, s, io, threads, workerFile, sizes, results);
  }
  // In this thread: small runs, and anything a worker could not finish.
  for (const i of todo) results[i] ??= processFile(files[i], s, io.now);

  if (cache) {
    for (const i of todo) {
      const r = results[i]!;
      let hash = hashes[i];
      // --fix rewrote the file: its result belongs to the new content.
      if (r.fixesApplied) {
        try {
          hash = hashBytes(fs.readFileSync(files[i]));
        } catch {
          hash = undefined;
        }
      }
      if (hash) cache.set(r, hash);
    }
    cache.save();
  }
  return results as FileResult[];
}

/**
 * Lints `todo` in `threads` threads: this one and `threads - 1` workers. Files go out largest
 * first, in batches, to whichever thread is free, so one large file does not hold up the rest; each
 * worker has a second batch queued so that it never waits for this thread, which lints too. A worker
 * that fails leaves its files unfilled in `results`: the caller lints those in this thread.
 */
async function runInWorkers(todo: number[], s: Setup, io: CliIo, threads: number, workerFile: string, sizes: number[], results: Array<FileResult | undefined>): Promise<void> {
  const order = [...todo].sort((a, b) => sizes[b] - sizes[a] || a - b);
  const batches: WorkerTask[] = [];
  let current: WorkerTask | undefined;
  let currentBytes = 0;
  for (const i of order) {
    if (!current || currentBytes >= BATCH_BYTES) {
      current = { batch: batches.length, files: [] };
      batches.push(current);
      currentBytes = 0;
    }
    current.files.push({ index: i, path: s.files[i] });
    currentBytes += sizes[i];
  }
  let next = 0;
  const take = () => (next < batches.length ? batches[next++] : undefined);
  const setup: WorkerSetup = { args: s.args, file: s.file, reviewed: [...s.reviewed], root: s.root, now: io.now?.toISOString() };
  const workers = Math.min(threads - 1, batches.length - 1);
  const workersDone = new Promise<void>((resolve) => {
    let running = workers;
    if (running <= 0) return resolve();
    for (let k = 0; k < workers; k++) {
      const worker = new Worker(workerFile, { workerData: { seedlintWorker: true, setup } });
      let inFlight = 0;
      let finished = false;
      const feed = () => {
        const task = take();
        if (task) {
          inFlight++;
          worker.postMessage(task);
        } else if (inFlight === 0) void worker.terminate();
      };
      worker.on('message', (reply: WorkerReply) => {
        for (const r of reply.results) results[r.index] = r.result;
        inFlight--;
        feed();
      });
      const finish = () => {
        if (finished) return;
        finished = true;
        if (--running === 0) resolve();
      };
      worker.on('error', (e) => {
        io.stderr(`seedlint: note: a worker thread failed (${e.message}); its files are linted in the main thread.\n`);
        finish();
      });
      worker.on('exit', finish);
      feed();
      feed();
    }
  });
  // This thread lints too, a batch at a time, letting the workers' replies in between.
  for (let task = take(); task; task = take()) {
    for (const f of task.files) results[f.index] = processFile(f.path, s, io.now);
    await new Promise((r) => setImmediate(r));
  }
  await workersDone;
}
