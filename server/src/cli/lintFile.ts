/**
 * One file of a CLI run: linted (in this thread or a worker) through the shared file edge, and
 * its fixes written by the main thread only, so that an interrupted run knows every temporary file.
 */
import { LineIndex, type ResolvedConfig } from '../engine/index';
import { lintBytes, lintFileOnDisk, writeFixedFile, type LintedFile, type WriteConfinement } from '../io/lintFile';
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
  args: Pick<CliArgs, 'fix' | 'maxFileSizeMb'> & Partial<Pick<CliArgs, 'fixDryRun'>>;
  config: ResolvedConfig;
  reviewed: ReadonlySet<string>;
}

/** The result of a linted file; with --fix-dry-run, the fixed text as ESLint's `output`. */
function outcomeOf(linted: LintedFile, s: LintSetup): Outcome {
  const result = fileResultOf(linted);
  if (s.args.fixDryRun) {
    // The bytes --fix would write, byte order mark included.
    if (linted.fixed) result.output = Buffer.from(linted.fixed).toString('utf8');
    return { result };
  }
  return { result, fixed: linted.fixed, snapshot: linted.snapshot };
}

function fileOptions(s: LintSetup, now: Date | undefined) {
  return { fix: s.args.fix || Boolean(s.args.fixDryRun), reviewed: s.reviewed, now, maxBytes: s.args.maxFileSizeMb * 1024 * 1024 };
}

/** Lints (with --fix or --fix-dry-run, fixes in memory) one file on disk. Never throws. */
export function lintForCli(filePath: string, s: LintSetup, now?: Date): Outcome {
  return outcomeOf(lintFileOnDisk(filePath, s.config, fileOptions(s, now)), s);
}

/** Lints bytes that are not on disk (standard input) under the name `filePath`. Nothing is written. */
export function lintInputForCli(filePath: string, bytes: Uint8Array, s: LintSetup, now?: Date): FileResult {
  return outcomeOf(lintBytes(filePath, bytes, s.config, fileOptions(s, now)), s).result;
}

const NO_TEXT = new LineIndex('');
const written: string[] = [];

/** The files this run has fixed so far. */
export function writtenFiles(): readonly string[] {
  return written;
}

/**
 * Writes an outcome's fixes, if any. A write that did not happen becomes the first message of a
 * result that describes the file on disk (`onDisk` lints it again as it is), not the fixed text.
 */
export function commitOutcome(o: Outcome, confinement: WriteConfinement, onDisk: (filePath: string) => FileResult): FileResult {
  const { result } = o;
  if (!o.fixed) return result;
  const problem = writeFixedFile(result.filePath, o.fixed, o.snapshot, confinement);
  if (!problem) {
    written.push(result.filePath);
    return result;
  }
  const now = onDisk(result.filePath);
  now.messages.unshift(problemMessage(problem, NO_TEXT));
  now.errorCount++;
  return now;
}
