/**
 * MinHash over word shingles and its LSH bands: a fixed-size sketch of a text whose agreement with
 * another's estimates the Jaccard similarity of their shingle sets (Broder 1997; banding as in
 * Leskovec, Rajaraman and Ullman, "Mining of Massive Datasets", ch. 3).
 */
import type { Word } from '../engine/words';
import { combine32, fmix32, hash32 } from './hash';

/** Words per shingle. */
export const SHINGLE_WORDS = 5;
/** Hash functions per sketch: the estimate's standard error is sqrt(J(1-J)/128), 0.035 at J = 0.8. */
export const MINHASH_SIZE = 128;
/**
 * 20 bands of 6 rows: two texts become candidates when all six rows of some band agree, with
 * probability 1-(1-J^6)^20: 0.998 at J = 0.8, 0.61 at 0.6, 0.08 at 0.4 (candidates are then verified).
 */
export const BANDS = 20;
export const ROWS = 6;
/** Sketches keep the low 16 bits of each minimum (b-bit MinHash): two unrelated values agree once in 65,536. */
const B_BIT_CHANCE = 1 / 65536;

const MULTIPLIERS = new Int32Array(MINHASH_SIZE);
const SALTS = new Int32Array(MINHASH_SIZE);
for (let i = 0; i < MINHASH_SIZE; i++) {
  MULTIPLIERS[i] = fmix32(2 * i + 1) | 1;
  SALTS[i] = fmix32(2 * i + 2);
}

/** Scripts written without spaces: each character is a token. */
const UNSPACED = new Set(['Han', 'Kana', 'Thai']);

/** Appends the token hashes of `words` (whole words, or characters of unspaced scripts) to `out`. */
export function pushTokens(text: string, words: readonly Word[], base: number, out: number[]): void {
  for (const w of words) {
    if (!UNSPACED.has(w.script)) {
      out.push(hash32(w.lower));
      continue;
    }
    for (let i = w.start - base; i < w.end - base; ) {
      const cp = text.codePointAt(i)!;
      out.push(fmix32(cp ^ 0x5bd1e995));
      i += cp > 0xffff ? 2 : 1;
    }
  }
}

export interface Sketch {
  /** The low 16 bits of each of the MINHASH_SIZE minima. */
  mins: Uint16Array;
  /** One key per band, from the full minima. */
  bands: Uint32Array;
}

/** The sketch of a token sequence's shingles, or undefined when it has fewer tokens than a shingle. */
export function sketch(tokens: readonly number[]): Sketch | undefined {
  const n = tokens.length - SHINGLE_WORDS + 1;
  if (n <= 0) return undefined;
  const shingles = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let h = tokens[i];
    for (let k = 1; k < SHINGLE_WORDS; k++) h = combine32(h, tokens[i + k]);
    shingles[i] = h;
  }
  const full = new Uint32Array(MINHASH_SIZE);
  for (let p = 0; p < MINHASH_SIZE; p++) {
    const a = MULTIPLIERS[p];
    const s = SALTS[p];
    let min = 0xffffffff;
    for (let i = 0; i < n; i++) {
      let v = Math.imul(shingles[i] ^ s, a);
      v ^= v >>> 15;
      v = Math.imul(v, 0x2c1b3c6d);
      v = (v ^ (v >>> 12)) >>> 0;
      if (v < min) min = v;
    }
    full[p] = min;
  }
  return sketchOfMinima(full);
}

/** The sketch kept of MINHASH_SIZE full 32-bit minima: their low 16 bits, and the band keys. */
export function sketchOfMinima(full: Uint32Array): Sketch {
  const mins = new Uint16Array(MINHASH_SIZE);
  for (let p = 0; p < MINHASH_SIZE; p++) mins[p] = full[p] & 0xffff;
  const bands = new Uint32Array(BANDS);
  for (let b = 0; b < BANDS; b++) {
    let h = fmix32(b + 0x3c6ef372);
    for (let r = 0; r < ROWS; r++) h = combine32(h, full[b * ROWS + r]);
    bands[b] = h;
  }
  return { mins, bands };
}

/** The Jaccard similarity two sketches estimate, corrected for chance agreement of 16-bit values. */
export function similarity(a: Uint16Array, b: Uint16Array): number {
  let same = 0;
  for (let i = 0; i < MINHASH_SIZE; i++) if (a[i] === b[i]) same++;
  const raw = same / MINHASH_SIZE;
  return Math.max(0, (raw - B_BIT_CHANCE) / (1 - B_BIT_CHANCE));
}
