/**
 * The one way seedlint writes a file: a temporary file beside it, written in full (a short write on
 * a full disk is an error, not a shorter file), synced, its size checked, then renamed over the
 * original. Readers see the old file or the new one, never a part. A read-only file is not
 * replaced, a file changed since it was read is not replaced (no lost update), owner, group and
 * mode are kept where the process may, and temporary files still open are removed on the way out.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { sameSnapshot, snapshotOf, type FileSnapshot } from './read';

/** The calls the writer makes: tests pass an fs that fails in chosen places (a full disk). */
export type WriteFs = Pick<
  typeof fs,
  'openSync' | 'writeSync' | 'fsyncSync' | 'fstatSync' | 'closeSync' | 'renameSync' | 'linkSync' | 'unlinkSync' | 'fchownSync' | 'fchmodSync' | 'statSync' | 'lstatSync' | 'realpathSync' | 'accessSync'
>;

export type RefusalKind = 'read-only' | 'changed' | 'link' | 'not-regular' | 'exists';

/** A write that was not attempted, and why: the file is as it was. */
export class WriteRefused extends Error {
  constructor(
    message: string,
    readonly kind: RefusalKind,
  ) {
    super(message);
  }
}

export interface WriteOptions {
  /** The file as it was read: when it changed since, the write is refused (kind `changed`). */
  expect?: FileSnapshot;
  /**
   * `follow` writes the target of a symbolic link and keeps the link (the CLI, which checks the
   * target is inside its root); `refuse` never writes through one (the server's config and sidecar).
   */
  links?: 'follow' | 'refuse';
  /** A missing file may be created (never replacing one made meanwhile); else a missing file is an error. */
  create?: boolean;
  fs?: WriteFs;
}

/** Temporary files this process has open: removed by removeTempFiles() when it is interrupted. */
const liveTemps = new Set<string>();

export function removeTempFiles(): void {
  for (const tmp of liveTemps) {
    try {
      fs.unlinkSync(tmp);
    } catch {
      /* already gone */
    }
  }
  liveTemps.clear();
}

/** How many temporary files are open now (tests). */
export function tempFileCount(): number {
  return liveTemps.size;
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** A file no write bit allows, or that this process may not write, is read-only: seedlint does not replace it. */
function isReadOnly(f: WriteFs, file: string, st: fs.Stats): boolean {
  if ((st.mode & 0o222) === 0) return true;
  if (isRoot) return false;
  try {
    f.accessSync(file, fs.constants.W_OK);
    return false;
  } catch {
    return true;
  }
}

/**
 * A file being written atomically: `write` as often as needed, then `commit` (or `abort`). The
 * checks (link, regular file, read-only) are made when it is opened, the lost-update check again
 * just before the rename.
 */
export class AtomicFile {
  /** The path renamed over: the link's target with `links: 'follow'`. */
  readonly target: string;
  private readonly f: WriteFs;
  private readonly existing: fs.Stats | undefined;
  private readonly tmp: string;
  private fd: number | undefined;
  private length = 0;

  constructor(
    file: string,
    private readonly options: WriteOptions = {},
  ) {
    const f = (this.f = options.fs ?? fs);
    let target = path.resolve(file);
    let st: fs.Stats | undefined;
    try {
      st = f.lstatSync(target);
      if (st.isSymbolicLink()) {
        if (options.links === 'refuse') throw new WriteRefused('it is a symbolic link, and seedlint does not write through links here', 'link');
        target = f.realpathSync(target);
        st = f.statSync(target);
      }
    } catch (e) {
      if (e instanceof WriteRefused || (e as NodeJS.ErrnoException).code !== 'ENOENT' || !options.create) throw e;
      st = undefined;
    }
    if (st && !st.isFile()) throw new WriteRefused('not a regular file', 'not-regular');
    if (st && isReadOnly(f, target, st)) throw new WriteRefused('the file is read-only', 'read-only');
    if (options.expect && (!st || !sameSnapshot(snapshotOf(st), options.expect))) throw new WriteRefused('the file changed on disk since it was read', 'changed');
    this.target = target;
    this.existing = st;
    this.tmp = path.join(path.dirname(target), `.${path.basename(target)}.seedlint-${process.pid}-${Math.random().toString(36).slice(2, 10)}.tmp`);
    // Private until it is complete; the original's mode is set before the rename.
    this.fd = f.openSync(this.tmp, 'wx', st ? 0o600 : 0o666);
    liveTemps.add(this.tmp);
  }

  /** Appends `data`, all of it: a short count is retried, and no progress is an error. */
  write(data: Uint8Array | string): this {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    try {
      for (let at = 0; at < bytes.length; ) {
        const n = this.f.writeSync(this.fd!, bytes, at, bytes.length - at);
        if (!(n > 0)) throw Object.assign(new Error(`no space left on the device (wrote ${this.length + at} of ${this.length + bytes.length} bytes)`), { code: 'ENOSPC' });
        at += n;
      }
      this.length += bytes.length;
    } catch (e) {
      this.abort();
      throw e;
    }
    return this;
  }

  /** Makes the new content the file's: fsync, size check, owner and mode, lost-update check, rename. */
  commit(): void {
    const { f, existing: st } = this;
    try {
      f.fsyncSync(this.fd!);
      const size = f.fstatSync(this.fd!).size;
      if (size !== this.length) throw Object.assign(new Error(`the temporary file holds ${size} of ${this.length} bytes`), { code: 'EIO' });
      if (st) {
        // Owner and group as they were (root may; others may at least keep a group they belong to), then the mode.
        try {
          f.fchownSync(this.fd!, st.uid, st.gid);
        } catch {
          try {
            f.fchownSync(this.fd!, -1, st.gid);
          } catch {
            /* the new file keeps this process's group */
          }
        }
        f.fchmodSync(this.fd!, st.mode & 0o7777);
      }
      f.closeSync(this.fd!);
      this.fd = undefined;
      if (this.options.expect) {
        let now: fs.Stats | undefined;
        try {
          now = f.statSync(this.target);
        } catch {
          now = undefined;
        }
        if (!now || !sameSnapshot(snapshotOf(now), this.options.expect)) throw new WriteRefused('the file changed on disk since it was read', 'changed');
      }
      if (st) f.renameSync(this.tmp, this.target);
      else {
        // A new file: link, which fails when one appeared meanwhile, rather than rename over it.
        try {
          f.linkSync(this.tmp, this.target);
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw new WriteRefused('a file of that name appeared meanwhile', 'exists');
          throw e;
        }
        f.unlinkSync(this.tmp);
      }
      liveTemps.delete(this.tmp);
    } catch (e) {
      this.abort();
      throw e;
    }
    syncDirectory(path.dirname(this.target));
  }

  /** Removes the temporary file; the original is as it was. */
  abort(): void {
    if (this.fd !== undefined) {
      try {
        this.f.closeSync(this.fd);
      } catch {
        /* closing is all that is left to do */
      }
      this.fd = undefined;
    }
    try {
      this.f.unlinkSync(this.tmp);
    } catch {
      /* already gone */
    }
    liveTemps.delete(this.tmp);
  }
}

/** Makes the rename durable. Best effort: not every file system lets a directory be opened and synced. */
function syncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    /* the rename stands either way */
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** Writes `data` to `file` atomically (see AtomicFile). Throws WriteRefused, or the system's error, with the file unchanged. */
export function writeFileAtomic(file: string, data: Uint8Array | string, options: WriteOptions = {}): void {
  new AtomicFile(file, options).write(data).commit();
}
