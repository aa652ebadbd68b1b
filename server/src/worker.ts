/**
 * A CLI worker thread (`dist/worker.js`): lints the files the main thread hands it, with the same
 * configuration, and sends the results back, with any fixed bytes for the main thread to write. Started by server/src/cli/run.ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { CliArgs } from './cli/args';
import { lintForCli, type Outcome } from './cli/lintFile';
import { allRules, resolveConfig, type ConfigFile } from './engine/index';

export interface WorkerSetup {
  args: CliArgs;
  file: ConfigFile;
  reviewed: string[];
  /** ISO date-time standing in for the clock (tests), as io.now. */
  now?: string;
}

export interface WorkerTask {
  batch: number;
  files: Array<{ index: number; path: string }>;
}

export interface WorkerReply {
  batch: number;
  results: Array<{ index: number; outcome: Outcome }>;
}

if (parentPort && workerData && (workerData as { seedlintWorker?: boolean }).seedlintWorker) {
  const setup = (workerData as { setup: WorkerSetup }).setup;
  const config = resolveConfig(setup.file, allRules, setup.args.rules);
  const s = { args: setup.args, config, reviewed: new Set(setup.reviewed) };
  const now = setup.now ? new Date(setup.now) : undefined;
  const port = parentPort;
  port.on('message', (task: WorkerTask) => {
    const reply: WorkerReply = { batch: task.batch, results: [] };
    for (const f of task.files) reply.results.push({ index: f.index, outcome: lintForCli(f.path, s, now) });
    port.postMessage(reply);
  });
}
