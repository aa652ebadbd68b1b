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
  readonly values = new Map<string, unknown>();
  constructor(public gen: number) {}
}

export class DocumentMemo {
  private readonly buckets = new Map<string, MemoBucket>();
  private gen = 0;
  hits = 0;
  misses = 0;

  /** The entries kept for `text`, marked as used by this lint. */
  bucket(text: string): MemoBucket {
    let b = this.buckets.get(text);
    if (!b) this.buckets.set(text, (b = new MemoBucket(this.gen)));
    else b.gen = this.gen;
    return b;
  }

  /** The value for (kind, text), computed once. `compute` must depend on nothing else. */
  get<T>(kind: string, text: string, compute: () => T): T {
    return this.getIn(this.bucket(text), kind, compute);
  }

  /** As get, in a bucket already looked up. */
  getIn<T>(bucket: MemoBucket, kind: string, compute: () => T): T {
    if (bucket.values.has(kind)) {
      this.hits++;
      return bucket.values.get(kind) as T;
    }
    this.misses++;
    const value = compute();
    bucket.values.set(kind, value);
    return value;
  }

  /** Starts the next lint; texts no lint of the last `keep` used are dropped (undo still hits). */
  nextGeneration(keep = 2): void {
    this.gen++;
    for (const [text, b] of this.buckets) if (this.gen - b.gen > keep) this.buckets.delete(text);
  }

  clear(): void {
    this.buckets.clear();
  }

  /** Values kept, over all texts and kinds. */
  get size(): number {
    let n = 0;
    for (const b of this.buckets.values()) n += b.values.size;
    return n;
  }
}
