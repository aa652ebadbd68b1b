/** Where the report goes: standard output, or the `--output-file`, written in pieces as it grows. */
import * as fs from 'node:fs';
import { describeError } from '../io/files';

/** Pieces are gathered up to about this many characters per write. */
const CHUNK_CHARS = 64 * 1024;

export class ReportOutput {
  private pending = '';
  private fd: number | undefined;
  private failure: string | undefined;

  /**
   * `file` undefined: standard output. `holdUntilEnd`: the whole report is written by `close`, as
   * when `file` is itself one of the files being linted (it must be read before it is replaced).
   * A file that cannot be opened or written is not an error until `close`, as when the report
   * was written at the end of the run: the files are linted (and fixed) all the same.
   */
  constructor(
    private readonly write: (text: string) => void,
    private readonly file?: string,
    private readonly holdUntilEnd = false,
  ) {
    if (file !== undefined && !holdUntilEnd) this.open();
  }

  add(text: string): void {
    if (text === '' || this.failure !== undefined) return;
    this.pending += text;
    if (!this.holdUntilEnd && this.pending.length >= CHUNK_CHARS) this.flush();
  }

  /** Writes what is left; returns why the output file could not be written, if it could not. */
  close(): string | undefined {
    if (this.file !== undefined && this.holdUntilEnd) this.open();
    this.flush();
    if (this.fd !== undefined) {
      try {
        fs.closeSync(this.fd);
      } catch (e) {
        this.failure ??= describeError(e);
      }
      this.fd = undefined;
    }
    return this.failure;
  }

  private open(): void {
    try {
      this.fd = fs.openSync(this.file!, 'w');
    } catch (e) {
      this.failure = describeError(e);
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
      const bytes = Buffer.from(text, 'utf8');
      for (let at = 0; at < bytes.length; ) at += fs.writeSync(this.fd!, bytes, at, bytes.length - at);
    } catch (e) {
      this.failure = describeError(e);
    }
  }
}
