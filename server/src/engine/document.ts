/**
 * The document model: parsed once per text and shared by every rule. Seed files hold one
 * paragraph per line; the first non-blank line is the date header, the next the title.
 */
import { isHeaderLike, parseHeader, type Header } from './header';
import { identifyParagraph, LanguageProfile, scoreLanguages, type LanguageRegistry, type Lexicon } from './language/index';
import type { DocumentMemo, MemoBucket } from './memo';
import { LineIndex } from './positions';
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

/**
 * A paragraph whose sentences were kept from an earlier version (relative to its start): they are moved
 * to its offset only when a rule asks, since most rules answer from their own kept work.
 */
class KeptParagraph implements Paragraph {
  readonly end: number;
  private moved?: Sentence[];

  constructor(
    readonly index: number,
    readonly line: number,
    readonly start: number,
    readonly text: string,
    private readonly relative: readonly Sentence[],
  ) {
    this.end = start + text.length;
  }

  get sentences(): Sentence[] {
    return (this.moved ??= this.relative.map((s) => ({ start: s.start + this.start, end: s.end + this.start, text: s.text, paragraph: this.index })));
  }
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
  private readonly wordCache = new Map<number, Word[]>();
  private readonly paragraphLanguages = new Map<number, string>();

  constructor(
    readonly text: string,
    readonly languages: LanguageRegistry,
    /** Paragraph-local results kept from earlier versions of this document (see IncrementalLinter). */
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
    this.language = memo ? memo.get('language', sample, () => languages.identify(sample)) : languages.identify(sample);
    this.lexicon = languages.lexicon(this.language);
    const abbreviations = this.lexicon?.abbreviations ?? languages.abbreviations;

    this.paragraphs = [];
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
      if (memo) {
        const bucket = memo.paragraphBucket(pStart, pStart + trimmed.length, trimmed);
        this.paragraphBuckets[index] = bucket;
        const relative = memo.getIn(bucket, this.composedKind('sentences'), () => splitSentences(trimmed, 0, 0, abbreviations, languages.months));
        this.paragraphs.push(new KeptParagraph(index, l.index, pStart, trimmed, relative));
      } else {
        const sentences = splitSentences(trimmed, pStart, index, abbreviations, languages.months);
        this.paragraphs.push({ index, line: l.index, start: pStart, end: pStart + trimmed.length, text: trimmed, sentences });
      }
    }
    this.title = this.paragraphs[0];
  }

  /** Words of a sentence (cached): letters and marks with internal hyphens, apostrophes and periods. */
  words(sentence: Sentence): Word[] {
    let w = this.wordCache.get(sentence.start);
    if (!w) {
      if (this.memo) {
        const base = sentence.start;
        w = this.memo.get('words', sentence.text, () => splitWords(sentence.text, 0)).map((x) => ({ start: x.start + base, end: x.end + base, lower: x.lower, script: x.script }));
      } else w = splitWords(sentence.text, sentence.start, this.lowerText, sentence.start);
      this.wordCache.set(sentence.start, w);
    }
    return w;
  }

  private lowered?: string | null;

  /**
   * The whole text in lower case, made once, so that rules lower-case a sentence or a paragraph by
   * slicing it: the same, unit for unit, as lower-casing the slice, because the text holds neither
   * İ (whose lower case is two units) nor Σ (whose lower case depends on the next letter); undefined
   * when it holds one of them. Also undefined when the document keeps work across edits: slices of
   * it kept in the memo would hold every version's whole text.
   */
  get lowerText(): string | undefined {
    if (this.lowered === undefined) this.lowered = this.memo || CONTEXTUAL_CASE.test(this.text) ? null : this.text.toLowerCase();
    return this.lowered ?? undefined;
  }

  /** The language of a paragraph: its own when it is long enough to tell, else the document's. */
  paragraphLanguage(p: Paragraph): string {
    let lang = this.paragraphLanguages.get(p.index);
    if (lang === undefined) {
      lang = p.text.length < 120 ? this.language : this.paragraphMemo('language', p, () => identifyParagraph(this.languages, this.language, p.text, p.sentences.map((s) => ({ start: s.start - p.start, s })), (x) => this.words(x.s)));
      this.paragraphLanguages.set(p.index, lang);
    }
    return lang;
  }

  private profile?: LanguageProfile;

  /** What the document as a whole is written in: its script at once, its languages when asked. */
  get languageProfile(): LanguageProfile {
    return (this.profile ??= new LanguageProfile(this, (sample) => this.textMemo('language-profile-sample', sample, () => scoreLanguages(this.languages, sample))));
  }

  /**
   * Paragraph-local work, kept across edits when the document is linted by an IncrementalLinter.
   * `compute` may depend only on the paragraph's text, the document's language and lexicon, the
   * configuration, and whatever `kind` names (options, say); offsets in its result must be relative
   * to the paragraph's start, because the paragraph moves when text before it changes.
   */
  paragraphMemo<T>(kind: string, p: Paragraph, compute: () => T): T {
    const bucket = this.paragraphBuckets[p.index];
    if (!this.memo || !bucket || this.paragraphs[p.index] !== p) return this.textMemo(kind, p.text, compute);
    return this.memo.getIn(bucket, this.composedKind(kind), compute);
  }

  /**
   * As textMemo, for text starting at `start`: a line that is all paragraph (most are) shares the
   * paragraph's entries, found without hashing its text.
   */
  memoAt<T>(kind: string, start: number, text: string, compute: () => T): T {
    if (!this.memo) return compute();
    const p = this.paragraphAt(start);
    if (p && p.text.length === text.length && this.paragraphBuckets[p.index]) return this.memo.getIn(this.paragraphBuckets[p.index], this.composedKind(kind), compute);
    return this.textMemo(kind, text, compute);
  }

  private paragraphStarts?: Map<number, Paragraph>;

  private paragraphAt(start: number): Paragraph | undefined {
    if (!this.paragraphStarts) {
      this.paragraphStarts = new Map();
      for (const p of this.paragraphs) this.paragraphStarts.set(p.start, p);
    }
    return this.paragraphStarts.get(start);
  }

  /** As paragraphMemo, keyed by any text (a line, a sentence): `compute` may depend on nothing but `text` and what `kind` names. */
  textMemo<T>(kind: string, text: string, compute: () => T): T {
    if (!this.memo) return compute();
    return this.memo.get(this.composedKind(kind), text, compute);
  }

  /** The id of a kind with the document's language; the same kind comes many times in a row (a rule, paragraph after paragraph), so it is looked up once. */
  private composedKind(kind: string): number {
    if (kind !== this.memoKind) {
      this.memoKind = kind;
      this.memoKindId = this.memo!.kindId(`${kind}\u0000${this.language}`);
    }
    return this.memoKindId;
  }

  private memoKind?: string;
  private memoKindId = 0;
  /** Each paragraph's memo entries, looked up once per lint. */
  private readonly paragraphBuckets: MemoBucket[] = [];

  /** Whether paragraph-local work is kept across versions (the document is linted incrementally). */
  get remembers(): boolean {
    return this.memo !== undefined;
  }

  lineOf(offset: number): number {
    return this.lineIndex.positionAt(offset).line;
  }
}
