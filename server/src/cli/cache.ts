/**
 * The CLI's result cache (`--cache`): results of files whose content, configuration, rules and
 * language data are unchanged are reused instead of linted again.
 *
 * One JSON file, data only: `{version, key, entries: {<absolute path>: {hash, result, day?, mac}}}`.
 * `key` hashes everything that changes results for every file (config.key, the rule ids and the
 * build of the engine, the language data version, the review sidecar); `hash` is the SHA-1 of the
 * file's bytes. `mac` is an HMAC of the entry under a secret kept in the user's cache folder
 * (never in the corpus), so a cache file made elsewhere or written by hand cannot vouch for
 * content this user's seedlint did not lint: such entries are ignored. By default the cache lives
 * in `node_modules/.cache/seedlint/` under the corpus root, outside the files seedlint lints and
 * writes only there (no links followed out of the root). A corrupt or foreign cache is ignored with
 * a note and rewritten; the file is written atomically and never grows past MAX_CACHE_BYTES.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import pkg from '../../../package.json';
import { LANGUAGE_DATA_VERSION, type ResolvedConfig, type Rule } from '../engine/index';
import { readRegularFile } from '../io/read';
import { writeFileAtomic } from '../io/write';
import type { FileResult } from './results';

export const CACHE_VERSION = 2;
/** Under the corpus root: where tools keep caches, skipped by the walk and by version control. */
export const DEFAULT_CACHE_DIR = path.join('node_modules', '.cache', 'seedlint');
export const CACHE_FILE_NAME = 'results.json';
/** A bigger cache is not read, and is trimmed to this size when written. */
export const MAX_CACHE_BYTES = 256 * 1024 * 1024;

export interface CacheEntry {
  /** SHA-1 of the file's bytes. */
  hash: string;
  /** The result without `filePath` (the entry's key). */
  result: Omit<FileResult, 'filePath'>;
  /** Set when the result depends on the date (a header date in the future): valid on this UTC day only. */
  day?: string;
  /** HMAC of the rest under this user's cache secret. */
  mac: string;
}

interface CacheFileShape {
  version: number;
  key: string;
  entries: Record<string, CacheEntry>;
}

export interface CacheLocation {
  file: string;
  /** The default location: written only when its folder resolves inside `root`. */
  root?: string;
}

/** Where the cache lives: `--cache-location` (a file, or a directory for results.json), else under the corpus root. */
export function cacheFilePath(location: string | undefined, root: string, cwd: string): CacheLocation {
  if (!location) return { file: path.join(root, DEFAULT_CACHE_DIR, CACHE_FILE_NAME), root };
  const resolved = path.resolve(cwd, location);
  let isDir = location.endsWith('/') || location.endsWith(path.sep);
  try {
    isDir ||= fs.statSync(resolved).isDirectory();
  } catch {
    /* a file to be created */
  }
  return { file: isDir ? path.join(resolved, CACHE_FILE_NAME) : resolved };
}

/** The folder holding this user's cache secret: outside any corpus. */
export function secretFile(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : path.join(os.homedir(), '.cache');
  return path.join(base, 'seedlint', 'cache-secret');
}

/** This user's secret for the cache's MACs, made on first use (32 random bytes, mode 0600). */
export function cacheSecret(file = secretFile()): Buffer {
  try {
    const { bytes } = readRegularFile(file, 1024);
    if (bytes.length >= 32) return bytes;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  try {
    fs.writeFileSync(file, randomBytes(32), { flag: 'wx', mode: 0o600 });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  const { bytes } = readRegularFile(file, 1024);
  if (bytes.length < 32) throw new Error(`${file} is too short to be a secret`);
  return bytes;
}

export function hashBytes(bytes: Uint8Array): string {
  return createHash('sha1').update(bytes).digest('hex');
}

let buildHash: string | undefined;

/** A hash of the running code (the bundle, or this module under tsx): any change to the rules invalidates the cache. */
function engineBuild(): string {
  if (buildHash) return buildHash;
  try {
    buildHash = hashBytes(fs.readFileSync(__filename));
  } catch {
    buildHash = 'unknown';
  }
  return buildHash;
}

/** Everything besides a file's bytes that decides its results. */
export function cacheKey(config: ResolvedConfig, rules: readonly Rule[], reviewed: ReadonlySet<string>): string {
  return createHash('sha1')
    .update(
      JSON.stringify({
        cache: CACHE_VERSION,
        version: pkg.version,
        build: engineBuild(),
        rules: rules.map((r) => r.meta.id),
        languageData: LANGUAGE_DATA_VERSION,
        config: config.key,
        reviewed: [...reviewed].sort(),
      }),
    )
    .digest('hex');
}

/** Today as YYYY-MM-DD (UTC), the day results with a future-date finding are valid on. */
export function utcDay(now: Date): string {
  return now.toISOString().slice(0, 10);
}

export class ResultCache {
  private entries = new Map<string, CacheEntry>();
  private readonly seen = new Set<string>();
  private dirty = false;
  hits = 0;
  misses = 0;

  readonly file: string;
  private readonly root: string | undefined;

  constructor(
    location: CacheLocation,
    private readonly secret: Buffer,
    readonly key: string,
    readonly day: string,
    /** Notes for the user (a corrupt cache, a failed write): printed on stderr, never fatal. */
    private readonly note: (message: string) => void,
  ) {
    this.file = location.file;
    this.root = location.root;
  }

  private mac(filePath: string, e: Omit<CacheEntry, 'mac'>): string {
    return createHmac('sha256', this.secret).update(JSON.stringify([this.key, filePath, e.hash, e.day ?? null, e.result])).digest('hex');
  }

  /** The default location only inside the corpus root: a committed link there must not send the cache elsewhere. */
  private confined(): boolean {
    if (this.root === undefined) return true;
    try {
      const realRoot = fs.realpathSync(this.root);
      const dir = fs.realpathSync(path.dirname(this.file));
      return dir === realRoot || dir.startsWith(realRoot.endsWith(path.sep) ? realRoot : realRoot + path.sep);
    } catch {
      return false;
    }
  }

  /** Reads the cache file; anything wrong with it is a note and an empty cache. */
  load(): this {
    let text: string;
    try {
      if (this.root !== undefined && fs.existsSync(path.dirname(this.file)) && !this.confined()) {
        this.note(`not using the cache ${this.file}: its folder leads outside the corpus root.`);
        return this;
      }
      text = readRegularFile(this.file, MAX_CACHE_BYTES).bytes.toString('utf8');
    } catch (e) {
      const err = e as NodeJS.ErrnoException & { kind?: string };
      if (err.kind === 'too-large') {
        this.note(`ignoring the cache ${this.file}: larger than ${MAX_CACHE_BYTES} bytes; it will be rewritten.`);
        this.dirty = true;
      } else if (err.code !== 'ENOENT') this.note(`ignoring the cache ${this.file}: ${(e as Error).message}`);
      return this;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      this.note(`ignoring the cache ${this.file}: not valid JSON; it will be rewritten.`);
      this.dirty = true;
      return this;
    }
    const v = value as CacheFileShape;
    if (typeof v !== 'object' || v === null || v.version !== CACHE_VERSION || typeof v.key !== 'string' || typeof v.entries !== 'object' || v.entries === null) {
      this.note(`ignoring the cache ${this.file}: not a seedlint cache of this version; it will be rewritten.`);
      this.dirty = true;
      return this;
    }
    // Another configuration, rule set or language data: every entry is stale.
    if (v.key !== this.key) {
      this.dirty = true;
      return this;
    }
    let forged = 0;
    for (const [file, e] of Object.entries(v.entries)) {
      if (!isEntry(e)) continue;
      const { mac, ...rest } = e;
      if (mac === this.mac(file, rest)) this.entries.set(file, e);
      else forged++;
    }
    if (forged > 0) {
      this.note(`ignoring ${forged} cache entr${forged === 1 ? 'y' : 'ies'} of ${this.file} not made by this user's seedlint; they will be rewritten.`);
      this.dirty = true;
    }
    return this;
  }

  /** The hash a file's bytes are cached under. */
  hash(bytes: Uint8Array): string {
    return hashBytes(bytes);
  }

  /** The cached result for this file and content, if still valid. */
  get(filePath: string, hash: string): FileResult | undefined {
    this.seen.add(filePath);
    const e = this.entries.get(filePath);
    if (!e || e.hash !== hash || (e.day !== undefined && e.day !== this.day)) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    return { filePath, ...e.result };
  }

  set(result: FileResult, hash: string): void {
    // Problems with the file itself (unreadable, too large, binary, a write that failed) are checked afresh every run.
    if (result.messages.some((m) => m.fatal || (m.ruleId?.startsWith('file/') && m.ruleId !== 'file/invalid-utf8' && m.ruleId !== 'file/too-many-findings'))) return;
    const { filePath, fixesApplied: _applied, output: _output, ...rest } = result;
    const unsigned: Omit<CacheEntry, 'mac'> = { hash, result: rest };
    if (result.messages.some((m) => m.ruleId === 'date-header/future')) unsigned.day = this.day;
    const entry: CacheEntry = { ...unsigned, mac: this.mac(filePath, unsigned) };
    this.seen.add(filePath);
    this.entries.set(filePath, entry);
    this.dirty = true;
  }

  /**
   * Writes the cache atomically when it changed. Entries of files not seen in this run are kept
   * (another run may lint other paths) unless the file would grow past MAX_CACHE_BYTES.
   */
  save(): void {
    if (!this.dirty) return;
    let text = serialize(this.key, this.entries);
    if (text.length > MAX_CACHE_BYTES) {
      const kept = new Map([...this.entries].filter(([f]) => this.seen.has(f)));
      text = serialize(this.key, kept);
      if (text.length > MAX_CACHE_BYTES) text = serialize(this.key, new Map());
    }
    try {
      fs.mkdirSync(path.dirname(this.file), { recursive: true });
      if (!this.confined()) throw new Error('its folder leads outside the corpus root');
      writeFileAtomic(this.file, text, { create: !fs.existsSync(this.file), links: 'refuse' });
    } catch (e) {
      this.note(`could not write the cache ${this.file}: ${(e as Error).message}`);
    }
  }
}

function isEntry(e: unknown): e is CacheEntry {
  const x = e as CacheEntry;
  return typeof x === 'object' && x !== null && typeof x.hash === 'string' && typeof x.mac === 'string' && typeof x.result === 'object' && x.result !== null && Array.isArray(x.result.messages);
}

function serialize(key: string, entries: Map<string, CacheEntry>): string {
  const out: CacheFileShape = { version: CACHE_VERSION, key, entries: Object.fromEntries(entries) };
  return JSON.stringify(out);
}
