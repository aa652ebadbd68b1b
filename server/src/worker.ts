/**
 * A CLI worker thread (`dist/worker.js`): lints the files the main thread hands it, with the same
 * configuration, and sends the results back. Started by server/src/cli/run.ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { processFile } from './cli';
import type { CliArgs } from './cli/args';
import type { FileResult } from './cli/results';
import { allRules, resolveConfig, type ConfigFile } from './engine/index';

export interface WorkerSetup {
  args: CliArgs;
  file: ConfigFile;
  reviewed: string[];
  root: string;
  /** ISO date-time standing in for the clock (tests), as io.now. */
  now?: string;
}

export interface WorkerTask {
  batch: number;
  files: Array<{ index: number; path: string }>;
}

export interface WorkerReply {
  batch: number;
  results: Array<{ index: number; result: FileResult }>;
}

if (parentPort && workerData && (workerData as { seedlintWorker?: boolean }).seedlintWorker) {
  const setup = (workerData as { setup: WorkerSetup }).setup;
  const config = resolveConfig(setup.file, allRules, setup.args.rules);
  const s = { args: setup.args, config, reviewed: new Set(setup.reviewed), root: setup.root };
  const now = setup.now ? new Date(setup.now) : undefined;
  const port = parentPort;
  port.on('message', (task: WorkerTask) => {
    const reply: WorkerReply = { batch: task.batch, results: [] };
    for (const f of task.files) reply.results.push({ index: f.index, result: processFile(f.path, s, now) });
    port.postMessage(reply);
  });
}
