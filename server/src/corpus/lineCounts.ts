/**
 * How many files hold each line hash, and the first few of them: an open-addressing table in typed
 * arrays (21 bytes a slot, plus 32 bytes for each line held by two files or more), never line text.
 * Built by `count`, which keeps only lines seen twice (found with a Bloom filter first): most lines
 * are held by one file, and a corpus's table then holds its repeated lines alone.
 */
import { combine32 } from './hash';

/** Files remembered per line: enough to tell, near the threshold, whether they are copies of one story. */
export const REMEMBERED_FILES = 8;

export class LineCounts {
  /** 1 where a slot holds a line. */
  private state: Uint8Array;
  private hi: Uint32Array;
  private lo: Uint32Array;
  private counts: Int32Array;
  /** The last file counted (the only one while the count is 1). */
  private lastFile: Int32Array;
  /** The block of remembered files in `pool`, from the second file on; -1 before. */
  private block: Int32Array;
  private pool = new Int32Array(1024);
  private blocks = 0;
  private used = 0;
  /** The table reached its cap and dropped lines held by one file: counts are lower bounds. */
  approximate = false;

  constructor(expectedLines: number, private readonly maxSlots: number) {
    // Most lines are held by one file, and many files share a site's lines: start at the lines' count and grow.
    let slots = 1024;
    while (slots < expectedLines && slots < maxSlots) slots *= 2;
    this.state = new Uint8Array(slots);
    this.hi = new Uint32Array(slots);
    this.lo = new Uint32Array(slots);
    this.counts = new Int32Array(slots);
    this.lastFile = new Int32Array(slots).fill(-1);
    this.block = new Int32Array(slots).fill(-1);
  }

  /**
   * Counts the lines `forEach` visits (every line of every file, a file's lines together). With
   * `singles`, lines held by one file are kept too (a live document may make them two); without,
   * only lines seen at least twice, picked out by a first pass through a Bloom filter (its false
   * positives only keep a few single lines more: counts stay exact).
   */
  static count(forEach: (visit: (hi: number, lo: number, file: number) => void) => void, lines: number, singles: boolean, maxSlots: number): LineCounts {
    if (singles) {
      const all = new LineCounts(lines, maxSlots);
      forEach((hi, lo, file) => all.add(hi, lo, file));
      return all;
    }
    // 16 bits and 4 probes a line: about 0.2 % false positives.
    let bits = 1 << 16;
    while (bits < lines * 16) bits *= 2;
    const seen = new Uint32Array(bits >>> 5);
    const mask = bits - 1;
    const repeated = new LineCounts(Math.max(1024, lines >>> 4), maxSlots);
    forEach((hi, lo) => {
      const step = (hi | 1) >>> 0;
      let all = true;
      for (let k = 0, h = lo; k < 4; k++, h = (h + step) >>> 0) {
        const bit = h & mask;
        const word = bit >>> 5;
        const m = 1 << (bit & 31);
        if (!(seen[word] & m)) {
          all = false;
          seen[word] |= m;
        }
      }
      if (all) repeated.reserve(hi, lo);
    });
    forEach((hi, lo, file) => repeated.addIfReserved(hi, lo, file));
    return repeated;
  }

  private reserve(hi: number, lo: number): void {
    this.growIfFull();
    this.find(hi, lo, true);
  }

  private addIfReserved(hi: number, lo: number, file: number): void {
    const slot = this.find(hi, lo, false);
    if (slot >= 0) this.countIn(slot, file);
  }

  private growIfFull(): void {
    if (this.used > 0.7 * this.hi.length) {
      if (this.hi.length < this.maxSlots) this.resize(this.hi.length * 2, 0);
      else this.resize(this.hi.length, 2);
    }
  }

  get size(): number {
    return this.used;
  }

  get bytes(): number {
    return this.state.byteLength + this.hi.byteLength * 5 + this.pool.byteLength;
  }

  /** Counts `file` as holding the line; a file's lines come together, so a line it holds twice counts once. */
  add(hi: number, lo: number, file: number): void {
    this.growIfFull();
    const slot = this.find(hi, lo, true);
    if (slot >= 0) this.countIn(slot, file);
  }

  private countIn(slot: number, file: number): void {
    if (this.lastFile[slot] === file) return;
    const n = ++this.counts[slot];
    if (n === 2) {
      const b = this.blocks++;
      if ((b + 1) * REMEMBERED_FILES > this.pool.length) {
        const bigger = new Int32Array(this.pool.length * 2);
        bigger.set(this.pool);
        this.pool = bigger;
      }
      this.block[slot] = b;
      this.pool[b * REMEMBERED_FILES] = this.lastFile[slot];
    }
    if (n >= 2 && n <= REMEMBERED_FILES) this.pool[this.block[slot] * REMEMBERED_FILES + n - 1] = file;
    this.lastFile[slot] = file;
  }

  /** The slot of a line hash held by at least one file, or -1. */
  slot(hi: number, lo: number): number {
    const slot = this.find(hi, lo, false);
    return slot >= 0 && this.counts[slot] > 0 ? slot : -1;
  }

  count(slot: number): number {
    return this.counts[slot];
  }

  /** The first REMEMBERED_FILES files that hold the line, in the order they were counted. */
  files(slot: number): number[] {
    const n = this.counts[slot];
    if (n === 1) return [this.lastFile[slot]];
    const base = this.block[slot] * REMEMBERED_FILES;
    return Array.from(this.pool.subarray(base, base + Math.min(n, REMEMBERED_FILES)));
  }

  private find(hi: number, lo: number, insert: boolean): number {
    const mask = this.hi.length - 1;
    let slot = combine32(hi, lo) & mask;
    for (;;) {
      if (this.state[slot] === 0) {
        if (!insert) return -1;
        this.state[slot] = 1;
        this.hi[slot] = hi;
        this.lo[slot] = lo;
        this.used++;
        return slot;
      }
      if (this.hi[slot] === hi && this.lo[slot] === lo) return slot;
      slot = (slot + 1) & mask;
    }
  }

  /** Rehashes into `slots` slots, keeping lines held by at least `minCount` files (0: every line, reserved ones too). */
  private resize(slots: number, minCount: number): void {
    if (minCount > 1) this.approximate = true;
    const { state, hi, lo, counts, lastFile, block } = this;
    this.state = new Uint8Array(slots);
    this.hi = new Uint32Array(slots);
    this.lo = new Uint32Array(slots);
    this.counts = new Int32Array(slots);
    this.lastFile = new Int32Array(slots).fill(-1);
    this.block = new Int32Array(slots).fill(-1);
    this.used = 0;
    for (let s = 0; s < hi.length; s++) {
      if (state[s] === 0 || counts[s] < minCount) continue;
      const t = this.find(hi[s], lo[s], true);
      this.counts[t] = counts[s];
      this.lastFile[t] = lastFile[s];
      this.block[t] = block[s];
    }
  }
}
