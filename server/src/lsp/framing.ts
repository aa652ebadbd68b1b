/**
 * Follows the LSP base protocol's framing (`Content-Length: n` headers, then n bytes) on the stdio
 * stream beside vscode-jsonrpc's reader, to notice when the framing is lost. The reader drops a
 * header block it cannot use and reads on; after a wrong Content-Length every later message is then
 * misread, and the server would sit there deaf for good. Noticing lets the server exit, so that the
 * client sees a crash it knows how to handle instead of requests that are never answered.
 *
 * Headers are found exactly as vscode-jsonrpc finds them (the same CR LF CR LF state machine, the
 * same `key: value` split, `parseInt` of the last Content-Length), so a stream the reader frames
 * correctly is never taken for a broken one. A body that is not JSON keeps the framing and is not
 * this module's business: the reader drops that message and the next one is read correctly.
 */

import { LogMessageNotification, MessageType, type Connection } from 'vscode-languageserver/node';

const CR = 13;
const LF = 10;
/** Real header blocks are about 25 bytes (`Content-Length: 12345`, maybe a Content-Type). */
const MAX_HEADER_BYTES = 8 * 1024;

export class FramingWatcher {
  /** Body bytes still to skip. */
  private bodyLeft = 0;
  /** The header block read so far (latin1: one char per byte). */
  private header = '';
  /** Progress through CR LF CR LF, as vscode-jsonrpc's messageBuffer counts it. */
  private state = 0;
  private lostReason: string | undefined;

  constructor(private readonly onLost: (reason: string) => void) {}

  get lost(): boolean {
    return this.lostReason !== undefined;
  }

  push(chunk: Uint8Array): void {
    let i = 0;
    while (i < chunk.length && !this.lost) {
      if (this.bodyLeft > 0) {
        const n = Math.min(this.bodyLeft, chunk.length - i);
        this.bodyLeft -= n;
        i += n;
        continue;
      }
      const start = i;
      while (i < chunk.length && this.state !== 4) {
        const byte = chunk[i++];
        if (byte === CR) this.state = this.state === 0 ? 1 : this.state === 2 ? 3 : 0;
        else if (byte === LF) this.state = this.state === 1 ? 2 : this.state === 3 ? 4 : 0;
        else this.state = 0;
      }
      this.header += Buffer.from(chunk.buffer, chunk.byteOffset + start, i - start).toString('latin1');
      if (this.state !== 4) {
        if (this.header.length > MAX_HEADER_BYTES) this.lose(`a header block longer than ${MAX_HEADER_BYTES} bytes`);
        return;
      }
      const block = this.header.slice(0, -4);
      this.header = '';
      this.state = 0;
      const length = contentLength(block);
      if (typeof length === 'string') this.lose(length);
      else this.bodyLeft = length;
    }
  }

  private lose(reason: string): void {
    this.lostReason = reason;
    this.onLost(reason);
  }
}

/** The body length a header block announces, or why it announces none. */
function contentLength(block: string): number | string {
  let value: string | undefined;
  for (const line of block.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon === -1) return `a header line without ":" (${JSON.stringify(line.slice(0, 60))})`;
    if (line.slice(0, colon).toLowerCase() === 'content-length') value = line.slice(colon + 1).trim();
  }
  if (!value) return 'a header block without Content-Length';
  // No radix, as the reader parses it: "0x10" is 16 there, so it must be here.
  const length = parseInt(value);
  if (Number.isNaN(length) || length < 0) return `Content-Length ${JSON.stringify(value.slice(0, 60))}, which is not a length`;
  return length;
}

/**
 * Over stdio, a wrong Content-Length leaves vscode-jsonrpc's reader out of step for good: exit,
 * saying why, rather than idle deaf, so that the client restarts the server.
 */
export function exitWhenFramingIsLost(connection: Connection): void {
  const framing = new FramingWatcher((reason) => {
    const message = `seedlint: the client's messages cannot be read any further (${reason}); exiting so that the client can restart the server.`;
    const logged = connection.sendNotification(LogMessageNotification.type, { type: MessageType.Error, message }).then(
      () => true,
      () => false,
    );
    const late = new Promise<boolean>((resolve) => setTimeout(resolve, 1000, false));
    void Promise.race([logged, late]).then((ok) => {
      if (!ok) process.stderr.write(`${message}\n`);
      process.exit(1);
    });
  });
  process.stdin.on('data', (chunk: Buffer) => framing.push(chunk));
}
