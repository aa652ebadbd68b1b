/**
 * Linting one file as both shells see it: read from disk (regular files only, size checked first),
 * decoded (binary, invalid UTF-8), linted, fixed with --fix, and its findings capped. The CLI and the
 * server report the same findings for the same file because both come through here.
 */
import * as fs from 'node:fs';
import { decodeBytes, fixText, lint, LineIndex, type Finding, type LintOptions, type ResolvedConfig, type RuleFailure, type Severity } from '../engine/index';
import { isInside } from './files';
import { describeError, readRegularFile, ReadRefused, type FileSnapshot } from './read';
import { writeFileAtomic, WriteRefused } from './write';

/** The default size limit of a seed file, in both shells (the CLI's --max-file-size changes it). */
export const DEFAULT_MAX_FILE_BYTES = 64 * 1024 * 1024;
/** Findings shown per file; the rest become one `file/too-many-findings` finding. */
export const MAX_FINDINGS_PER_FILE = 10_000;

/** A problem with the file itself (not with its text), as both shells report it. */
export interface FileProblem {
  ruleId: string;
  message: string;
  severity: Severity;
  /** UTF-16 offsets in the decoded text (0 when the file was not read). */
  start: number;
  end: number;
  /** Nothing else was checked. */
  fatal: boolean;
}

export interface LintedFile {
  filePath: string;
  /** Line index of the text linted (empty when the file was not linted). */
  index: LineIndex;
  problems: FileProblem[];
  /** The engine's findings, at most MAX_FINDINGS_PER_FILE of them (a problem says how many more). */
  findings: Finding[];
  failures: RuleFailure[];
  /** With `fix`: the new bytes when they differ from the file's, and how many fixes made them. */
  fixed?: Uint8Array;
  fixesApplied?: number;
  /** The file as read, for the lost-update check of the write. */
  snapshot?: FileSnapshot;
}

export interface FileLintOptions extends LintOptions {
  maxBytes?: number;
  fix?: boolean;
}

const EMPTY_INDEX = new LineIndex('');

function fatal(filePath: string, ruleId: string, message: string): LintedFile {
  return { filePath, index: EMPTY_INDEX, problems: [{ ruleId, message, severity: 'error', start: 0, end: 0, fatal: true }], findings: [], failures: [] };
}

export function tooLargeMessage(size: number, maxBytes: number): string {
  return `File is ${(size / 1048576).toFixed(1)} MB, over the ${(maxBytes / 1048576).toFixed(maxBytes % 1048576 ? 1 : 0)} MB limit: not linted (the CLI's --max-file-size raises the limit).`;
}

export const BINARY_MESSAGE = 'Binary file (it contains NUL bytes): not a seed file, not linted.';

/** Reads, decodes and lints (with `fix`, fixes) one file on disk. Never throws: problems become fatal findings. */
export function lintFileOnDisk(filePath: string, config: ResolvedConfig, options: FileLintOptions = {}): LintedFile {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_FILE_BYTES;
  let read;
  try {
    read = readRegularFile(filePath, maxBytes);
  } catch (e) {
    if (e instanceof ReadRefused && e.kind === 'too-large') return fatal(filePath, 'file/too-large', tooLargeMessage(e.size ?? maxBytes + 1, maxBytes));
    if (e instanceof ReadRefused) return fatal(filePath, 'file/unreadable', 'Not a regular file: not linted.');
    return fatal(filePath, 'file/unreadable', `Cannot read the file: ${describeError(e)}.`);
  }
  const linted = lintBytes(filePath, read.bytes, config, options);
  linted.snapshot = read.snapshot;
  return linted;
}

/** Decodes and lints a file's bytes. */
export function lintBytes(filePath: string, bytes: Uint8Array, config: ResolvedConfig, options: FileLintOptions = {}): LintedFile {
  const decoded = decodeBytes(bytes);
  if (decoded.binary) return fatal(filePath, 'file/binary', BINARY_MESSAGE);
  const problems: FileProblem[] = [];
  let text = decoded.text;
  if (decoded.invalidUtf8At !== undefined) {
    // Position of the first replacement character: decode the valid prefix to count UTF-16 units.
    const at = new TextDecoder().decode(bytes.subarray(decoded.bom ? 3 : 0, decoded.invalidUtf8At)).length;
    problems.push({
      ruleId: 'file/invalid-utf8',
      message: `Invalid UTF-8 at byte offset ${decoded.invalidUtf8At}: shown as U+FFFD; the rest of the file was linted. --fix does not write this file.`,
      severity: 'error',
      start: at,
      end: Math.min(at + 1, text.length),
      fatal: false,
    });
  }
  let result;
  let fixed: Uint8Array | undefined;
  let fixesApplied: number | undefined;
  if (options.fix && decoded.invalidUtf8At === undefined) {
    const out = fixText(text, config, options);
    if (out.text !== text) {
      text = out.text;
      fixed = Buffer.from((decoded.bom ? '\ufeff' : '') + text, 'utf8');
      fixesApplied = out.applied.length;
    }
    result = out.result;
  } else {
    result = lint(text, config, options);
  }
  const index = result.document.lineIndex;
  let findings = result.findings;
  // The bytes lost at the first invalid sequence are file/invalid-utf8's finding, not also a mojibake one at the same spot.
  if (decoded.invalidUtf8At !== undefined) findings = findings.filter((f) => !isReplacementAt(f, problems[0].start, text));
  const capped = capFindings(findings);
  if (capped.summary) problems.push(capped.summary);
  const linted: LintedFile = { filePath, index, problems, findings: capped.findings, failures: result.failures };
  if (fixed) {
    linted.fixed = fixed;
    linted.fixesApplied = fixesApplied;
  }
  return linted;
}

/** A finding on nothing but replacement characters (U+FFFD) that covers `at`. */
function isReplacementAt(f: Finding, at: number, text: string): boolean {
  if (f.ruleId !== 'garbled/mojibake' || f.start > at || f.end <= at) return false;
  for (let i = f.start; i < f.end; i++) if (text.charCodeAt(i) !== 0xfffd) return false;
  return true;
}

/**
 * Problems that keep a text from being linted at all, for text that did not come from disk (an
 * open document): the same verdicts as lintBytes and the size limit give its bytes.
 */
export function unlintableText(text: string, maxBytes = DEFAULT_MAX_FILE_BYTES): FileProblem | undefined {
  // Three bytes per UTF-16 unit at most: only texts near the limit need counting.
  if (text.length * 3 > maxBytes) {
    const size = Buffer.byteLength(text, 'utf8');
    if (size > maxBytes) return { ruleId: 'file/too-large', message: tooLargeMessage(size, maxBytes), severity: 'error', start: 0, end: 0, fatal: true };
  }
  if (text.includes('\u0000')) return { ruleId: 'file/binary', message: BINARY_MESSAGE, severity: 'error', start: 0, end: 0, fatal: true };
  return undefined;
}

const RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

/**
 * At most MAX_FINDINGS_PER_FILE findings, the first by position, and a `file/too-many-findings`
 * finding for the rest (of their highest severity, at the first of them), so that a hostile file
 * cannot make a report or a diagnostics message grow without bound.
 */
export function capFindings(findings: Finding[], max = MAX_FINDINGS_PER_FILE): { findings: Finding[]; summary?: FileProblem } {
  if (findings.length <= max) return { findings };
  const sorted = findings.map((f, i) => ({ f, i })).sort((a, b) => a.f.start - b.f.start || a.f.end - b.f.end || a.i - b.i);
  const kept: Finding[] = new Array(max);
  for (let i = 0; i < max; i++) kept[i] = sorted[i].f;
  let severity: Severity = 'info';
  for (let i = max; i < sorted.length; i++) if (RANK[sorted[i].f.severity] > RANK[severity]) severity = sorted[i].f.severity;
  const first = sorted[max].f;
  const more = sorted.length - max;
  return {
    findings: kept,
    summary: {
      ruleId: 'file/too-many-findings',
      message: `${more} more finding${more === 1 ? '' : 's'} not shown: only the first ${max} of a file are reported.`,
      severity,
      start: first.start,
      end: first.start,
      fatal: false,
    },
  };
}

/**
 * Where `--fix` may write a file: a file found by walking a directory or a glob only while it still
 * resolves inside the folder it was found under (`walkedUnder`); a file named on the command line
 * wherever it is, unless it is a symbolic link that leads out of the corpus root (`root`).
 */
export interface WriteConfinement {
  root: string;
  walkedUnder?: string;
}

function isSymbolicLink(file: string): boolean {
  try {
    return fs.lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}

/**
 * Writes a file's fixed bytes atomically, as the CLI does it: a link is written through to its
 * target where the confinement allows it, never over a read-only file or one changed since it was
 * read. Returns the problem that kept it from being written, if any.
 */
export function writeFixedFile(filePath: string, fixed: Uint8Array, snapshot: FileSnapshot | undefined, confinement: WriteConfinement): FileProblem | undefined {
  const problem = (ruleId: string, message: string): FileProblem => ({ ruleId, message, severity: 'error', start: 0, end: 0, fatal: false });
  const { walkedUnder, root } = confinement;
  if (walkedUnder !== undefined ? !isInside(walkedUnder, filePath) : isSymbolicLink(filePath) && !isInside(root, filePath)) {
    const where = walkedUnder === undefined || walkedUnder === root ? `the corpus root ${root}` : `${walkedUnder}, the folder it was found in`;
    return problem('file/outside-root', `Not written: the file is reached through a symbolic link that leads outside ${where}.`);
  }
  try {
    writeFileAtomic(filePath, fixed, { expect: snapshot, links: 'follow' });
    return undefined;
  } catch (e) {
    if (e instanceof WriteRefused && e.kind === 'read-only') return problem('file/read-only', 'Fixes not written: the file is read-only.');
    if (e instanceof WriteRefused && e.kind === 'changed') return problem('file/changed', 'Fixes not written: the file changed on disk while it was linted; run again.');
    return problem('file/write-failed', `Fixes not written (the file is unchanged): ${e instanceof WriteRefused ? e.message : describeError(e)}.`);
  }
}
