/** Per-folder configuration for the server: the nearest seedlint.config.json and its review sidecar. */
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { allRules, ConfigError, resolveConfig, type ResolvedConfig } from '../engine/index';
import { findCorpusRoot, readConfigFile, readReviewed } from '../io/config';

export interface FolderConfig {
  /** The config file, when there is one. */
  file?: string;
  /** The corpus root (io/config.ts: findCorpusRoot), with the workspace folder as the fallback. */
  root: string;
  config: ResolvedConfig;
  reviewed: Set<string>;
  /** A config or sidecar problem (already reported once). */
  error?: string;
}

/** The path of a `file:` URI, or undefined for any other scheme or a malformed URI. */
export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export class ConfigStore {
  private readonly byDir = new Map<string, FolderConfig>();
  private readonly reported = new Set<string>();

  constructor(
    /** Where a problem with a config or sidecar file is shown; each distinct one once per change. */
    private readonly onError: (message: string) => void,
    /** The workspace folder holding `dir`, if any: the corpus root when there is no config file. */
    private readonly folderOf: (dir: string) => string | undefined,
  ) {}

  /** Forgets everything read: call when a config or sidecar file changed. */
  clear(): void {
    this.byDir.clear();
    this.reported.clear();
  }

  /** Shows a problem with a config or sidecar file, once until the next `clear()`. */
  report(message: string): void {
    if (this.reported.has(message)) return;
    this.reported.add(message);
    this.onError(message);
  }

  forUri(uri: string): FolderConfig {
    const file = uriToPath(uri);
    return this.forDir(file ? path.dirname(file) : process.cwd());
  }

  forDir(dir: string): FolderConfig {
    const cached = this.byDir.get(dir);
    if (cached) return cached;
    const { root, configFile: file } = findCorpusRoot(dir, this.folderOf(dir) ?? dir);
    let config: ResolvedConfig;
    let error: string | undefined;
    try {
      config = resolveConfig(file ? readConfigFile(file) : {}, allRules);
    } catch (e) {
      error = e instanceof ConfigError ? e.message : `cannot read ${file}: ${(e as Error).message}`;
      this.report(`${error} (using the default configuration until it is fixed)`);
      config = resolveConfig({}, allRules);
    }
    let reviewed = new Set<string>();
    try {
      reviewed = readReviewed(root);
    } catch (e) {
      error ??= (e as Error).message;
      this.report(`${(e as Error).message} (ignoring the reviewed findings until it is fixed)`);
    }
    const result: FolderConfig = { file, root, config, reviewed, error };
    this.byDir.set(dir, result);
    return result;
  }
}

/** The innermost of `folders` holding `dir`. */
export function workspaceFolderOf(folders: readonly string[], dir: string): string | undefined {
  let best: string | undefined;
  for (const f of folders) {
    if ((dir === f || dir.startsWith(f.endsWith(path.sep) ? f : f + path.sep)) && (best === undefined || f.length > best.length)) best = f;
  }
  return best;
}
