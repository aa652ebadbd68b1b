/**
 * Where the report goes: standard output, or the `--output-file`, written as it grows into a
 * temporary file that replaces the file when the run ends (the old report stays whole until then).
 * Its folder is made and the temporary file opened before anything is linted, so a report that
 * cannot be written fails the run at once. A device or FIFO named by `--output-file`
 * (`/dev/stdout`) is written directly.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describeError } from '../io/read';
import { AtomicFile, WriteRefused } from '../io/write';

/** Pieces are gathered up to about this many characters per write. */
const CHUNK_CHARS = 64 * 1024;

export class ReportOutput {
  private pending = '';
  private atomic: AtomicFile | undefined;
  private fd: number | undefined;
  private failure: string | undefined;

  /** `file` undefined: standard output. Check `openFailure` before linting: a file that cannot be opened is a usage error. */
  constructor(
    private readonly write: (text: string) => void,
    private readonly file?: string,
  ) {
    if (file !== undefined) this.open(file);
  }

  /** Why the output file cannot be written (its folder cannot be made, it cannot be opened), if so. */
  get openFailure(): string | undefined {
    return this.failure;
  }

  add(text: string): void {
    if (text === '' || this.failure !== undefined) return;
    this.pending += text;
    if (this.pending.length >= CHUNK_CHARS) this.flush();
  }

  /** Writes what is left; returns why the output file could not be written, if it could not. */
  close(): string | undefined {
    this.flush();
    try {
      if (this.atomic && this.failure === undefined) this.atomic.commit();
      else this.atomic?.abort();
      if (this.fd !== undefined) fs.closeSync(this.fd);
    } catch (e) {
      this.failure ??= e instanceof WriteRefused ? e.message : describeError(e);
    }
    this.atomic = undefined;
    this.fd = undefined;
    return this.failure;
  }

  private open(file: string): void {
    try {
      let special = false;
      try {
        special = !fs.statSync(file).isFile();
      } catch {
        /* a new file */
      }
      if (special) this.fd = fs.openSync(file, 'w');
      else {
        // As ESLint does: the report's folder is made when missing.
        try {
          fs.mkdirSync(path.dirname(file), { recursive: true });
        } catch (e) {
          const code = (e as NodeJS.ErrnoException).code;
          throw code === 'EEXIST' || code === 'ENOTDIR' ? new Error('its folder is a file, not a directory') : e;
        }
        this.atomic = new AtomicFile(file, { create: true, links: 'follow' });
      }
    } catch (e) {
      this.failure = e instanceof WriteRefused || !(e as NodeJS.ErrnoException).code ? (e as Error).message : describeError(e);
    }
  }

  private flush(): void {
    const text = this.pending;
    this.pending = '';
    if (text === '' || this.failure !== undefined) return;
    if (this.file === undefined) {
      this.write(text);
      return;
    }
    try {
      if (this.atomic) this.atomic.write(text);
      else {
        const bytes = Buffer.from(text, 'utf8');
        for (let at = 0; at < bytes.length; ) at += fs.writeSync(this.fd!, bytes, at, bytes.length - at);
      }
    } catch (e) {
      this.atomic = undefined; // write() removed its temporary file
      this.failure = describeError(e);
    }
  }
}
