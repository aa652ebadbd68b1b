/**
 * Results of paragraph-local work kept across versions of one document, keyed by what they depend
 * on (a kind naming the computation and its context, and the paragraph's text). Held by an
 * IncrementalLinter; a document linted without one computes everything afresh.
 */
export class DocumentMemo {
  private readonly kinds = new Map<string, Map<string, { gen: number; value: unknown }>>();
  private gen = 0;
  hits = 0;
  misses = 0;

  /** The value for (kind, text), computed once. `compute` must depend on nothing else. */
  get<T>(kind: string, text: string, compute: () => T): T {
    let byText = this.kinds.get(kind);
    if (!byText) this.kinds.set(kind, (byText = new Map()));
    const e = byText.get(text);
    if (e) {
      e.gen = this.gen;
      this.hits++;
      return e.value as T;
    }
    this.misses++;
    const value = compute();
    byText.set(text, { gen: this.gen, value });
    return value;
  }

  /** Starts the next lint; entries no lint of the last `keep` used are dropped (undo still hits). */
  nextGeneration(keep = 2): void {
    this.gen++;
    for (const [kind, byText] of this.kinds) {
      for (const [text, e] of byText) if (this.gen - e.gen > keep) byText.delete(text);
      if (byText.size === 0) this.kinds.delete(kind);
    }
  }

  clear(): void {
    this.kinds.clear();
  }

  get size(): number {
    let n = 0;
    for (const byText of this.kinds.values()) n += byText.size;
    return n;
  }
}
