/** Small, fast, seedless hashes for the corpus pass: 32-bit mixes and a 64-bit string hash as two 32-bit halves. */

/** MurmurHash3's finaliser: every input bit affects every output bit. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A 32-bit hash of a string (FNV-1a over UTF-16 units, then mixed). */
export function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return fmix32(h);
}

/** Combines two 32-bit hashes, order-sensitive. */
export function combine32(a: number, b: number): number {
  return fmix32(Math.imul(a ^ 0x9e3779b9, 0x01000193) ^ b);
}

/**
 * Streams UTF-16 code units into two independent 32-bit lanes: 64 bits in all, so that a million
 * distinct lines collide with probability about 10^-7.
 */
export class Hash64 {
  private h1 = 0x811c9dc5;
  private h2 = 0x2f6b1d3;

  unit(c: number): void {
    this.h1 = Math.imul(this.h1 ^ c, 0x01000193);
    this.h2 = Math.imul(this.h2 ^ c, 0x5bd1e995);
    this.h2 ^= this.h2 >>> 15;
  }

  get hi(): number {
    return fmix32(this.h2 ^ Math.imul(this.h1, 0x27d4eb2d));
  }

  get lo(): number {
    return fmix32(this.h1);
  }

  /** The hash as one number below 2^53: exact as a Map key. */
  get value(): number {
    return (this.hi & 0x1fffff) * 0x100000000 + this.lo;
  }
}
