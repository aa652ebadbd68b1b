/** Finding and reading `seedlint.config.json` and the review sidecar from disk: shared by the CLI and the server. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  allRules,
  CONFIG_FILE_NAME,
  ConfigError,
  MAX_CONFIG_BYTES,
  parseConfig,
  parseReviewed,
  REVIEWED_FILE_NAME,
  reviewedSet,
  type ConfigFile,
} from '../engine/index';

/** The nearest `seedlint.config.json` at or above `dir`, stopping at a repository root. */
export function findConfigFile(dir: string): string | undefined {
  let current = path.resolve(dir);
  for (;;) {
    const candidate = path.join(current, CONFIG_FILE_NAME);
    if (fs.existsSync(candidate)) return candidate;
    if (fs.existsSync(path.join(current, '.git'))) return undefined;
    const parent = path.dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

export function readConfigFile(file: string): ConfigFile {
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch (e) {
    throw new ConfigError(`${file}: cannot read: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`, '/');
  }
  if (st.size > MAX_CONFIG_BYTES) throw new ConfigError(`${file}: larger than ${MAX_CONFIG_BYTES} bytes`, '/');
  return parseConfig(fs.readFileSync(file, 'utf8'), allRules, file);
}

/** Fingerprints in the sidecar beside the config (the corpus root); none when there is no sidecar. */
export function readReviewed(root: string): Set<string> {
  const file = path.join(root, REVIEWED_FILE_NAME);
  if (!fs.existsSync(file)) return new Set();
  return reviewedSet(parseReviewed(fs.readFileSync(file, 'utf8')));
}
