/**
 * Finding and reading `seedlint.config.json` and the review sidecar: one rule for the corpus root
 * and one default include, shared by the CLI and the server.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  allRules,
  CONFIG_FILE_NAME,
  ConfigError,
  configForFile,
  DEFAULT_LANGUAGES,
  MAX_CONFIG_BYTES,
  MAX_REVIEWED_BYTES,
  parseConfig,
  parseReviewed,
  REVIEWED_FILE_NAME,
  reviewedSet,
  type ConfigFile,
  type ResolvedConfig,
} from '../engine/index';
import { compileGlob, type Glob } from './glob';
import { describeError, readRegularText } from './read';

/** The seed files of a corpus whose config names no `include`: the files the editor opens as seed files. */
export const DEFAULT_INCLUDE = ['**/seeds/**/*.txt'];

export interface CorpusRoot {
  /** The corpus root: where the config, the review sidecar and the default cache live. */
  root: string;
  /** The config file, when there is one. */
  configFile?: string;
}

function isEntry(p: string): boolean {
  try {
    fs.lstatSync(p);
    return true;
  } catch {
    return false;
  }
}

/**
 * The corpus root for work started in `start` (the CLI's working folder, the folder of a file the
 * server lints): the folder of the nearest `seedlint.config.json` at or above it, looking no
 * higher than a repository root (a folder holding `.git`); without one, that repository root;
 * without one either, `fallback` (the server's workspace folder) or `start` itself.
 */
export function findCorpusRoot(start: string, fallback?: string): CorpusRoot {
  let current = path.resolve(start);
  for (;;) {
    const candidate = path.join(current, CONFIG_FILE_NAME);
    if (isEntry(candidate)) return { root: current, configFile: candidate };
    if (isEntry(path.join(current, '.git'))) return { root: current };
    const parent = path.dirname(current);
    if (parent === current) return { root: fallback ?? path.resolve(start) };
    current = parent;
  }
}

/** The nearest `seedlint.config.json` at or above `dir`, stopping at a repository root. */
export function findConfigFile(dir: string): string | undefined {
  return findCorpusRoot(dir).configFile;
}

export function readConfigFile(file: string): ConfigFile {
  let text: string | undefined;
  try {
    text = readRegularText(file, MAX_CONFIG_BYTES);
  } catch (e) {
    throw new ConfigError(`${file}: cannot read: ${describeError(e)}`, '/');
  }
  if (text === undefined) throw new ConfigError(`${file}: cannot read: no such file`, '/');
  return checkLanguages(parseConfig(text, allRules, file), file);
}

/**
 * Refuses language codes seedlint cannot identify: a typo (`dk` for `da`) would otherwise leave that
 * language out of identification and change findings without a word.
 */
export function checkLanguages(config: ConfigFile, source: string): ConfigFile {
  const known = new Set(DEFAULT_LANGUAGES);
  config.languages?.forEach((code, i) => {
    if (!known.has(code)) throw new ConfigError(`${source}: /languages/${i}: unknown language "${code}": must be one of ${[...known].sort().join(', ')}`, `/languages/${i}`);
  });
  return config;
}

/** Fingerprints in the sidecar at the corpus root; none when there is no sidecar. */
export function readReviewed(root: string): Set<string> {
  const file = path.join(root, REVIEWED_FILE_NAME);
  let text: string | undefined;
  try {
    text = readRegularText(file, MAX_REVIEWED_BYTES);
  } catch (e) {
    throw new Error(`${REVIEWED_FILE_NAME}: cannot read: ${describeError(e)}`);
  }
  if (text === undefined) return new Set();
  return reviewedSet(parseReviewed(text));
}

const compiledGlobs = new Map<string, Glob>();

/** The config for `file` under `root`: its `overrides` applied (engine/config.ts: configForFile), matched as include globs are. */
export function configForPath(config: ResolvedConfig, root: string, file: string): ResolvedConfig {
  if (!config.file.overrides?.length) return config;
  const rel = path.relative(root, file).split(path.sep).join('/');
  return configForFile(config, (pattern) => {
    let glob = compiledGlobs.get(pattern);
    if (!glob) {
      try {
        glob = compileGlob(pattern);
      } catch {
        glob = { pattern, match: () => false };
      }
      compiledGlobs.set(pattern, glob);
    }
    return glob.match(rel);
  });
}
