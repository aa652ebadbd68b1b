/**
 * Results of unit work (sentence splitting, analyses, unit checks) kept across versions of one
 * document, keyed by what they depend on: a kind naming the computation and its context, and the
 * unit's text. Held by an IncrementalLinter; a document linted without one computes everything afresh.
 *
 * Entries are grouped by text: a paragraph's text is looked up once per lint (a bucket), and each
 * kind inside it. Looking a long text up costs hashing and comparing it; an edit changes one stretch
 * of text, and the paragraphs before and after it are found again by position instead.
 */
import type { Finding, Report } from './types';

export class MemoBucket {
  /** Values by kind id; `undefined` = not computed, NOTHING = computed as undefined. */
  readonly values: unknown[] = [];
  constructor(public gen: number) {}
}

/** Stands for a computed value of undefined, which an empty slot cannot tell from "not computed". */
const NOTHING = Symbol('nothing');

/** Characters compared at once when finding what an edit left unchanged. */
const CHUNK = 4096;

/**
 * What an edit (or several) left unchanged: the first `prefix` and the last `suffix` code units of
 * the text are those of the version linted before. From the editor's change ranges, so that nothing
 * has to compare the texts to find them; checked before use all the same.
 */
export interface UnchangedHint {
  prefix: number;
  suffix: number;
}

/** The reports of a unit check on one unit, relative to it, and the findings last made of them. */
export interface UnitReports {
  readonly reports: readonly Report[];
  made?: MadeFindings;
}

/** Findings made for a unit's reports at `delta`, with the parts of the unit's line outside it then. */
export interface MadeFindings {
  delta: number;
  before: string;
  after: string;
  findings: Finding[];
}

/** The paragraphs of one version of the document, with their buckets, to find them again by position. */
interface Layout {
  text: string;
  starts: number[];
  ends: number[];
  buckets: MemoBucket[];
}

export class DocumentMemo {
  private readonly buckets = new Map<string, MemoBucket>();
  private readonly kindIds = new Map<string, number>();
  private gen = 0;
  hits = 0;
  misses = 0;
  /** Hints taken as given, and hints found wrong (then the texts were compared instead). */
  hintsUsed = 0;
  hintsRejected = 0;
  /** The previous version's paragraphs, and the current one's as they are found. */
  private previous?: Layout;
  private current?: Layout;
  /** Lengths of the text the current version shares with the previous one at its start and at its end. */
  private prefix = 0;
  private suffix = 0;
  private cursor = 0;

  /**
   * Starts a new version of the document. Paragraphs before the edited stretch, or after it (moved by
   * the change in length), are found again by position, without hashing their text, which on a large
   * file is most of the cost of finding kept work. `hint` says where the stretch is; it is checked with
   * two native string comparisons (no per-character loop), and when it does not hold, the texts are
   * compared to find the stretch: a wrong hint costs time, never results.
   */
  startVersion(text: string, hint?: UnchangedHint): void {
    this.previous = this.current;
    this.current = { text, starts: [], ends: [], buckets: [] };
    this.cursor = 0;
    const old = this.previous?.text;
    if (old === undefined) {
      this.prefix = this.suffix = 0;
      return;
    }
    if (hint && this.holds(old, text, hint)) {
      this.hintsUsed++;
      this.prefix = hint.prefix;
      this.suffix = hint.suffix;
      return;
    }
    if (hint) this.hintsRejected++;
    const max = Math.min(old.length, text.length);
    // Chunks compared natively first, then the differing chunk unit by unit.
    let p = 0;
    while (p + CHUNK <= max && old.slice(p, p + CHUNK) === text.slice(p, p + CHUNK)) p += CHUNK;
    while (p < max && old.charCodeAt(p) === text.charCodeAt(p)) p++;
    let q = 0;
    while (q + CHUNK <= max - p && old.slice(old.length - q - CHUNK, old.length - q) === text.slice(text.length - q - CHUNK, text.length - q)) q += CHUNK;
    while (q < max - p && old.charCodeAt(old.length - 1 - q) === text.charCodeAt(text.length - 1 - q)) q++;
    this.prefix = p;
    this.suffix = q;
  }

  /** Whether `hint` describes `old` and `text`: in range, and the stretches it says are unchanged are. */
  private holds(old: string, text: string, { prefix, suffix }: UnchangedHint): boolean {
    if (!(Number.isInteger(prefix) && Number.isInteger(suffix) && prefix >= 0 && suffix >= 0)) return false;
    if (prefix + suffix > Math.min(old.length, text.length)) return false;
    return old.slice(0, prefix) === text.slice(0, prefix) && old.slice(old.length - suffix) === text.slice(text.length - suffix);
  }

  /** The bucket of the paragraph at [start, end) of the current version, whose text is `text`. Paragraphs come in order. */
  paragraphBucket(start: number, end: number, text: string): MemoBucket {
    const prev = this.previous;
    const cur = this.current;
    let found: MemoBucket | undefined;
    if (prev && cur) {
      const delta = cur.text.length - prev.text.length;
      const oldStart = end <= this.prefix ? start : start >= cur.text.length - this.suffix ? start - delta : -1;
      if (oldStart >= 0) {
        while (this.cursor < prev.starts.length && prev.starts[this.cursor] < oldStart) this.cursor++;
        const k = this.cursor;
        if (k < prev.starts.length && prev.starts[k] === oldStart && prev.ends[k] - oldStart === end - start) found = prev.buckets[k];
      }
    }
    if (found) found.gen = this.gen;
    const bucket = found ?? this.bucket(text);
    if (cur) {
      cur.starts.push(start);
      cur.ends.push(end);
      cur.buckets.push(bucket);
    }
    return bucket;
  }

  /** A small number per kind: a bucket keeps its values in an array indexed by it, no hashing. */
  kindId(kind: string): number {
    let id = this.kindIds.get(kind);
    if (id === undefined) this.kindIds.set(kind, (id = this.kindIds.size));
    return id;
  }

  /** The entries kept for `text`, marked as used by this lint. */
  bucket(text: string): MemoBucket {
    let b = this.buckets.get(text);
    if (!b) this.buckets.set(text, (b = new MemoBucket(this.gen)));
    else b.gen = this.gen;
    return b;
  }

  /** The value for (kind, text), computed once. `compute` must depend on nothing else. */
  get<T>(kind: number, text: string, compute: () => T): T {
    return this.getIn(this.bucket(text), kind, compute);
  }

  /** As get, in a bucket already looked up. */
  getIn<T>(bucket: MemoBucket, kind: number, compute: () => T): T {
    const kept = bucket.values[kind];
    if (kept !== undefined) {
      this.hits++;
      return (kept === NOTHING ? undefined : kept) as T;
    }
    this.misses++;
    const value = compute();
    while (bucket.values.length < kind) bucket.values.push(undefined);
    bucket.values[kind] = value === undefined ? NOTHING : value;
    return value;
  }

  /** Starts the next lint; texts no lint of the last `keep` used are dropped (undo still hits). */
  nextGeneration(keep = 2): void {
    this.gen++;
    for (const [text, b] of this.buckets) if (this.gen - b.gen > keep) this.buckets.delete(text);
  }

  clear(): void {
    this.buckets.clear();
    this.kindIds.clear();
    this.previous = this.current = undefined;
  }

  /** Values kept, over all texts and kinds. */
  get size(): number {
    let n = 0;
    for (const b of this.buckets.values()) for (const v of b.values) if (v !== undefined) n++;
    return n;
  }
}
