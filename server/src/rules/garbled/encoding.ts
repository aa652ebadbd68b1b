/**
 * Windows-1252 and Latin-1, the two codepages UTF-8 is most often misread as: the bytes each
 * character stands for, and the repair of a misread span (back to bytes, then read as UTF-8).
 */

/** Windows-1252 bytes 0x80-0x9F; the five it leaves undefined (0x81 0x8D 0x8F 0x90 0x9D) read as C1 controls. */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

/** Windows-1252's characters beyond Latin-1 (€ ‚ ƒ „ … ’ ™ ...) -> their byte; Latin-1 characters are their own byte. */
const CP1252_BYTE = new Map<number, number>();
for (let b = 0x80; b <= 0x9f; b++) CP1252_BYTE.set(CP1252_HIGH.charCodeAt(b - 0x80), b);

/** The byte a character (by code) stands for when text was decoded as Windows-1252 or Latin-1, if any. */
export function byteOfCode(c: number): number | undefined {
  return c < 0x100 ? c : CP1252_BYTE.get(c);
}

/** The Windows-1252 character for a byte 0x80-0x9F, or undefined for the five it leaves undefined. */
export function cp1252Char(byte: number): string | undefined {
  const ch = CP1252_HIGH[byte - 0x80];
  return ch && ch.charCodeAt(0) >= 0xa0 ? ch : undefined;
}

/** Whether the character with code `c` stands for a UTF-8 continuation byte (0x80-0xBF). */
export function isContinuationCode(c: number): boolean {
  if (c < 0x80) return false;
  const b = byteOfCode(c);
  return b !== undefined && b <= 0xbf;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Re-reads a misdecoded span: each character back to the byte it came from, the bytes as UTF-8.
 * Undefined when a character has no byte or the bytes are not valid UTF-8: then the span was not
 * (only) misread UTF-8, and a repair would be a guess.
 */
export function redecode(span: string): string | undefined {
  const bytes = new Uint8Array(span.length);
  for (let i = 0; i < span.length; i++) {
    const b = byteOfCode(span.charCodeAt(i));
    if (b === undefined) return undefined;
    bytes[i] = b;
  }
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return undefined;
  }
}

/** Length of the UTF-8 sequence a lead byte opens (2-4), or 0 when it opens none. */
export function sequenceLength(lead: number): number {
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}
