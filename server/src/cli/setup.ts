/** What a CLI run works on: its arguments, the corpus root and config, the review sidecar and the files. */
import * as path from 'node:path';
import { allRules, ConfigError, resolveConfig, type ConfigFile, type ResolvedConfig } from '../engine/index';
import { DEFAULT_INCLUDE, findCorpusRoot, readConfigFile, readReviewed } from '../io/config';
import { ANY_TEXT_FILE, collectFiles } from '../io/files';
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
  const found = args.config ? { root: path.dirname(path.resolve(io.cwd, args.config)), configFile: path.resolve(io.cwd, args.config) } : findCorpusRoot(io.cwd);
  const { root, configFile } = found;
  const file: ConfigFile = configFile ? readConfigFile(configFile) : {};
  for (const id of Object.keys(args.rules)) {
    if (!allRules.some((r) => r.meta.id === id)) throw new UsageError(`--rule: unknown rule "${id}"`);
  }
  let reviewed: Set<string>;
  try {
    reviewed = readReviewed(root);
  } catch (e) {
    throw new ConfigError((e as Error).message, '/');
  }
  // Without paths, the corpus: the config's include globs, or the default ones, from the root.
  // A directory named on the command line is walked for the config's include globs, or any .txt.
  const paths = args.paths.length > 0 ? args.paths : [path.relative(io.cwd, root) || '.'];
  const include = file.include ?? (args.paths.length > 0 ? ANY_TEXT_FILE : DEFAULT_INCLUDE);
  let collected;
  try {
    collected = collectFiles(paths, io.cwd, root, include, file.exclude ?? []);
  } catch (e) {
    if (e instanceof GlobError) throw new ConfigError(`${configFile ?? 'a glob'}: include/exclude cannot be used: ${e.message}`, '/');
    throw e;
  }
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
