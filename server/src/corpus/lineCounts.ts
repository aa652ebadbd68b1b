/**
 * How many groups of files (a file and its near-duplicates) and how many files hold each line hash,
 * and the first file of the first few groups: an open-addressing table in typed arrays (33 bytes a
 * slot, plus 32 bytes for each line held by two groups or more), never line text. Built by `count`,
 * which keeps only lines seen twice (found with a Bloom filter first): most lines are held by one
 * file, and the table then holds the corpus's repeated lines alone.
 */
import { combine32 } from './hash';

/** Groups remembered per line (by their first file): enough to tell, near the threshold, whether they are one story. */
export const REMEMBERED_GROUPS = 8;

/** Visits every line of every file: a file's lines together, and the files of a group one after another. */
export type LineVisitor = (visit: (hi: number, lo: number, file: number, group: number) => void) => void;

export class LineCounts {
  /** 1 where a slot holds a line. */
  private state: Uint8Array;
  private hi: Uint32Array;
  private lo: Uint32Array;
  private groups: Int32Array;
  private fileCounts: Int32Array;
  private firstFile: Int32Array;
  private lastFile: Int32Array;
  private lastGroup: Int32Array;
  /** The block of remembered files in `pool`, from the second group on; -1 before. */
  private block: Int32Array;
  private pool = new Int32Array(1024);
  private blocks = 0;
  private used = 0;
  /** The table reached its cap and dropped lines held by one group: counts are lower bounds. */
  approximate = false;

  private constructor(expectedLines: number, private readonly maxSlots: number) {
    let slots = 1024;
    while (slots < expectedLines && slots < maxSlots) slots *= 2;
    this.state = new Uint8Array(slots);
    this.hi = new Uint32Array(slots);
    this.lo = new Uint32Array(slots);
    this.groups = new Int32Array(slots);
    this.fileCounts = new Int32Array(slots);
    this.firstFile = new Int32Array(slots);
    this.lastFile = new Int32Array(slots).fill(-1);
    this.lastGroup = new Int32Array(slots).fill(-1);
    this.block = new Int32Array(slots).fill(-1);
  }

  /**
   * Counts the lines `forEach` visits (`lines` of them). With `singles`, lines held by one group are
   * kept too (a live document may make them two); without, only lines seen at least twice, picked out
   * by a first pass through a Bloom filter (its false positives keep a few single lines more: counts
   * stay exact).
   */
  static count(forEach: LineVisitor, lines: number, singles: boolean, maxSlots: number): LineCounts {
    if (singles) {
      const all = new LineCounts(lines, maxSlots);
      forEach((hi, lo, file, group) => {
        all.growIfFull();
        all.countIn(all.find(hi, lo, true), file, group);
      });
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
        const m = 1 << (bit & 31);
        if (!(seen[bit >>> 5] & m)) {
          all = false;
          seen[bit >>> 5] |= m;
        }
      }
      if (all) {
        repeated.growIfFull();
        repeated.find(hi, lo, true);
      }
    });
    forEach((hi, lo, file, group) => {
      const slot = repeated.find(hi, lo, false);
      if (slot >= 0) repeated.countIn(slot, file, group);
    });
    return repeated;
  }

  get size(): number {
    return this.used;
  }

  get bytes(): number {
    return this.state.byteLength + this.hi.byteLength * 8 + this.pool.byteLength;
  }

  /** The slot of a line hash held by at least one file, or -1. */
  slot(hi: number, lo: number): number {
    const slot = this.find(hi, lo, false);
    return slot >= 0 && this.groups[slot] > 0 ? slot : -1;
  }

  /** Groups that hold the line. */
  groupCount(slot: number): number {
    return this.groups[slot];
  }

  /** Files that hold the line. */
  fileCount(slot: number): number {
    return this.fileCounts[slot];
  }

  /** The first file of each of the first REMEMBERED_GROUPS groups that hold the line. */
  files(slot: number): number[] {
    const n = this.groups[slot];
    if (n === 1) return [this.firstFile[slot]];
    const base = this.block[slot] * REMEMBERED_GROUPS;
    return Array.from(this.pool.subarray(base, base + Math.min(n, REMEMBERED_GROUPS)));
  }

  private countIn(slot: number, file: number, group: number): void {
    if (slot < 0 || this.lastFile[slot] === file) return;
    this.lastFile[slot] = file;
    this.fileCounts[slot]++;
    if (this.lastGroup[slot] === group) return;
    this.lastGroup[slot] = group;
    const n = ++this.groups[slot];
    if (n === 1) {
      this.firstFile[slot] = file;
      return;
    }
    if (n === 2) {
      const b = this.blocks++;
      if ((b + 1) * REMEMBERED_GROUPS > this.pool.length) {
        const bigger = new Int32Array(this.pool.length * 2);
        bigger.set(this.pool);
        this.pool = bigger;
      }
      this.block[slot] = b;
      this.pool[b * REMEMBERED_GROUPS] = this.firstFile[slot];
    }
    if (n <= REMEMBERED_GROUPS) this.pool[this.block[slot] * REMEMBERED_GROUPS + n - 1] = file;
  }

  private growIfFull(): void {
    if (this.used > 0.7 * this.hi.length) {
      if (this.hi.length < this.maxSlots) this.resize(this.hi.length * 2, 0);
      else this.resize(this.hi.length, 2);
    }
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

  /** Rehashes into `slots` slots, keeping lines held by at least `minGroups` groups (0: every line, reserved ones too). */
  private resize(slots: number, minGroups: number): void {
    if (minGroups > 1) this.approximate = true;
    const old = { state: this.state, hi: this.hi, lo: this.lo, groups: this.groups, files: this.fileCounts, first: this.firstFile, lastFile: this.lastFile, lastGroup: this.lastGroup, block: this.block };
    this.state = new Uint8Array(slots);
    this.hi = new Uint32Array(slots);
    this.lo = new Uint32Array(slots);
    this.groups = new Int32Array(slots);
    this.fileCounts = new Int32Array(slots);
    this.firstFile = new Int32Array(slots);
    this.lastFile = new Int32Array(slots).fill(-1);
    this.lastGroup = new Int32Array(slots).fill(-1);
    this.block = new Int32Array(slots).fill(-1);
    this.used = 0;
    for (let s = 0; s < old.hi.length; s++) {
      if (old.state[s] === 0 || old.groups[s] < minGroups) continue;
      const t = this.find(old.hi[s], old.lo[s], true);
      this.groups[t] = old.groups[s];
      this.fileCounts[t] = old.files[s];
      this.firstFile[t] = old.first[s];
      this.lastFile[t] = old.lastFile[s];
      this.lastGroup[t] = old.lastGroup[s];
      this.block[t] = old.block[s];
    }
  }
}
