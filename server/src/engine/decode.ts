/** Turning file bytes into text without losing anything, and saying what was wrong with them. */

export interface DecodedText {
  text: string;
  /** The file started with a UTF-8 byte order mark (kept out of `text`, restored on write). */
  bom: boolean;
  /** Byte offset of the first invalid UTF-8 sequence, if any. */
  invalidUtf8At?: number;
  /** The bytes hold a NUL: a binary file, not text. */
  binary: boolean;
}

/** First byte offset at which `bytes` is not valid UTF-8, or -1. */
export function findInvalidUtf8(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else return i;
    let cp = b & (need === 1 ? 0x1f : need === 2 ? 0x0f : 0x07);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

export function decodeBytes(bytes: Uint8Array): DecodedText {
  // Anywhere in the file, not only in a first block: a NUL is never text (indexOf is native and fast).
  const binary = bytes.indexOf(0) >= 0;
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  const invalid = findInvalidUtf8(body);
  // Invalid sequences become U+FFFD, so the rest of the file is still linted.
  const text = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }).decode(body);
  return { text, bom, binary, invalidUtf8At: invalid >= 0 ? invalid + (bom ? 3 : 0) : undefined };
}
