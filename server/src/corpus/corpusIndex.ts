/**
 * The corpus index: signatures of every file, answering which lines are repeated across files and
 * which files are near-duplicates. Memory is linear in the corpus and holds hashes, never text; no
 * query compares all pairs (candidates come from LSH buckets, at most MAX_BUCKET per band).
 */
import { formatMessage } from '../engine/rule';
import type { Severity, TextEdit } from '../engine/types';
import { hash32 } from './hash';
import { BANDS, MINHASH_SIZE, similarity } from './minhash';
import { LineCounts } from './lineCounts';
import { nearDuplicate, NEAR_DUPLICATE, repeatedLine, REPEATED_LINE, resolveCorpusSettings, type CorpusSettings } from './rules';
import { furnitureLine, LINE_FIELDS, SIGNATURE_VERSION, type CorpusSignature } from './signature';

/** A removal: it deletes debris and never adds text. Not safe: `--fix` applies it only when removals are chosen. */
export interface CorpusFix {
  title: string;
  edits: TextEdit[];
  safe: false;
  kind: 'removal';
}

/** Another file a finding names, for LSP related information and the report. */
export interface RelatedFile {
  path: string;
  /** Zero-based. */
  line: number;
  similarity?: number;
}

/** A finding in the engine's shape (category `corpus`), with its position so that no shell has to read the file again. */
export interface CorpusFinding {
  ruleId: typeof REPEATED_LINE | typeof NEAR_DUPLICATE;
  category: 'corpus';
  messageId: string;
  message: string;
  severity: Severity;
  start: number;
  end: number;
  fixes: CorpusFix[];
  fingerprint: string;
  /** Zero-based line and UTF-16 character of start and end. */
  range: { line: number; character: number; endLine: number; endCharacter: number };
  related: RelatedFile[];
  data: Record<string, string | number>;
}

export interface DuplicateCluster {
  /** Every file of the cluster has the same text (apart from the date header, case and spacing). */
  exact: boolean;
  /** The lowest similarity of the pairs that joined the cluster (1 for exact copies). */
  similarity: number;
  files: string[];
}

export interface CorpusStats {
  files: number;
  /** Files with a sketch (at least a shingle of words). */
  sketched: number;
  /** Furniture lines kept (lines that do not read as prose), over all files. */
  lines: number;
  /** Distinct line hashes counted. */
  distinctLines: number;
  /** Line counts are lower bounds: the count table reached its cap and dropped lines seen once. */
  approximate: boolean;
  /** Candidate pairs the LSH buckets gave and that were verified, in the last full pass. */
  candidates: number;
  /** Pairs at or above the threshold (exact copies included), in the last full pass. */
  pairs: number;
  /** Bytes held in typed arrays: nearly all of the index. */
  bytes: number;
}

export interface CorpusIndexOptions {
  /** Paths as findings name them (default: as given). */
  displayPath?: (path: string) => string;
  /** Slots of the line-count table at most (33 bytes each); past 70 % of them, lines held by one group of copies are dropped. */
  maxLineSlots?: number;
}

/**
 * Files at least this similar are one story: where a line's count is near the threshold, the files
 * that hold it count once per story, so that the copies of an article (near-duplicates or not quite)
 * do not make its title and captions repeated lines.
 */
export const STORY_SIMILARITY = 0.5;

interface Partner {
  id: number;
  similarity: number;
  exact: boolean;
}

/** Candidates taken from one LSH bucket per query at most: a bucket of a thousand template pages costs no more than this. */
export const MAX_BUCKET = 64;
const DEFAULT_MAX_LINE_SLOTS = 1 << 23;
const K = MINHASH_SIZE;
const B = BANDS;
const F = LINE_FIELDS;

/** The array, or a copy half as long again (or more) when `need` elements do not fit. */
function grow<T extends Uint8Array | Uint16Array | Uint32Array | Int32Array | Float64Array>(a: T, need: number): T {
  if (need <= a.length) return a;
  // Half again, not double: the pools are most of the index, and doubling would leave up to half of them unused.
  let size = Math.max(16, a.length);
  while (size < need) size = Math.ceil(size * 1.5);
  const out = new (a.constructor as { new (n: number): T })(size);
  out.set(a);
  return out;
}

export class CorpusIndex {
  readonly settings: CorpusSettings;
  private readonly displayPath: (path: string) => string;
  private readonly maxLineSlots: number;

  // Files, by id. Ids of deleted files are reused.
  private readonly ids = new Map<string, number>();
  private paths: string[] = [];
  private languages: string[] = [];
  private free: number[] = [];
  private alive = new Uint8Array(0);
  private sketched = new Uint8Array(0);
  private words = new Int32Array(0);
  private exact = new Float64Array(0);
  private firstLineEnd = new Int32Array(0);
  private mins = new Uint16Array(0);
  private bands = new Uint32Array(0);
  private lineOffset = new Int32Array(0);
  private lineCount = new Int32Array(0);
  private linePool = new Uint32Array(0);
  private linePoolUsed = 0;
  private linePoolGarbage = 0;
  private live = 0;

  // LSH: one chained hash table for every band; entries of deleted files stay until the table is rebuilt.
  private lshHeads = new Int32Array(1024).fill(-1);
  private lshFile = new Int32Array(0);
  private lshBand = new Uint8Array(0);
  private lshNext = new Int32Array(0);
  private lshUsed = 0;
  private lshStale = 0;

  // Scratch for deduplicating candidates: stamp[id] === query.
  private stamp = new Int32Array(0);
  private query = 0;

  // Results of the last full pass (refresh), valid while !dirty.
  private dirty = true;
  /** Exact hash -> the ids with it (representative first), for groups of files long enough to compare. */
  private exactGroups = new Map<number, number[]>();
  private exactRep = new Int32Array(0);
  private clusterList: DuplicateCluster[] = [];
  /** Each file's cluster (exact copies and near-duplicates at the threshold): its lowest id. */
  private cluster = new Int32Array(0);
  /** Cluster -> its ids, for clusters of two files or more. */
  private clusterMembers = new Map<number, number[]>();
  private lineCounts = LineCounts.count(() => {}, 0, true, 1024);
  private lastCandidates = 0;
  private lastPairs = 0;

  constructor(settings: CorpusSettings = resolveCorpusSettings(), options: CorpusIndexOptions = {}) {
    this.settings = settings;
    this.displayPath = options.displayPath ?? ((p) => p);
    this.maxLineSlots = options.maxLineSlots ?? DEFAULT_MAX_LINE_SLOTS;
  }

  get size(): number {
    return this.live;
  }

  has(path: string): boolean {
    return this.ids.has(path);
  }

  *files(): IterableIterator<string> {
    yield* this.ids.keys();
  }

  /** Adds a file's signature, or replaces the one it had. */
  set(path: string, sig: CorpusSignature): void {
    if (sig.version !== SIGNATURE_VERSION) throw new Error(`corpus signature of version ${sig.version}, expected ${SIGNATURE_VERSION}`);
    this.delete(path);
    const id = this.free.pop() ?? this.paths.length;
    const n = id + 1;
    this.alive = grow(this.alive, n);
    this.sketched = grow(this.sketched, n);
    this.words = grow(this.words, n);
    this.exact = grow(this.exact, n);
    this.firstLineEnd = grow(this.firstLineEnd, n);
    this.lineOffset = grow(this.lineOffset, n);
    this.lineCount = grow(this.lineCount, n);
    this.mins = grow(this.mins, n * K);
    this.bands = grow(this.bands, n * B);
    this.stamp = grow(this.stamp, n);
    this.ids.set(path, id);
    this.paths[id] = path;
    this.languages[id] = sig.language;
    this.alive[id] = 1;
    this.words[id] = sig.words;
    this.exact[id] = sig.exact;
    this.firstLineEnd[id] = sig.firstLineEnd;
    if (this.linePoolUsed + sig.lines.length > this.linePool.length && this.linePoolGarbage > this.linePoolUsed / 2) this.compactLines();
    this.linePool = grow(this.linePool, this.linePoolUsed + sig.lines.length);
    this.linePool.set(sig.lines, this.linePoolUsed);
    this.lineOffset[id] = this.linePoolUsed;
    this.lineCount[id] = sig.lines.length / F;
    this.linePoolUsed += sig.lines.length;
    this.sketched[id] = sig.mins && sig.bands ? 1 : 0;
    if (sig.mins && sig.bands) {
      this.mins.set(sig.mins, id * K);
      this.bands.set(sig.bands, id * B);
      this.insertBands(id);
    }
    this.live++;
    this.dirty = true;
  }

  delete(path: string): boolean {
    const id = this.ids.get(path);
    if (id === undefined) return false;
    this.ids.delete(path);
    this.alive[id] = 0;
    this.linePoolGarbage += this.lineCount[id] * F;
    this.lineCount[id] = 0;
    if (this.sketched[id]) this.lshStale += B;
    this.sketched[id] = 0;
    this.free.push(id);
    this.live--;
    this.dirty = true;
    if (this.lshStale > 1024 && this.lshStale > this.lshUsed / 2) this.rebuildBands();
    return true;
  }

  /** The corpus findings of an indexed file. */
  findingsFor(path: string): CorpusFinding[] {
    const id = this.ids.get(path);
    if (id === undefined) return [];
    return this.check(path, this.storedSignature(id));
  }

  /**
   * The corpus findings of a file with this signature (an open document as it is edited) against the
   * rest of the index: the indexed version of `path`, if any, is left out.
   */
  check(path: string, sig: CorpusSignature): CorpusFinding[] {
    this.refresh();
    const self = this.ids.get(path) ?? -1;
    const out: CorpusFinding[] = [];
    const near = this.nearFinding(sig, this.partnersOf(self, sig));
    if (near) out.push(near);
    if (this.settings.repeatedLine) out.push(...this.repeatedLines(self, sig));
    return out;
  }

  /** Groups of exact copies and near-duplicates, largest first. */
  clusters(): DuplicateCluster[] {
    this.refresh();
    return this.clusterList;
  }

  stats(): CorpusStats {
    this.refresh();
    let sketched = 0;
    let lines = 0;
    for (const id of this.ids.values()) {
      sketched += this.sketched[id];
      lines += this.lineCount[id];
    }
    const arrays = [this.alive, this.sketched, this.words, this.exact, this.firstLineEnd, this.mins, this.bands, this.lineOffset, this.lineCount, this.linePool, this.lshHeads, this.lshFile, this.lshBand, this.lshNext, this.stamp, this.exactRep];
    return {
      files: this.live,
      sketched,
      lines,
      distinctLines: this.lineCounts.size,
      approximate: this.lineCounts.approximate,
      candidates: this.lastCandidates,
      pairs: this.lastPairs,
      bytes: arrays.reduce((sum, a) => sum + a.byteLength, 0) + this.lineCounts.bytes,
    };
  }

  // ---- LSH ----

  private insertBands(id: number): void {
    const need = this.lshUsed + B;
    this.lshFile = grow(this.lshFile, need);
    this.lshBand = grow(this.lshBand, need);
    this.lshNext = grow(this.lshNext, need);
    if (need > this.lshHeads.length) this.rehashBands(this.lshHeads.length * 2);
    const mask = this.lshHeads.length - 1;
    for (let b = 0; b < B; b++) {
      const key = this.bands[id * B + b];
      const e = this.lshUsed++;
      this.lshFile[e] = id;
      this.lshBand[e] = b;
      const slot = key & mask;
      this.lshNext[e] = this.lshHeads[slot];
      this.lshHeads[slot] = e;
    }
  }

  private rehashBands(size: number): void {
    this.lshHeads = new Int32Array(size).fill(-1);
    const mask = size - 1;
    for (let e = 0; e < this.lshUsed; e++) {
      const slot = this.bands[this.lshFile[e] * B + this.lshBand[e]] & mask;
      this.lshNext[e] = this.lshHeads[slot];
      this.lshHeads[slot] = e;
    }
  }

  private rebuildBands(): void {
    this.lshUsed = 0;
    this.lshStale = 0;
    this.lshHeads.fill(-1);
    for (const id of this.ids.values()) if (this.sketched[id]) this.insertBands(id);
  }

  /** Ids of indexed files sharing a band with `bands`, each once, at most MAX_BUCKET per band; `self` left out. */
  private candidates(bands: Uint32Array, self: number): number[] {
    const q = ++this.query;
    if (self >= 0) this.stamp[self] = q;
    const out: number[] = [];
    const mask = this.lshHeads.length - 1;
    for (let b = 0; b < B; b++) {
      const key = bands[b];
      let taken = 0;
      for (let e = this.lshHeads[key & mask]; e >= 0 && taken < MAX_BUCKET; e = this.lshNext[e]) {
        const f = this.lshFile[e];
        // Another key in the slot, or a stale entry (its file was deleted, or its id now holds another file).
        if (this.lshBand[e] !== b || this.bands[f * B + b] !== key || !this.alive[f] || !this.sketched[f]) continue;
        taken++;
        if (this.stamp[f] === q) continue;
        this.stamp[f] = q;
        out.push(f);
      }
    }
    return out;
  }

  // ---- the full pass ----

  private refresh(): void {
    if (!this.dirty) return;
    this.dirty = false;
    const n = this.paths.length;
    const minWords = this.minWords;
    const threshold = this.settings.nearDuplicate?.options.threshold;
    const clusters = new DisjointSets(n);
    const edges: number[] = [];
    let pairs = 0;
    let candidates = 0;
    // Exact copies first: each group is one representative in what follows.
    this.exactGroups.clear();
    this.exactRep = new Int32Array(n).fill(-1);
    for (const id of this.ids.values()) {
      if (!this.exact[id] || this.words[id] < minWords) continue;
      const group = this.exactGroups.get(this.exact[id]);
      if (group === undefined) {
        this.exactGroups.set(this.exact[id], [id]);
        this.exactRep[id] = id;
        continue;
      }
      group.push(id);
      this.exactRep[id] = group[0];
      clusters.union(id, group[0]);
      edges.push(id, group[0], 1);
      pairs++;
    }
    if (threshold !== undefined) {
      for (const id of this.ids.values()) {
        if (this.exactRep[id] !== id || !this.sketched[id]) continue;
        const mins = this.mins.subarray(id * K, id * K + K);
        for (const c of this.candidates(this.bands.subarray(id * B, id * B + B), id)) {
          // Only representatives, each pair once (from the lower id's query).
          if (this.exactRep[c] !== c || c < id) continue;
          candidates++;
          const sim = similarity(mins, this.minsOf(c));
          if (sim >= threshold) {
            clusters.union(id, c);
            edges.push(id, c, sim);
            pairs++;
          }
        }
      }
    }
    this.lastPairs = pairs;
    this.lastCandidates = candidates;
    const size = new Int32Array(n);
    for (const id of this.ids.values()) size[clusters.find(id)]++;
    const lowest = new Map<number, number>();
    const allExact = new Map<number, boolean>();
    for (let e = 0; e < edges.length; e += 3) {
      const r = clusters.find(edges[e]);
      lowest.set(r, Math.min(lowest.get(r) ?? 1, edges[e + 2]));
      allExact.set(r, (allExact.get(r) ?? true) && this.exact[edges[e]] === this.exact[edges[e + 1]]);
    }
    const members = new Map<number, number[]>();
    this.cluster = new Int32Array(n).fill(-1);
    for (const id of this.ids.values()) {
      const r = clusters.find(id);
      this.cluster[id] = r;
      if (size[r] < 2) continue;
      const list = members.get(r);
      if (list) list.push(id);
      else members.set(r, [id]);
    }
    this.clusterMembers = members;
    this.clusterList = threshold === undefined ? [] : [...members]
      .map(([r, ids]) => ({ exact: allExact.get(r) ?? false, similarity: lowest.get(r) ?? 1, files: ids.map((i) => this.paths[i]).sort() }))
      .sort((a, b) => b.files.length - a.files.length || a.files[0].localeCompare(b.files[0]));
    if (this.settings.repeatedLine) {
      let total = 0;
      for (const id of this.ids.values()) total += this.lineCount[id];
      // Lines held by one indexed file matter only when a second makes a finding (minFiles 2 or less).
      const singles = this.settings.repeatedLine.options.minFiles <= 2;
      const visitFile = (visit: (hi: number, lo: number, file: number, group: number) => void, id: number) => {
        const base = this.lineOffset[id];
        for (let k = 0; k < this.lineCount[id]; k++) visit(this.linePool[base + k * F], this.linePool[base + k * F + 1], id, this.cluster[id]);
      };
      this.lineCounts = LineCounts.count(
        (visit) => {
          for (const id of this.ids.values()) if (size[this.cluster[id]] < 2) visitFile(visit, id);
          for (const ids of members.values()) for (const id of ids) visitFile(visit, id);
        },
        total,
        singles,
        this.maxLineSlots,
      );
    }
  }

  /** Files shorter than this are not compared (the near-duplicate rule's option, or its default when the rule is off). */
  private get minWords(): number {
    return this.settings.nearDuplicate?.options.minWords ?? (nearDuplicate.meta.defaultOptions!.minWords as number);
  }

  private minsOf(id: number): Uint16Array {
    return this.mins.subarray(id * K, id * K + K);
  }

  // ---- findings ----

  private storedSignature(id: number): CorpusSignature {
    const base = this.lineOffset[id];
    return {
      version: SIGNATURE_VERSION,
      language: this.languages[id],
      words: this.words[id],
      exact: this.exact[id],
      firstLineEnd: this.firstLineEnd[id],
      mins: this.sketched[id] ? this.minsOf(id) : undefined,
      bands: this.sketched[id] ? this.bands.subarray(id * B, id * B + B) : undefined,
      lines: this.linePool.subarray(base, base + this.lineCount[id] * F),
    };
  }

  /** Exact copies and near-duplicates of `sig`, exact copies first, then the most similar. */
  private partnersOf(self: number, sig: CorpusSignature): Partner[] {
    const threshold = this.settings.nearDuplicate?.options.threshold;
    if (threshold === undefined || sig.words < this.minWords) return [];
    const out: Partner[] = [];
    for (const id of (sig.exact && this.exactGroups.get(sig.exact)) || []) if (id !== self) out.push({ id, similarity: 1, exact: true });
    if (sig.mins && sig.bands) {
      for (const c of this.candidates(sig.bands, self)) {
        if (this.words[c] < this.minWords || (sig.exact !== 0 && this.exact[c] === sig.exact)) continue;
        const s = similarity(sig.mins, this.minsOf(c));
        if (s >= threshold) out.push({ id: c, similarity: s, exact: false });
      }
    }
    return out.sort((a, b) => Number(b.exact) - Number(a.exact) || b.similarity - a.similarity || this.paths[a.id].localeCompare(this.paths[b.id]));
  }

  private nearFinding(sig: CorpusSignature, partners: Partner[]): CorpusFinding | undefined {
    const setting = this.settings.nearDuplicate;
    if (!setting || partners.length === 0) return undefined;
    const best = partners[0];
    const other = this.displayPath(this.paths[best.id]);
    const more = partners.length - 1;
    const messageId = best.exact ? (more ? 'exactMany' : 'exact') : more ? 'nearMany' : 'near';
    const data = { other, more, similarity: best.similarity.toFixed(2) };
    return {
      ruleId: NEAR_DUPLICATE,
      category: 'corpus',
      messageId,
      message: formatMessage(nearDuplicate.meta.messages[messageId], data),
      severity: setting.severity,
      start: 0,
      end: sig.firstLineEnd,
      fixes: [],
      fingerprint: `${NEAR_DUPLICATE}:${hex(hash32(this.paths[best.id]))}`,
      range: { line: 0, character: 0, endLine: 0, endCharacter: sig.firstLineEnd },
      related: partners.slice(0, 20).map((p) => ({ path: this.displayPath(this.paths[p.id]), line: 0, similarity: Number(p.similarity.toFixed(2)) })),
      data,
    };
  }

  /** Whether two files are one story: the same text, or sketches at least STORY_SIMILARITY alike. */
  private sameStory(mins: Uint16Array | undefined, exact: number, id: number): boolean {
    if (exact !== 0 && exact === this.exact[id]) return true;
    return !!mins && this.sketched[id] === 1 && similarity(mins, this.minsOf(id)) >= STORY_SIMILARITY;
  }

  /** Stories among a document's signature and indexed files (few: a line's remembered files). */
  private storiesWith(sig: CorpusSignature, ids: readonly number[]): number {
    // Node 0 is the signature, node i + 1 the file ids[i].
    const root = [0, ...ids.map((_, i) => i + 1)];
    const find = (i: number): number => (root[i] === i ? i : (root[i] = find(root[i])));
    const join = (i: number, j: number) => {
      if (find(i) !== find(j)) root[find(j)] = find(i);
    };
    for (let i = 0; i < ids.length; i++) {
      if (this.sameStory(sig.mins, sig.exact, ids[i])) join(0, i + 1);
      const mins = this.sketched[ids[i]] ? this.minsOf(ids[i]) : undefined;
      for (let j = i + 1; j < ids.length; j++) if (find(i + 1) !== find(j + 1) && this.sameStory(mins, this.exact[ids[i]], ids[j])) join(i + 1, j + 1);
    }
    return root.filter((r, i) => r === i).length;
  }

  private repeatedLines(self: number, sig: CorpusSignature): CorpusFinding[] {
    const setting = this.settings.repeatedLine!;
    const need = Math.max(setting.options.minFiles, Math.ceil(setting.options.minShare * this.live));
    const out: CorpusFinding[] = [];
    const lines = sig.lines;
    for (let o = 0; o < lines.length; o += F) {
      const hi = lines[o];
      const lo = lines[o + 1];
      const slot = this.lineCounts.slot(hi, lo);
      if (slot < 0) continue;
      // Counted by groups (a file and its near-duplicates). This file's own group is not another;
      // the version being checked is one more, unless it is the same story as one of the others.
      const selfHolds = self >= 0 && this.holds(self, hi, lo);
      const ownCounted = selfHolds || (self >= 0 && this.clusterHoldsWithout(self, hi, lo));
      const others = this.lineCounts.groupCount(slot) - (ownCounted ? 1 : 0);
      if (others + 1 < need) continue;
      const known = this.lineCounts.files(slot).filter((id) => self < 0 || this.cluster[id] !== this.cluster[self]);
      // Near the threshold, count stories rather than groups: copies of one story count once, however unlike.
      const unknown = others - known.length;
      if (unknown + 1 < need && unknown + this.storiesWith(sig, known) < need) continue;
      const otherId = known.find((id) => !this.sameStory(sig.mins, sig.exact, id)) ?? known[0];
      if (otherId === undefined) continue;
      const other = this.displayPath(this.paths[otherId]);
      const data = { count: this.lineCounts.fileCount(slot) - (selfHolds ? 1 : 0) + 1, other };
      const { line, lineStart, start, end, removeStart, removeEnd } = furnitureLine(lines, o);
      out.push({
        ruleId: REPEATED_LINE,
        category: 'corpus',
        messageId: 'repeated',
        message: formatMessage(repeatedLine.meta.messages.repeated, data),
        severity: setting.severity,
        start,
        end,
        fixes: [
          {
            title: formatMessage(repeatedLine.meta.messages.remove, data),
            edits: [{ start: removeStart, end: removeEnd, text: '' }],
            safe: false,
            kind: 'removal',
          },
        ],
        fingerprint: `${REPEATED_LINE}:${hex(hi)}${hex(lo)}`,
        range: { line, character: start - lineStart, endLine: line, endCharacter: end - lineStart },
        related: [{ path: other, line: this.lineOf(otherId, hi, lo) }],
        data,
      });
    }
    return out;
  }

  /** Whether the indexed file `id` holds a line with this hash. */
  private holds(id: number, hi: number, lo: number): boolean {
    return this.lineOf(id, hi, lo) >= 0;
  }

  /** The zero-based line where the indexed file `id` holds a line with this hash, or -1. */
  private lineOf(id: number, hi: number, lo: number): number {
    const base = this.lineOffset[id];
    for (let k = 0; k < this.lineCount[id]; k++) {
      const o = base + k * F;
      if (this.linePool[o + 1] === lo && this.linePool[o] === hi) return this.linePool[o + 2];
    }
    return -1;
  }

  /** Whether another file of the indexed file's cluster holds a line with this hash. */
  private clusterHoldsWithout(self: number, hi: number, lo: number): boolean {
    for (const id of this.clusterMembers.get(this.cluster[self]) ?? []) if (id !== self && this.holds(id, hi, lo)) return true;
    return false;
  }

  private compactLines(): void {
    const pool = new Uint32Array(Math.max(16, this.linePoolUsed - this.linePoolGarbage));
    let used = 0;
    for (const id of this.ids.values()) {
      const n = this.lineCount[id] * F;
      pool.set(this.linePool.subarray(this.lineOffset[id], this.lineOffset[id] + n), used);
      this.lineOffset[id] = used;
      used += n;
    }
    this.linePool = pool;
    this.linePoolUsed = used;
    this.linePoolGarbage = 0;
  }
}

function hex(n: number): string {
  return (n >>> 0).toString(16).padStart(8, '0');
}

/** Union-find with path halving; the lower id becomes the root. */
class DisjointSets {
  private readonly parent: Int32Array;

  constructor(n: number) {
    this.parent = new Int32Array(n);
    for (let i = 0; i < n; i++) this.parent[i] = i;
  }

  find(x: number): number {
    const p = this.parent;
    while (p[x] !== x) x = p[x] = p[p[x]];
    return x;
  }

  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}
