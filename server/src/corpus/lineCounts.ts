/**
 * How many files hold each line hash, and the first few of them: an open-addressing table in typed
 * arrays (20 bytes a slot, plus 32 bytes for each line held by two files or more), never line text.
 */
import { combine32 } from './hash';

/** Files remembered per line: enough to tell, near the threshold, whether they are copies of one story. */
export const REMEMBERED_FILES = 8;

export class LineCounts {
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
    let slots = 1024;
    while (slots < expectedLines * 2 && slots < maxSlots) slots *= 2;
    this.hi = new Uint32Array(slots);
    this.lo = new Uint32Array(slots);
    this.counts = new Int32Array(slots);
    this.lastFile = new Int32Array(slots).fill(-1);
    this.block = new Int32Array(slots).fill(-1);
  }

  get size(): number {
    return this.used;
  }

  get bytes(): number {
    return this.hi.byteLength * 5 + this.pool.byteLength;
  }

  /** Counts `file` as holding the line; a file's lines come together, so a line it holds twice counts once. */
  add(hi: number, lo: number, file: number): void {
    if (this.used > 0.7 * this.hi.length) {
      if (this.hi.length < this.maxSlots) this.resize(this.hi.length * 2, 1);
      else this.resize(this.hi.length, 2);
    }
    const slot = this.find(hi, lo, true);
    if (slot < 0 || this.lastFile[slot] === file) return;
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

  /** The slot of a line hash, or -1. */
  slot(hi: number, lo: number): number {
    return this.find(hi, lo, false);
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
      if (this.counts[slot] === 0) {
        if (!insert) return -1;
        this.hi[slot] = hi;
        this.lo[slot] = lo;
        this.used++;
        return slot;
      }
      if (this.hi[slot] === hi && this.lo[slot] === lo) return slot;
      slot = (slot + 1) & mask;
    }
  }

  /** Rehashes into `slots` slots, keeping lines held by at least `minCount` files. */
  private resize(slots: number, minCount: number): void {
    if (minCount > 1) this.approximate = true;
    const { hi, lo, counts, lastFile, block } = this;
    this.hi = new Uint32Array(slots);
    this.lo = new Uint32Array(slots);
    this.counts = new Int32Array(slots);
    this.lastFile = new Int32Array(slots).fill(-1);
    this.block = new Int32Array(slots).fill(-1);
    this.used = 0;
    for (let s = 0; s < hi.length; s++) {
      if (counts[s] < minCount) continue;
      const t = this.find(hi[s], lo[s], true);
      this.counts[t] = counts[s];
      this.lastFile[t] = lastFile[s];
      this.block[t] = block[s];
    }
  }
}
