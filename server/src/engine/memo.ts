/**
 * Results of paragraph-local work kept across versions of one document, keyed by what they depend
 * on (a kind naming the computation and its context, and the paragraph's text). Held by an
 * IncrementalLinter; a document linted without one computes everything afresh.
 *
 * Entries are grouped by text: a paragraph's text is looked up once per lint (a bucket), and each
 * rule's kind inside it. Looking a long text up costs hashing and comparing it; doing that once per
 * paragraph rather than once per rule and paragraph is most of the memo's cost on a large file.
 */
export class MemoBucket {
  /** Values by kind id; `undefined` = not computed, NOTHING = computed as undefined. */
  readonly values: unknown[] = [];
  constructor(public gen: number) {}
}

/** Stands for a computed value of undefined, which an empty slot cannot tell from "not computed". */
const NOTHING = Symbol('nothing');

/** Characters compared at once when finding what an edit left unchanged. */
const CHUNK = 4096;

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
  /** The previous version's paragraphs, and the current one's as they are found. */
  private previous?: Layout;
  private current?: Layout;
  /** Lengths of the text the current version shares with the previous one at its start and at its end. */
  private prefix = 0;
  private suffix = 0;
  private cursor = 0;

  /**
   * Starts a new version of the document. An edit changes one stretch of text: paragraphs before it,
   * or after it (moved by the change in length), are found again by position, without hashing their
   * text, which on a large file is most of the cost of finding kept work.
   */
  startVersion(text: string): void {
    this.previous = this.current;
    this.current = { text, starts: [], ends: [], buckets: [] };
    this.cursor = 0;
    const old = this.previous?.text;
    if (old === undefined) {
      this.prefix = this.suffix = 0;
      return;
    }
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
  get<T>(kind: string | number, text: string, compute: () => T): T {
    return this.getIn(this.bucket(text), kind, compute);
  }

  /** As get, in a bucket already looked up; `kind` as a string or as its kindId. */
  getIn<T>(bucket: MemoBucket, kind: string | number, compute: () => T): T {
    const id = typeof kind === 'number' ? kind : this.kindId(kind);
    const kept = bucket.values[id];
    if (kept !== undefined) {
      this.hits++;
      return (kept === NOTHING ? undefined : kept) as T;
    }
    this.misses++;
    const value = compute();
    while (bucket.values.length < id) bucket.values.push(undefined);
    bucket.values[id] = value === undefined ? NOTHING : value;
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
