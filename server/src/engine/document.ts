/**
 * The document model: parsed once per text and shared by every rule. Seed files hold one
 * paragraph per line; the first non-blank line is the date header, the next the title.
 */
import { isHeaderLike, parseHeader, type Header } from './header';
import { identifyParagraph, LanguageProfile, scoreLanguages, type LanguageRegistry, type Lexicon } from './language/index';
import type { DocumentMemo, MemoBucket } from './memo';
import { LineIndex } from './positions';
import type { Analysis, LineText, ParagraphText, TextSpan, UnitScope } from './units';
import { codeUnitClass, CONTEXTUAL_CASE, splitWords, type Word } from './words';

export interface Line {
  index: number;
  start: number;
  /** End of content, before the line break. */
  end: number;
  text: string;
}

export interface Sentence {
  start: number;
  end: number;
  text: string;
  paragraph: number;
}

export interface Paragraph {
  index: number;
  line: number;
  start: number;
  end: number;
  text: string;
  sentences: Sentence[];
}

const OPENERS_FOR: Record<string, string> = {
  // closer -> the openers it may close
  '”': '“”„',
  '“': '„“',
  '"': '"',
  '»': '«»',
  '«': '»«',
  '›': '‹›',
  '‹': '›‹',
};
const QUOTE_CHARS = new Set([...'“”„"«»‹›']);
const CLOSERS_AFTER_END = new Set([...'”"’»«)]›\'“」』）']);
/**
 * Sentence ends of scripts without capitals: Devanagari danda and double danda, the Arabic question
 * mark, the Urdu full stop, the Ethiopic full stop and question mark, the Myanmar and Khmer full stops,
 * the Armenian full stop. A sentence after them starts with any letter.
 */
const CASELESS_TERMINALS = '\u0964\u0965\u061f\u06d4\u1362\u1367\u104b\u17d4\u0589';
/** The CJK full stop, exclamation and question marks: no space follows them. */
const WIDE_TERMINALS = new Set([...'\u3002\uff01\uff1f\uff61']);
const TERMINALS = new Set([...'.!?…', ...CASELESS_TERMINALS, ...WIDE_TERMINALS]);

const QUOTE_RE = /[“”„"«»‹›]/g;
const TERMINAL_RE = new RegExp(`[.!?…${CASELESS_TERMINALS}${[...WIDE_TERMINALS].join('')}]`, 'g');
const LETTER = /^\p{L}/u;

/** Quote pairs closed within the text, as [open, close] offsets into it. */
function matchedQuotes(text: string): Array<[number, number]> {
  const stack: Array<[string, number]> = [];
  const pairs: Array<[number, number]> = [];
  // Visit only the quote characters: the regular expression skips the rest natively.
  QUOTE_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = QUOTE_RE.exec(text))) {
    const i = m.index;
    const c = m[0];
    const top = stack[stack.length - 1];
    const closes = OPENERS_FOR[c] ?? ''; // „ only opens
    if (top && closes.includes(top[0])) {
      stack.pop();
      pairs.push([top[1], i]);
    } else {
      stack.push([c, i]);
    }
  }
  return pairs.sort((a, b) => a[0] - b[0]);
}

function isUpperStart(ch: string): boolean {
  return ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}

/** 1 for a letter, digit or period (what an abbreviation before a period is made of), one code unit at a time. */
const abbreviationUnit = codeUnitClass(/^[\p{L}\p{N}.]$/u);

/** A letter of a script without capitals (Arabic, Devanagari, CJK...): a sentence may start with any of them. */
function isCaselessLetter(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 0x0370) return false;
  const ch = String.fromCodePoint(text.codePointAt(i)!);
  return ch.toLowerCase() === ch.toUpperCase() && LETTER.test(ch);
}

/**
 * Splits a paragraph into sentences: at . ! ? … and the full stops of other scripts (with closing
 * quotes) followed by space and an upper-case letter, a letter of a script without capitals, a digit
 * or an opening quote, and after the CJK 。！？ with or without space; never inside a closed quote,
 * after an abbreviation, after an initial, or between an ordinal number and a month name.
 */
export function splitSentences(
  text: string,
  base: number,
  paragraph: number,
  abbreviations: Set<string>,
  months: Map<string, number>,
): Sentence[] {
  const out: Sentence[] = [];
  const quotes = matchedQuotes(text);
  let q = 0;
  let start = 0;
  const n = text.length;
  // Every terminal in turn (also those just passed over as part of an ending like "?!").
  const terminals: number[] = [];
  TERMINAL_RE.lastIndex = 0;
  for (let m: RegExpExecArray | null; (m = TERMINAL_RE.exec(text)); ) terminals.push(m.index);
  for (const i of terminals) {
    if (i < start) continue; // part of the ending just split at ("?!", "...")
    while (q < quotes.length && quotes[q][1] < i) q++;
    if (q < quotes.length && quotes[q][0] < i && i < quotes[q][1]) continue;
    let end = i + 1;
    while (end < n && (TERMINALS.has(text[end]) || CLOSERS_AFTER_END.has(text[end]))) end++;
    let next = end;
    while (next < n && (text[next] === ' ' || text[next] === '\t' || text[next] === '\u00a0')) next++;
    if (next >= n) continue;
    if (!WIDE_TERMINALS.has(text[i])) {
      if (next === end) continue;
      const ch = text[next];
      if (!(isUpperStart(ch) || isCaselessLetter(text, next) || (ch >= '0' && ch <= '9') || QUOTE_CHARS.has(ch) || ch === '–' || ch === '-')) continue;
    }
    if (text[i] === '.') {
      let w0 = i;
      while (w0 > start && i - w0 < 40 && abbreviationUnit(text.charCodeAt(w0 - 1)) === 1) w0--;
      const word = text.slice(w0, i);
      const lower = word.toLowerCase();
      if (abbreviations.has(lower)) continue;
      if (/^\p{Lu}$/u.test(word)) continue; // an initial: "J. Smith"
      if (/^\d+$/.test(word)) {
        const nextWord = /^\p{L}+/u.exec(text.slice(next, next + 20));
        if (nextWord && months.has(nextWord[0].toLowerCase())) continue; // "5. Mai"
      }
    }
    out.push({ start: base + start, end: base + end, text: text.slice(start, end), paragraph });
    start = next;
  }
  let tail = n;
  while (tail > start && /\s/.test(text[tail - 1])) tail--;
  if (tail > start) out.push({ start: base + start, end: base + tail, text: text.slice(start, tail), paragraph });
  return out;
}

/** A paragraph of the document. Its sentences are kept relative to its start, and moved to it when asked for. */
class DocumentParagraph implements Paragraph {
  readonly end: number;
  private moved?: Sentence[];

  constructor(
    readonly index: number,
    readonly line: number,
    readonly start: number,
    readonly text: string,
    /** The sentences, offsets relative to the paragraph: what unit checks see. */
    readonly relative: readonly Sentence[],
  ) {
    this.end = start + text.length;
  }

  get sentences(): Sentence[] {
    return (this.moved ??= this.relative.map((s) => ({ start: s.start + this.start, end: s.end + this.start, text: s.text, paragraph: this.index })));
  }
}

/** A paragraph as unit checks and analyses see it (ParagraphText): made on first use in a lint. */
class ParagraphUnit implements ParagraphText {
  readonly text: string;
  readonly sentences: readonly TextSpan[];
  private wordLists?: Map<number, readonly Word[]>;
  private paragraphLanguage?: string;
  private lowered?: string | null;

  constructor(
    private readonly doc: SeedDocument,
    private readonly paragraph: DocumentParagraph,
  ) {
    this.text = paragraph.text;
    this.sentences = paragraph.relative;
  }

  words(sentence: TextSpan): readonly Word[] {
    let w = this.wordLists?.get(sentence.start);
    if (!w) {
      w = this.doc.wordsOf(sentence, this.paragraph.start);
      (this.wordLists ??= new Map()).set(sentence.start, w);
    }
    return w;
  }

  get language(): string {
    return (this.paragraphLanguage ??= this.doc.languageOf(this.paragraph, this));
  }

  get lowerText(): string | undefined {
    if (this.lowered === undefined) this.lowered = this.doc.lowerText?.slice(this.paragraph.start, this.paragraph.end) ?? null;
    return this.lowered ?? undefined;
  }
}

/** Key of a value given to an analysis or a unit check, for the memo: the same exactly when the value is. */
export function stableKey(value: unknown): string {
  if (value === undefined) return 'u';
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? String(value);
  const key = (value as { cacheKey?: unknown }).cacheKey;
  if (typeof key === 'string') return `#${key}`;
  if (Array.isArray(value)) return `[${value.map(stableKey).join(',')}]`;
  if (value instanceof Set) return `S[${[...value].map(stableKey).sort().join(',')}]`;
  if (value instanceof Map) return `M[${[...value].map(([k, v]) => `${stableKey(k)}:${stableKey(v)}`).sort().join(',')}]`;
  const record = value as Record<string, unknown>;
  return `{${Object.keys(record).sort().map((k) => `${JSON.stringify(k)}:${stableKey(record[k])}`).join(',')}}`;
}

/**
 * One kind of unit work in this lint (an analysis with its input, or a rule's unit check with what it
 * prepared): its values per unit, and its memo kind when the document keeps work across edits.
 */
export interface WorkSlot {
  owner: object;
  input: unknown;
  name: string;
  /** Memo kind id, -1 until looked up. */
  kind: number;
  /** Values computed in this lint, by paragraph or line index. */
  paragraphs?: unknown[];
  lines?: unknown[];
}

export class SeedDocument {
  readonly lineIndex: LineIndex;
  readonly lines: Line[];
  /** Index of the first line with content, or -1 when the document is blank. */
  readonly firstContentLine: number;
  readonly header?: Header;
  /** Other lines shaped like a date header (misplaced or repeated headers). */
  readonly headerLikeLines: number[];
  readonly paragraphs: Paragraph[];
  /** The title paragraph: the first paragraph after the header. */
  readonly title?: Paragraph;
  /** The document's language (ISO 639-1) or 'und'. */
  readonly language: string;
  readonly lexicon?: Lexicon;

  constructor(
    readonly text: string,
    readonly languages: LanguageRegistry,
    /** Unit work kept from earlier versions of this document (see IncrementalLinter). */
    private readonly memo?: DocumentMemo,
  ) {
    this.lineIndex = new LineIndex(text);
    const starts = this.lineIndex.lineStarts;
    this.lines = starts.map((start, index) => {
      const end = this.lineIndex.lineContentEnd(index);
      return { index, start, end, text: text.slice(start, end) };
    });
    this.firstContentLine = this.lines.findIndex((l) => /\S/.test(l.text));
    if (this.firstContentLine >= 0) {
      const l = this.lines[this.firstContentLine];
      this.header = parseHeader(text, l.index, l.start, l.end, languages);
    }
    this.headerLikeLines = [];
    for (const l of this.lines) {
      if (l.index !== this.header?.line && isHeaderLike(l.text)) this.headerLikeLines.push(l.index);
    }

    // Language first (from the body), so that sentence splitting can use its abbreviations.
    const bodyStart = this.header ? (this.header.body?.start ?? this.header.lineEnd) : 0;
    const sample = text.slice(bodyStart, bodyStart + 2048);
    this.language = memo ? memo.get(memo.kindId('language'), sample, () => languages.identify(sample)) : languages.identify(sample);
    this.lexicon = languages.lexicon(this.language);
    const abbreviations = this.lexicon?.abbreviations ?? languages.abbreviations;
    const sentencesKind = memo?.kindId(`sentences\u0000${this.language}`) ?? -1;

    this.paragraphs = [];
    this.lineParagraph = new Int32Array(this.lines.length).fill(-1);
    for (const l of this.lines) {
      let start = l.start;
      if (this.header && l.index === this.header.line) {
        if (!this.header.body) continue;
        start = this.header.body.start;
      }
      const raw = text.slice(start, l.end);
      const lead = raw.length - raw.trimStart().length;
      const trimmed = raw.trim();
      if (!trimmed) continue;
      const pStart = start + lead;
      const index = this.paragraphs.length;
      const split = () => splitSentences(trimmed, 0, 0, abbreviations, languages.months);
      let relative: Sentence[];
      if (memo) {
        const bucket = memo.paragraphBucket(pStart, pStart + trimmed.length, trimmed);
        this.paragraphBuckets.push(bucket);
        relative = memo.getIn(bucket, sentencesKind, split);
      } else relative = split();
      this.paragraphs.push(new DocumentParagraph(index, l.index, pStart, trimmed, relative));
      if (pStart === l.start && trimmed.length === l.end - l.start) this.lineParagraph[l.index] = index;
    }
    this.title = this.paragraphs[0];
    this.scope = { language: this.language, lexicon: this.lexicon, languages };
  }

  /** What unit work may read of the document besides the unit: its language and the configuration. */
  readonly scope: UnitScope;

  // --- units -----------------------------------------------------------------------------------

  /** Each paragraph's memo entries, looked up once per lint. */
  private readonly paragraphBuckets: MemoBucket[] = [];
  /** Per line, the paragraph that is all of it (most are), or -1: such a line shares the paragraph's entries. */
  private readonly lineParagraph: Int32Array;
  private lineBuckets?: Array<MemoBucket | undefined>;
  private units?: Array<ParagraphUnit | undefined>;
  private readonly slots: WorkSlot[] = [];

  /** A paragraph as unit checks see it. */
  paragraphUnit(p: Paragraph): ParagraphText {
    const units = (this.units ??= new Array(this.paragraphs.length));
    return (units[p.index] ??= new ParagraphUnit(this, this.paragraphs[p.index] as DocumentParagraph));
  }

  /**
   * The value of `analysis` for a paragraph or a line of this document: computed once per lint and
   * shared by every rule that asks, and kept across edits while the unit's text is unchanged.
   */
  analyse<T>(analysis: Analysis<ParagraphText, T, undefined>, unit: Paragraph): T;
  analyse<T>(analysis: Analysis<LineText, T, undefined>, unit: Line): T;
  analyse<T, I>(analysis: Analysis<ParagraphText, T, I>, unit: Paragraph, input: I): T;
  analyse<T, I>(analysis: Analysis<LineText, T, I>, unit: Line, input: I): T;
  analyse<T, I>(analysis: Analysis<ParagraphText, T, I> | Analysis<LineText, T, I>, unit: Paragraph | Line, input?: I): T {
    const slot = this.workSlot(analysis, analysis.id, input);
    if (analysis.unit === 'paragraph') {
      const p = unit as Paragraph;
      return this.unitValue(slot, 'paragraph', p.index, () => (analysis as Analysis<ParagraphText, T, I>).analyse(this.paragraphUnit(p), this.scope, input as I));
    }
    const line = unit as Line;
    return this.unitValue(slot, 'line', line.index, () => (analysis as Analysis<LineText, T, I>).analyse(line, this.scope, input as I));
  }

  /** The values of one kind of unit work in this lint: `owner` (an analysis, a rule) with `input`, named `name` in the memo. */
  workSlot(owner: object, name: string, input: unknown): WorkSlot {
    const last = this.lastSlot;
    if (last && last.owner === owner && last.input === input) return last;
    for (const s of this.slots) if (s.owner === owner && s.input === input) return (this.lastSlot = s);
    const slot: WorkSlot = { owner, input, name, kind: -1 };
    this.slots.push(slot);
    return (this.lastSlot = slot);
  }

  private lastSlot?: WorkSlot;

  /** The value of a unit's work: computed once per lint, and kept across edits while the unit's text is unchanged. */
  unitValue<T>(slot: WorkSlot, unit: 'paragraph' | 'line', index: number, compute: () => T): T {
    const local = unit === 'paragraph' ? (slot.paragraphs ??= []) : (slot.lines ??= []);
    let value = local[index] as T | undefined;
    if (value !== undefined) return value;
    if (this.memo) {
      if (slot.kind < 0) slot.kind = this.memo.kindId(`${slot.name}\u0000${stableKey(slot.input)}\u0000${this.language}`);
      value = this.memo.getIn(unit === 'paragraph' ? this.paragraphBuckets[index] : this.lineBucket(index), slot.kind, compute);
    } else value = compute();
    // Undefined is not kept in this lint's values: computed again if asked again (only without a memo).
    local[index] = value;
    return value;
  }

  private lineBucket(index: number): MemoBucket {
    const p = this.lineParagraph[index];
    if (p >= 0) return this.paragraphBuckets[p];
    const buckets = (this.lineBuckets ??= new Array(this.lines.length));
    return (buckets[index] ??= this.memo!.bucket(this.lines[index].text));
  }

  /** Words of one of the document's sentences, at their offsets in the document (those of the paragraph's unit, moved). */
  words(sentence: Sentence): readonly Word[] {
    const p = this.paragraphs[sentence.paragraph] as DocumentParagraph;
    const relative = p.relative.find((r) => r.start === sentence.start - p.start);
    if (!relative) throw new Error('not a sentence of this document');
    return this.paragraphUnit(p).words(relative).map((w) => ({ start: w.start + p.start, end: w.end + p.start, lower: w.lower, script: w.script }));
  }

  /** Words of a paragraph's sentence, offsets relative to the paragraph at `base`. */
  wordsOf(sentence: TextSpan, base: number): readonly Word[] {
    if (this.memo) {
      const at = sentence.start;
      return this.memo.get(this.wordsKind, sentence.text, () => splitWords(sentence.text, 0)).map((x) => ({ start: x.start + at, end: x.end + at, lower: x.lower, script: x.script }));
    }
    return splitWords(sentence.text, sentence.start, this.lowerText, base + sentence.start);
  }

  private get wordsKind(): number {
    return (this.wordsKindId ??= this.memo!.kindId('words'));
  }

  private wordsKindId?: number;

  /** Answers ParagraphUnit.language. */
  languageOf(p: Paragraph, unit: ParagraphText): string {
    if (p.text.length < 120) return this.language;
    const identify = () => identifyParagraph(this.languages, this.language, unit.text, unit.sentences, (s) => unit.words(s));
    if (!this.memo) return identify();
    return this.memo.getIn(this.paragraphBuckets[p.index], this.paragraphLanguageKind, identify);
  }

  private get paragraphLanguageKind(): number {
    return (this.paragraphLanguageKindId ??= this.memo!.kindId(`paragraph-language\u0000${this.language}`));
  }

  private paragraphLanguageKindId?: number;

  private profile?: LanguageProfile;

  /** What the document as a whole is written in: its script at once, its languages when asked. */
  get languageProfile(): LanguageProfile {
    return (this.profile ??= new LanguageProfile(this, (sample) =>
      this.memo ? this.memo.get(this.memo.kindId(`profile-sample\u0000${this.language}`), sample, () => scoreLanguages(this.languages, sample)) : scoreLanguages(this.languages, sample),
    ));
  }

  private lowered?: string | null;

  /**
   * The whole text in lower case, made once, so that a paragraph or a sentence is lower-cased by
   * slicing it: the same, unit for unit, as lower-casing the slice, because the text holds neither
   * İ (whose lower case is two units) nor Σ (whose lower case depends on the next letter); undefined
   * when it holds one of them. Also undefined when the document keeps work across edits: slices of
   * it kept in the memo would hold every version's whole text.
   */
  get lowerText(): string | undefined {
    if (this.lowered === undefined) this.lowered = this.memo || CONTEXTUAL_CASE.test(this.text) ? null : this.text.toLowerCase();
    return this.lowered ?? undefined;
  }

  /** Whether unit work is kept across versions (the document is linted incrementally). */
  get remembers(): boolean {
    return this.memo !== undefined;
  }

  lineOf(offset: number): number {
    return this.lineIndex.positionAt(offset).line;
  }
}
