/** Per-folder configuration for the server: the nearest seedlint.config.json and its review sidecar. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { allRules, ConfigError, resolveConfig, type ResolvedConfig } from '../engine/index';
import { findConfigFile, readConfigFile, readReviewed } from '../io/config';

export interface FolderConfig {
  /** The config file, when there is one. */
  file?: string;
  /** The corpus root: the config's folder, else the workspace folder. */
  root: string;
  config: ResolvedConfig;
  reviewed: Set<string>;
  /** A config or sidecar problem, reported once as a diagnostic-free message. */
  error?: string;
}

export class ConfigStore {
  private readonly byDir = new Map<string, FolderConfig>();
  private defaultConfig?: FolderConfig;

  constructor(private readonly onError: (message: string) => void) {}

  clear(): void {
    this.byDir.clear();
  }

  private fallback(root: string, error?: string): FolderConfig {
    this.defaultConfig ??= { root, config: resolveConfig({}, allRules), reviewed: new Set() };
    return { ...this.defaultConfig, root, error };
  }

  forUri(uri: string): FolderConfig {
    if (!uri.startsWith('file:')) return this.fallback(process.cwd());
    return this.forDir(path.dirname(fileURLToPath(uri)));
  }

  forDir(dir: string): FolderConfig {
    const cached = this.byDir.get(dir);
    if (cached) return cached;
    let result: FolderConfig;
    const file = findConfigFile(dir);
    const root = file ? path.dirname(file) : dir;
    try {
      const config = resolveConfig(file ? readConfigFile(file) : {}, allRules);
      let reviewed = new Set<string>();
      let error: string | undefined;
      try {
        reviewed = readReviewed(root);
      } catch (e) {
        error = (e as Error).message;
        this.onError(error);
      }
      result = { file, root, config, reviewed, error };
    } catch (e) {
      const message = e instanceof ConfigError ? e.message : `cannot read ${file}: ${(e as Error).message}`;
      this.onError(`${message} (using the default configuration until it is fixed)`);
      result = this.fallback(root, message);
      result.file = file;
    }
    this.byDir.set(dir, result);
    return result;
  }
}

export function fileExists(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}
