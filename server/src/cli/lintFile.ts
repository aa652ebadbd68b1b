/**
 * One file of a CLI run: linted (in this thread or a worker) through the shared file edge, and
 * its fixes written by the main thread only, so that an interrupted run knows every temporary file.
 */
import { LineIndex, type ResolvedConfig } from '../engine/index';
import { lintFileOnDisk, writeFixedFile } from '../io/lintFile';
import type { FileSnapshot } from '../io/read';
import type { CliArgs } from './args';
import { fileResultOf, problemMessage, type FileResult } from './results';

export interface Outcome {
  result: FileResult;
  /** With --fix: the fixed bytes, not yet written, and the file as it was read. */
  fixed?: Uint8Array;
  snapshot?: FileSnapshot;
}

export interface LintSetup {
  args: Pick<CliArgs, 'fix' | 'maxFileSizeMb'>;
  config: ResolvedConfig;
  reviewed: ReadonlySet<string>;
}

/** Lints (with --fix, fixes in memory) one file on disk. Never throws. */
export function lintForCli(filePath: string, s: LintSetup, now?: Date): Outcome {
  const linted = lintFileOnDisk(filePath, s.config, { fix: s.args.fix, reviewed: s.reviewed, now, maxBytes: s.args.maxFileSizeMb * 1024 * 1024 });
  return { result: fileResultOf(linted), fixed: linted.fixed, snapshot: linted.snapshot };
}

const NO_TEXT = new LineIndex('');
const written: string[] = [];

/** The files this run has fixed so far. */
export function writtenFiles(): readonly string[] {
  return written;
}

/** Writes an outcome's fixes, if any; a write that did not happen becomes the result's first message. */
export function commitOutcome(o: Outcome, root: string): FileResult {
  const { result } = o;
  if (!o.fixed) return result;
  const problem = writeFixedFile(result.filePath, o.fixed, o.snapshot, root);
  if (problem) {
    result.messages.unshift(problemMessage(problem, NO_TEXT));
    result.errorCount++;
    delete result.fixesApplied;
  } else written.push(result.filePath);
  return result;
}
