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

/**
 * Re-reads one misdecoded UTF-8 sequence, text[start, start + length): each character back to the
 * byte it came from, the bytes as UTF-8. Undefined when a character has no byte or the bytes are not
 * one valid UTF-8 character (a bad lead or continuation byte, an overlong form, a surrogate, beyond
 * U+10FFFF): then the span was not (only) misread UTF-8, and a repair would be a guess. Decoded by
 * hand: TextDecoder allocated some 7 KB per call here, which made this rule the largest allocator.
 */
export function redecodeSequence(text: string, start: number, length: number): string | undefined {
  const lead = byteOfCode(text.charCodeAt(start));
  if (lead === undefined || length !== sequenceLength(lead) || start + length > text.length) return undefined;
  // The second byte's range narrows after E0 (no overlongs), ED (no surrogates), F0 (no overlongs) and F4 (nothing past U+10FFFF).
  const low = lead === 0xe0 ? 0xa0 : lead === 0xf0 ? 0x90 : 0x80;
  const high = lead === 0xed ? 0x9f : lead === 0xf4 ? 0x8f : 0xbf;
  let cp = lead & (length === 2 ? 0x1f : length === 3 ? 0x0f : 0x07);
  for (let k = 1; k < length; k++) {
    const b = byteOfCode(text.charCodeAt(start + k));
    if (b === undefined || b < (k === 1 ? low : 0x80) || b > (k === 1 ? high : 0xbf)) return undefined;
    cp = (cp << 6) | (b & 0x3f);
  }
  return String.fromCodePoint(cp);
}

/** Length of the UTF-8 sequence a lead byte opens (2-4), or 0 when it opens none. */
export function sequenceLength(lead: number): number {
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}
