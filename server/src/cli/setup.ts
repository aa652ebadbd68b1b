/** What a CLI run works on: its arguments, the corpus root and config, the review sidecar and the files. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { allRules, CONFIG_FILE_NAME, ConfigError, resolveConfig, type ConfigFile, type ResolvedConfig } from '../engine/index';
import { DEFAULT_INCLUDE, findCorpusRoot, readConfigFile, readReviewed, type CorpusRoot } from '../io/config';
import { ANY_TEXT_FILE, collectFiles, namePatterns } from '../io/files';
import { GlobError } from '../io/glob';
import { UsageError, type CliArgs } from './args';
import { fatalResult, type FileResult } from './results';

export interface CliIo {
  cwd: string;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  isTTY: boolean;
  env: NodeJS.ProcessEnv;
  now?: Date;
  /** Standard input, for --stdin: at most `maxBytes` of it (more is `overLimit`, and not read further). */
  readStdin?: (maxBytes: number) => Promise<{ bytes: Uint8Array; overLimit: boolean }>;
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
  /** The folder each file found by walking was found under: --fix writes it only while it resolves inside. */
  walkedUnder: Map<string, string>;
}

/** The config a run uses: -c's file, none with --no-config, else the nearest one at or above `start`. */
export function corpusFor(args: CliArgs, cwd: string, start = cwd): CorpusRoot {
  if (args.config !== undefined) {
    const configFile = path.resolve(cwd, args.config);
    let isDirectory = false;
    try {
      isDirectory = fs.statSync(configFile).isDirectory();
    } catch {
      /* readConfigFile says what is wrong */
    }
    if (isDirectory) throw new UsageError(`--config takes a config file, and "${args.config}" is a directory: name the file (${path.join(args.config, CONFIG_FILE_NAME)})`);
    return { root: path.dirname(configFile), configFile };
  }
  const found = findCorpusRoot(start);
  return args.noConfig ? { root: found.root } : found;
}

/** The config file's content and the review sidecar of a corpus; throws ConfigError for exit code 2. */
function loadCorpus(args: CliArgs, found: CorpusRoot): { file: ConfigFile; reviewed: Set<string> } {
  const file: ConfigFile = found.configFile ? readConfigFile(found.configFile) : {};
  for (const id of Object.keys(args.rules)) {
    if (!allRules.some((r) => r.meta.id === id)) throw new UsageError(`--rule: unknown rule "${id}"`);
  }
  try {
    return { file, reviewed: readReviewed(found.root) };
  } catch (e) {
    throw new ConfigError((e as Error).message, '/');
  }
}

function setupOf(args: CliArgs, found: CorpusRoot, file: ConfigFile, reviewed: Set<string>, files: string[], problems: FileResult[], walkedUnder: Map<string, string>): Setup {
  let config: ResolvedConfig | undefined;
  return {
    args,
    root: found.root,
    configFile: found.configFile,
    file,
    get config() {
      return (config ??= resolveConfig(file, allRules, args.rules));
    },
    reviewed,
    files,
    problems,
    walkedUnder,
  };
}

/** Reads config and finds files; throws UsageError or ConfigError for exit code 2. */
export function setup(args: CliArgs, io: CliIo): Setup {
  const found = corpusFor(args, io.cwd);
  const { file, reviewed } = loadCorpus(args, found);
  const { root, configFile } = found;
  // Without paths, the corpus: the config's include globs, or the default ones, from the root.
  // A directory named on the command line is walked for the config's include globs, or any .txt;
  // when the include globs find nothing in it, for files named as they name them.
  const paths = args.paths.length > 0 ? args.paths : [path.relative(io.cwd, root) || '.'];
  const include = file.include ?? (args.paths.length > 0 ? ANY_TEXT_FILE : DEFAULT_INCLUDE);
  const fallback = args.paths.length > 0 && file.include ? namePatterns(file.include) : undefined;
  let collected;
  try {
    collected = collectFiles(paths, io.cwd, root, include, file.exclude ?? [], fallback);
  } catch (e) {
    if (e instanceof GlobError) throw new ConfigError(`${configFile ?? 'a glob'}: include/exclude cannot be used: ${e.message}`, '/');
    throw e;
  }
  if (collected.missing.length > 0) throw new UsageError(collected.missing.join('\n'));
  const problems = collected.problems.map((p) => fatalResult(p.path, 'file/unreadable', p.message));
  return setupOf(args, found, file, reviewed, collected.files, problems, collected.walkedUnder);
}

/** The name standard input is reported under: --stdin-filename resolved, else `<stdin>`. */
export function stdinPath(args: CliArgs, cwd: string): string {
  return args.stdinFilename === undefined ? '<stdin>' : path.resolve(cwd, args.stdinFilename);
}

/**
 * The setup for --stdin: the config is found from the folder of --stdin-filename (as the language
 * server finds it for a file), else from the working folder. No file is walked or written.
 */
export function stdinSetup(args: CliArgs, io: CliIo): Setup {
  const start = args.stdinFilename === undefined ? io.cwd : path.dirname(stdinPath(args, io.cwd));
  const found = corpusFor(args, io.cwd, start);
  const { file, reviewed } = loadCorpus(args, found);
  return setupOf(args, found, file, reviewed, [], [], new Map());
}
