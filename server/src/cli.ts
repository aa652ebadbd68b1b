/** `seedlint`: the CI face of the engine. Argument parsing, files, formatters and exit codes only. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isMainThread } from 'node:worker_threads';
import pkg from '../../package.json';
import { allRules, ConfigError, resolveConfig, type ConfigFile, type ResolvedConfig } from './engine/index';
import { HELP, parseArgs, UsageError, type CliArgs } from './cli/args';
import { createReporter, type Reporter } from './cli/formatters';
import { fatalResult, lintBytes } from './cli/lintFile';
import { ReportOutput } from './cli/output';
import type { FileResult } from './cli/results';
import { findConfigFile, readConfigFile, readReviewed } from './io/config';
import { ruleDocUri } from './io/docs';
import { collectFiles, DEFAULT_INCLUDE, describeError, isInside, writeFileAtomic } from './io/files';

export interface CliIo {
  cwd: string;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  isTTY: boolean;
  env: NodeJS.ProcessEnv;
  now?: Date;
}

export interface Setup {
  args: CliArgs;
  root: string;
  configFile?: string;
  file: ConfigFile;
  /** Resolved on first use: when workers lint, this thread never builds the language data. */
  readonly config: ResolvedConfig;
  reviewed: Set<string>;
  files: string[];
  problems: FileResult[];
}

/** Reads config and finds files; throws UsageError or ConfigError for exit code 2. */
export function setup(args: CliArgs, io: CliIo): Setup {
  const configFile = args.config ? path.resolve(io.cwd, args.config) : findConfigFile(io.cwd);
  const file: ConfigFile = configFile ? readConfigFile(configFile) : {};
  const root = configFile ? path.dirname(configFile) : io.cwd;
  for (const id of Object.keys(args.rules)) {
    if (!allRules.some((r) => r.meta.id === id)) throw new UsageError(`--rule: unknown rule "${id}"`);
  }
  let reviewed: Set<string>;
  try {
    reviewed = readReviewed(root);
  } catch (e) {
    throw new ConfigError((e as Error).message, '/');
  }
  const include = file.include ?? DEFAULT_INCLUDE;
  const exclude = file.exclude ?? [];
  let paths = args.paths;
  if (paths.length === 0) {
    if (file.include) paths = [path.relative(io.cwd, root) || '.'];
    else paths = [path.join(path.relative(io.cwd, root), 'seeds')];
  }
  const collected = collectFiles(paths, io.cwd, root, include, exclude);
  if (collected.missing.length > 0) throw new UsageError(collected.missing.join('\n'));
  const problems = collected.problems.map((p) => fatalResult(p.path, 'file/unreadable', p.message));
  let config: ResolvedConfig | undefined;
  return {
    args,
    root,
    configFile,
    file,
    get config() {
      return (config ??= resolveConfig(file, allRules, args.rules));
    },
    reviewed,
    files: collected.files,
    problems,
  };
}

/** Lints (and with --fix, fixes) one file on disk. Never throws: problems become fatal results. */
export function processFile(filePath: string, s: Pick<Setup, 'args' | 'config' | 'reviewed' | 'root'>, now?: Date): FileResult {
  const { args } = s;
  let bytes: Buffer;
  try {
    const st = fs.statSync(filePath);
    if (!st.isFile()) return fatalResult(filePath, 'file/unreadable', 'Not a regular file: not linted.');
    if (st.size > args.maxFileSizeMb * 1024 * 1024) {
      return fatalResult(filePath, 'file/too-large', `File is ${(st.size / 1048576).toFixed(1)} MB, over the ${args.maxFileSizeMb} MB limit: not linted (raise it with --max-file-size).`);
    }
    bytes = fs.readFileSync(filePath);
  } catch (e) {
    return fatalResult(filePath, 'file/unreadable', `Cannot read the file: ${describeError(e)}.`);
  }
  const outcome = lintBytes(filePath, bytes, s.config, { fix: args.fix, reviewed: s.reviewed, now });
  if (outcome.fixed) {
    if (!isInside(s.root, filePath)) {
      outcome.result.messages.unshift({ ruleId: 'file/outside-root', severity: 2, level: 'error', message: `Not written: the file resolves outside the corpus root ${s.root}.`, line: 1, column: 1, endLine: 1, endColumn: 1 });
      outcome.result.errorCount++;
      delete outcome.result.fixesApplied;
    } else {
      try {
        writeFileAtomic(filePath, outcome.fixed);
      } catch (e) {
        outcome.result.messages.unshift({ ruleId: 'file/write-failed', severity: 2, level: 'error', message: `Fixes not written (the file is unchanged): ${describeError(e)}.`, line: 1, column: 1, endLine: 1, endColumn: 1 });
        outcome.result.errorCount++;
        delete outcome.result.fixesApplied;
      }
    }
  }
  return outcome.result;
}

/**
 * The report as results arrive: the text for each file (errors only with --quiet), the totals
 * behind the exit code and the --fix summary. Keeps no results.
 */
export class Report {
  errors = 0;
  warnings = 0;
  filesFixed = 0;
  fixes = 0;
  private readonly reporter: Reporter;

  constructor(private readonly args: CliArgs, io: CliIo) {
    const color = args.color ?? (io.isTTY && !io.env.NO_COLOR && args.format === 'stylish' && !args.outputFile);
    this.reporter = createReporter(args.format, { cwd: io.cwd, color: Boolean(color), rules: allRules, docsUri: ruleDocUri, version: pkg.version });
  }

  /** The report's text for one more result. */
  add(r: FileResult): string {
    this.errors += r.errorCount;
    this.warnings += r.warningCount;
    if (r.fixesApplied) {
      this.filesFixed++;
      this.fixes += r.fixesApplied;
    }
    const shown = this.args.quiet ? { ...r, messages: r.messages.filter((m) => m.level === 'error'), warningCount: 0, infoCount: 0, fixableWarningCount: 0 } : r;
    return this.reporter.file(shown);
  }

  /** The text that ends the report. */
  end(): string {
    return this.reporter.end();
  }

  get exitCode(): number {
    return this.errors > 0 || (this.args.maxWarnings >= 0 && this.warnings > this.args.maxWarnings) ? 1 : 0;
  }
}

/** Whether `file` is one of the files to lint (so the report must not replace it before it is read). */
function isLinted(file: string, s: Setup): boolean {
  const real = realFile(file);
  return real !== undefined && s.files.some((f) => f === file || realFile(f) === real);
}

/** The real path of a regular file; undefined for anything else (a device like /dev/null is never read as a seed file). */
function realFile(p: string): string | undefined {
  try {
    return fs.statSync(p).isFile() ? fs.realpathSync.native(p) : undefined;
  } catch {
    return undefined;
  }
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let args: CliArgs;
  try {
    args = parseArgs(argv);
  } catch (e) {
    io.stderr(`seedlint: ${(e as Error).message}\n`);
    return 2;
  }
  if (args.help) {
    io.stdout(HELP + '\n');
    return 0;
  }
  if (args.version) {
    io.stdout(pkg.version + '\n');
    return 0;
  }
  let s: Setup;
  try {
    s = setup(args, io);
  } catch (e) {
    if (e instanceof UsageError || e instanceof ConfigError) {
      io.stderr(`seedlint: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  const { runFiles } = await import('./cli/run');
  const outputFile = args.outputFile === undefined ? undefined : path.resolve(io.cwd, args.outputFile);
  const output = new ReportOutput(io.stdout, outputFile, outputFile !== undefined && isLinted(outputFile, s));
  const report = new Report(args, io);
  await runFiles(s, io, (r) => output.add(report.add(r)));
  output.add(report.end());
  const failure = output.close();
  if (failure !== undefined) {
    io.stderr(`seedlint: cannot write ${args.outputFile}: ${failure}\n`);
    return 2;
  }
  if (args.fix && args.format === 'stylish') {
    const { fixes, filesFixed } = report;
    io.stderr(`seedlint: applied ${fixes} fix${fixes === 1 ? '' : 'es'} in ${filesFixed} file${filesFixed === 1 ? '' : 's'}.\n`);
  }
  return report.exitCode;
}

// Only as a program, never in a worker thread that bundles this module for processFile.
if (require.main === module && isMainThread) {
  // A reader that stops early (`seedlint | head`) is not an error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  runCli(process.argv.slice(2), {
    cwd: process.cwd(),
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    isTTY: Boolean(process.stdout.isTTY),
    env: process.env,
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      process.stderr.write(`seedlint: internal error: ${(e as Error).stack ?? e}\n`);
      process.exitCode = 2;
    },
  );
}
