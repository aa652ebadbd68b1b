/**
 * Reading files from a workspace that may be hostile: regular files only (a FIFO, a device or a
 * link to /dev/zero is refused without blocking), with the size checked before a byte is read and
 * never more than the limit read even when the file grows meanwhile.
 */
import * as fs from 'node:fs';

/** What identifies a file's content at one moment: a later write is refused when this changed (a lost update). */
export interface FileSnapshot {
  dev: number;
  ino: number;
  size: number;
  mtimeMs: number;
  ctimeMs: number;
}

export function snapshotOf(st: fs.Stats): FileSnapshot {
  return { dev: st.dev, ino: st.ino, size: st.size, mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs };
}

export function sameSnapshot(a: FileSnapshot, b: FileSnapshot): boolean {
  return a.dev === b.dev && a.ino === b.ino && a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs;
}

/** Why a file was not read: `kind` says which finding or message it becomes. */
export class ReadRefused extends Error {
  constructor(
    message: string,
    readonly kind: 'not-regular' | 'too-large',
    readonly size?: number,
  ) {
    super(message);
  }
}

export interface RegularFile {
  bytes: Buffer;
  snapshot: FileSnapshot;
}

// O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer. No effect on regular files.
const OPEN_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0);

/**
 * The bytes of a regular file of at most `maxBytes`. Throws ReadRefused for anything else (a FIFO,
 * a device, a directory; a file over the limit, checked on the open file before reading), and the
 * system's error when it cannot be opened.
 */
export function readRegularFile(file: string, maxBytes: number): RegularFile {
  const fd = fs.openSync(file, OPEN_FLAGS);
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) throw new ReadRefused(`not a regular file`, 'not-regular');
    if (st.size > maxBytes) throw new ReadRefused(`larger than ${maxBytes} bytes`, 'too-large', st.size);
    // Read what fstat promised, and one byte more to notice growth past the limit.
    const buffer = Buffer.allocUnsafe(Math.min(st.size, maxBytes) + 1);
    let length = 0;
    for (;;) {
      const n = fs.readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
      if (length === buffer.length) {
        if (length > maxBytes) throw new ReadRefused(`larger than ${maxBytes} bytes`, 'too-large', length);
        break;
      }
    }
    return { bytes: buffer.subarray(0, length), snapshot: snapshotOf(st) };
  } finally {
    fs.closeSync(fd);
  }
}

/** The text of a regular file of at most `maxBytes`, or undefined when there is no file at `file`. */
export function readRegularText(file: string, maxBytes: number): string | undefined {
  try {
    return readRegularFile(file, maxBytes).bytes.toString('utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

/** A short, stable description of a file system error for messages. */
export function describeError(e: unknown): string {
  if (e instanceof ReadRefused) return e.message;
  const err = e as NodeJS.ErrnoException;
  switch (err.code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    case 'ENOTDIR':
      return 'not a directory';
    case 'EISDIR':
      return 'is a directory';
    case 'ENOSPC':
      return 'no space left on the device';
    case 'EDQUOT':
      return 'disk quota exceeded';
    case 'EROFS':
      return 'read-only file system';
    default: {
      // Node's "EBUSY: resource busy or locked, open '/x'": the description, without the call and path.
      const m = /^E[A-Z0-9]+: ([^,]+)/.exec(err.message ?? '');
      return m ? m[1] : (err.message ?? String(e));
    }
  }
}
