/**
 * Figures and their attribution, found once per paragraph and shared by the two figure rules.
 * A figure is a quantity in a sentence; it is attributed when its sentence names a source.
 */
import type { SeedDocument } from '../../../engine/document';
import { defineParagraphAnalysis, type ParagraphText, type TextSpan, type UnitContext } from '../../../engine/rule';
import type { FigureUnits, LanguageRegistry, Lexicon } from '../../../engine/language/index';
import type { Word } from '../../../engine/words';
import { CONTEXTUAL_CASE, letterUnit, NEEDS_NORMALIZING, normalizeWord } from '../../../engine/words';

export interface Figure {
  start: number;
  end: number;
  text: string;
  /** The quantity it stands for, as far as it can be read. */
  value: number;
}

export type Attribution =
  | { kind: 'source'; cue: string }
  | { kind: 'vague'; cue: string }
  | { kind: 'none' };

export interface FigureOptions {
  /** Plain counts below this are not figures ("two countries"). */
  minimumCount: number;
}

const SPACE_GROUP = '[ \\u00a0\\u202f\\u2009]';
/** A numeral: grouped thousands (1.500, 3,000, 12 000), decimals (2,5), plain digits; optionally a range. */
const NUMBER = `(?:\\d{1,3}(?:\\.\\d{3})+(?:,\\d+)?|\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d{1,3}(?:${SPACE_GROUP}\\d{3})+(?:[.,]\\d+)?|\\d+(?:[.,]\\d+)?)`;
const NUMERAL_RE = new RegExp(`(?<![\\p{L}\\p{N}_])${NUMBER}(?:\\s?[-–]\\s?${NUMBER})?`, 'gu');
const DATE_RE = /(?<![\p{N}])(?:\d{4}-\d{1,2}(?:-\d{1,2})?|\d{1,2}[./]\d{1,2}[./]\d{2,4})(?![\p{N}])/gu;
const VERSION_RE = /(?<![\p{N}])\d+\.\d+\.\d+(?:\.\d+)*(?![\p{N}])/gu;
/** Between two references of one list: a comma or slash, or one short lower-case word (og, eller, or, e, и). */
const REFERENCE_LIST_GAP = /^(?:\s*[,/]\s*|\s+\p{Ll}{1,5}\s+)$/u;
const PHONE_RE = /(?:\+\d{1,3}[ -]?)?\(?\d{2,4}\)?(?:[ -]\d{2,4}){2,}/g;

function parseNumber(text: string): number {
  const first = text.split(/\s?[-–]\s?(?=\d)/).pop()!; // a range counts as its upper end
  let t = first.replace(/[ \u00a0\u202f\u2009]/g, '');
  const dots = (t.match(/\./g) ?? []).length;
  const commas = (t.match(/,/g) ?? []).length;
  if (dots && commas) t = t.lastIndexOf(',') > t.lastIndexOf('.') ? t.replace(/\./g, '').replace(',', '.') : t.replace(/,/g, '');
  else if (dots > 1 || (dots === 1 && /\.\d{3}$/.test(t))) t = t.replace(/\./g, '');
  else if (commas > 1 || (commas === 1 && /,\d{3}$/.test(t))) t = t.replace(/,/g, '');
  else t = t.replace(',', '.');
  return parseFloat(t);
}

/** The longest entry of `list` that `text` starts with, ending at a word boundary. */
function startsWithEntry(text: string, list: readonly string[]): string | undefined {
  const lower = text.toLowerCase();
  for (const entry of list) {
    if (!lower.startsWith(entry)) continue;
    const after = text.charAt(entry.length);
    if (!after || !/[\p{L}\p{N}]/u.test(after) || !/[\p{L}]$/u.test(entry)) return text.slice(0, entry.length);
  }
  return undefined;
}

/** The ranges of `re`'s matches in `text`. */
function ranges(re: RegExp, text: string): Array<[number, number]> {
  re.lastIndex = 0;
  const out: Array<[number, number]> = [];
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) out.push([m.index, m.index + m[0].length]);
  return out;
}


/** Index of the first word starting at or after `pos` (binary search: sentences can be long). */
function firstWordFrom(words: readonly Word[], pos: number): number {
  let lo = 0;
  let hi = words.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (words[mid].start < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function wordBefore(words: readonly Word[], pos: number): Word | undefined {
  let i = firstWordFrom(words, pos) - 1;
  while (i >= 0 && words[i].end > pos) i--;
  return i >= 0 ? words[i] : undefined;
}

function wordAfter(words: readonly Word[], pos: number): Word | undefined {
  return words[firstWordFrom(words, pos)];
}

/** Whether [s, e) overlaps one of the sorted, disjoint-by-start ranges; `cursor` walks forward across calls. */
function overlapsFrom(rs: Array<[number, number]>, cursor: { i: number }, s: number, e: number): boolean {
  while (cursor.i < rs.length && rs[cursor.i][1] <= s) cursor.i++;
  for (let k = cursor.i; k < rs.length && rs[k][0] < e; k++) if (rs[k][1] > s) return true;
  return false;
}

interface LexiconView {
  units: FigureUnits;
  months: (w: string) => boolean;
  yearWord: (w: string) => boolean;
  reference: (w: string) => boolean;
  time: (w: string) => boolean;
  large: (w: string) => number | undefined;
  small: (w: string) => number | undefined;
}

/** "l'articolo" -> "articolo", "d'août" -> "août": elided articles are not part of the word. */
function elided(word: string): string {
  const i = word.lastIndexOf("'");
  return i >= 0 && i <= 3 ? word.slice(i + 1) : word;
}

function viewOf(lexicons: Lexicon[], registry: LanguageRegistry): LexiconView {
  const units = registry.figureUnits;
  const allMonths = registry.months;
  const any = <T>(f: (l: Lexicon) => T | undefined) => {
    for (const l of lexicons) {
      const v = f(l);
      if (v !== undefined && v !== false) return v;
    }
    return undefined;
  };
  if (lexicons.length === 1) {
    // The usual case (the document's own lexicon): direct lookups, no closure per word.
    const l = lexicons[0];
    return {
      units,
      months: (w) => l.months.has(elided(w)),
      yearWord: (w) => l.yearWords.has(elided(w)),
      reference: (w) => l.referenceWords.has(elided(w)),
      time: (w) => l.timeWords.has(elided(w)),
      large: (w) => l.largeNumbers.get(w),
      small: (w) => l.smallNumbers.get(w),
    };
  }
  return {
    units,
    months: (w) => (lexicons.length ? Boolean(any((l) => l.months.has(elided(w)))) : allMonths.has(elided(w))),
    yearWord: (w) => Boolean(any((l) => l.yearWords.has(elided(w)))),
    reference: (w) => Boolean(any((l) => l.referenceWords.has(elided(w)))),
    time: (w) => Boolean(any((l) => l.timeWords.has(elided(w)))),
    large: (w) => any((l) => l.largeNumbers.get(w)),
    small: (w) => any((l) => l.smallNumbers.get(w)),
  };
}

/** Figures of one sentence. Offsets in the result are those of `sentence` and `words` (relative to its paragraph). */
export function findFigures(sentence: TextSpan, words: readonly Word[], lex: LexiconView, options: FigureOptions): Figure[] {
  const text = sentence.text;
  const base = sentence.start;
  // Numerals need a digit; without one only spelled quantities remain, and the ranges below only exclude numerals.
  const digits = /\d/.test(text);
  const excluded = digits ? [...ranges(DATE_RE, text), ...ranges(lex.units.timeOfDay, text), ...ranges(VERSION_RE, text)] : [];
  for (const [s, e] of digits ? ranges(PHONE_RE, text) : []) {
    const phone = text.slice(s, e);
    // A phone number: groups that are not thousands groups, or a leading +.
    if (phone.startsWith('+') || !/^\d{1,3}(?:[ \u00a0]\d{3})+$/.test(phone)) excluded.push([s, e]);
  }
  excluded.sort((a, b) => a[0] - b[0]);
  const cursor = { i: 0 };
  const figures: Figure[] = [];
  const consumed = new Set<number>(); // word starts taken by a numeral figure
  let referenceEnd = -1; // end of the last numeral read as a reference (nr. 5, call 911)
  NUMERAL_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while (digits && (m = NUMERAL_RE.exec(text))) {
    let start = m.index;
    let end = start + m[0].length;
    const raw = m[0];
    if (overlapsFrom(excluded, cursor, start, end)) continue;
    const before = text.slice(Math.max(0, start - 3), start);
    const after = text.slice(end, end + 2);
    // Glued to letters: ordinals (2nd), codes (G20, F-16, COVID-19), compounds (45-year-old).
    if (/[\p{L}]$/u.test(before.slice(-1)) || /[\p{L}]-$/u.test(before.slice(-2)) || /^[\p{L}]/u.test(after) || /^-\p{L}/u.test(after)) continue;
    if (/[#№§]\s?$/.test(before) || /^°/.test(after)) continue;
    if (/^0\d/.test(raw)) continue; // a leading zero: a phone number or a code, not a quantity
    // "5. plads", "3. Mai": an ordinal before a lower-case word or a month.
    const ordinal = /^\.\s+(\p{L}+)/u.exec(text.slice(end, end + 30));
    if (ordinal && /^\d{1,3}$/.test(raw) && (ordinal[1] === ordinal[1].toLowerCase() || lex.months(normalizeWord(ordinal[1])))) continue;
    const prev = wordBefore(words, base + start);
    const next = wordAfter(words, base + end);
    const gapBefore = prev ? text.slice(prev.end - base, start) : '';
    const gapAfter = next ? text.slice(end, next.start - base) : '';
    const prevAdjacent = prev && /^\.?\s{0,2}$/.test(gapBefore);
    const nextAdjacent = next && /^\s{1,2}$|^\.\s$/.test(gapAfter);
    if (prev && /^\s+$/.test(gapBefore) && lex.months(prev.lower)) continue; // October 28, august 2022
    if (prevAdjacent && (lex.reference(prev.lower) || lex.time(prev.lower))) {
      referenceEnd = end;
      continue; // nr. 5, kl. 10
    }
    // The next of a list of references: "nr. 5 og 6", "call 911 or 999", "artikel 3, 4". Plain short numbers only.
    if (referenceEnd >= 0 && /^\d{1,4}$/.test(raw) && REFERENCE_LIST_GAP.test(text.slice(referenceEnd, start))) {
      referenceEnd = end;
      continue;
    }
    if (nextAdjacent && (lex.months(next.lower) || lex.time(next.lower))) continue; // 28 tetor, 10 Uhr
    if (next && nextAdjacent && next.lower.length <= 3) {
      // "24 de febrero", "3 de mayo": one short connector word before a month.
      const after = wordAfter(words, next.end);
      if (after && /^\s+$/.test(text.slice(next.end - base, after.start - base)) && lex.months(after.lower)) continue;
    }
    let value = parseNumber(raw);
    let marked = false; // a percent, currency or number word makes it a figure whatever its size
    // Number word after: 3 mijë, 2 billion, 12 mln, €3 mia.
    if (next && /^\s{1,2}$/.test(gapAfter)) {
      const mult = lex.large(next.lower);
      if (mult !== undefined) {
        value *= mult;
        end = next.end - base;
        if (text[end] === '.' && /^[\p{L}]{2,4}$/u.test(next.lower) && !/^\.\s*$/.test(text.slice(end))) end++;
        consumed.add(next.start);
        marked = true;
      }
    }
    const rest = text.slice(end, end + 24); // enough for the longest unit ("por ciento", "τοις εκατό")
    const spaced = /^[ \u00a0\u202f]?/.exec(rest)![0].length;
    const percent = startsWithEntry(rest.slice(spaced), lex.units.percentAfter);
    if (percent) {
      end += spaced + percent.length;
      marked = true;
    } else {
      const currency = startsWithEntry(rest.slice(spaced), lex.units.currencyAfter);
      if (currency) {
        end += spaced + currency.length;
        marked = true;
      }
    }
    const head = text.slice(Math.max(0, start - 4), start);
    const sym = /(r\$|us\$|[€$£¥₽₺₴₹₩%])\s?$/iu.exec(head);
    if (sym) {
      start -= sym[0].length;
      marked = true;
    } else if (prev && prevAdjacent && /^\s$/.test(gapBefore) && (lex.units.currencyBefore.has(prev.lower) || lex.units.percentBefore.has(prev.lower))) {
      start = prev.start - base;
      marked = true;
    }
    // A plain four-digit number from 1800 to 2100 is a year; so is any number after a year word.
    if (!marked && /^\d{4}$/.test(raw) && value >= 1800 && value <= 2100) continue;
    // Next to a year word only a four-digit number is a year: "vitit 1453"; "в этом году 300" is a count.
    if (!marked && /^\d{4}$/.test(raw) && ((prevAdjacent && lex.yearWord(prev.lower)) || (nextAdjacent && lex.yearWord(next.lower)))) continue;
    if (!marked && !(value >= options.minimumCount)) continue;
    figures.push({ start: base + start, end: base + end, text: text.slice(start, end), value });
  }
  // Spelled quantities: "otte millioner", "mijëra", "twenty soldiers".
  const numeric = figures.map((f) => [f.start - base, f.end - base] as [number, number]);
  const figureCursor = { i: 0 };
  const insideFigure = (w: Word) => overlapsFrom(numeric, figureCursor, w.start - base, w.end - base);
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (consumed.has(w.start)) continue;
    const mult = lex.large(w.lower);
    if (mult !== undefined) {
      let start = w.start - base;
      let value = mult;
      let k = i - 1;
      // Spelled numbers before it belong to it: "otte millioner", "two hundred thousand".
      while (k >= 0 && /^\s+$/.test(text.slice(words[k].end - base, words[k + 1].start - base)) && lex.small(words[k].lower) !== undefined) {
        value = (lex.small(words[k].lower) ?? 1) * mult;
        start = words[k].start - base;
        k--;
      }
      // Inside a numeral figure already ("3 mijë" was taken above).
      if (insideFigure(w)) continue;
      let end = w.end - base;
      // "hundreds of thousands", "centenas de milhares": one quantity.
      const of = words[i + 1];
      const then = words[i + 2];
      if (of && then && of.lower.length <= 3 && lex.large(then.lower) !== undefined && /^\s+$/.test(text.slice(w.end - base, of.start - base)) && /^\s+$/.test(text.slice(of.end - base, then.start - base))) {
        end = then.end - base;
        value *= lex.large(then.lower)!;
        consumed.add(then.start);
        i += 2;
      }
      if (text[end] === '.' && w.lower.length <= 4 && /\S/.test(text.slice(end + 1, end + 3))) end++;
      figures.push({ start: base + start, end: base + end, text: text.slice(start, end), value });
      continue;
    }
    const small = lex.small(w.lower);
    if (small !== undefined && small >= options.minimumCount) {
      const next = words[i + 1];
      if (next && lex.large(next.lower) !== undefined) continue; // part of the spelled quantity that follows
      if (next && lex.months(next.lower)) continue;
      figures.push({ start: w.start, end: w.end, text: text.slice(w.start - base, w.end - base), value: small });
    }
  }
  return figures.sort((a, b) => a.start - b.start);
}

const QUOTE_OPEN = '“„«»"”‹›';
/** A source before a colon: "Inteligjenca e Koresë së Jugut: Janë dërguar 3 mijë ushtarë". */
function colonSource(paragraph: string, sentence: TextSpan, firstFigure: number): string | undefined {
  const colon = paragraph.indexOf(':');
  if (colon < 0) return undefined;
  if (colon > firstFigure || colon < sentence.start - 400) return undefined;
  const head = paragraph.slice(0, colon).replace(/^[\s–—\-•*]+/, '').trim();
  const words = head.split(/\s+/).filter(Boolean);
  if (words.length === 0 || words.length > 6 || /[.!?;]/.test(head)) return undefined;
  // A name or an acronym, or a short capitalised phrase: "CNN:", "Renseignement sud-coréen :".
  const properNoun = words.some((w, i) => (i > 0 && /^\p{Lu}\p{Ll}/u.test(w)) || /^\p{Lu}{2,}/u.test(w));
  // One plain word ("Police:") only in a headline-shaped line, with no closing punctuation.
  const headline = !/[.!?]$/.test(paragraph);
  return /^\p{Lu}/u.test(words[0]) && (properNoun || words.length >= 2 || headline) ? head : undefined;
}

const QUOTE_CLOSE = new Set([...'”“"»«›']);
const QUOTE_START = new Set([...'“„«»"‹']);
const isName = (text: string) => /^\p{Lu}\p{Ll}/u.test(text);

/**
 * A quote with its speaker: a capitalised name within three words after a closing quote
 * (“…”, Austin) or within three words before a colon that opens a quote (Zelensky explicou: "…").
 */
function quoteSpeaker(text: string, base: number, words: readonly Word[]): string | undefined {
  let opened = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (QUOTE_CLOSE.has(c) && opened && i > 0 && /[\p{L}\p{P}]/u.test(text[i - 1])) {
      const k = firstWordFrom(words, base + i + 1);
      for (let j = k; j < Math.min(k + 3, words.length); j++) {
        const w = text.slice(words[j].start - base, words[j].end - base);
        if (isName(w)) return w;
      }
    }
    if (QUOTE_START.has(c)) opened = true;
    let n = i + 1;
    while (c === ':' && n < text.length && n < i + 4 && text[n] === ' ') n++;
    if (c === ':' && QUOTE_START.has(text[n] ?? '')) {
      const k = firstWordFrom(words, base + i) - 1;
      for (let j = k; j >= Math.max(0, k - 2); j--) {
        const w = text.slice(words[j].start - base, words[j].end - base);
        if (isName(w)) return w;
      }
    }
  }
  return undefined;
}

/** How a sentence of `paragraph` attributes its figures; offsets relative to the paragraph. */
function attributionOf(paragraph: string, sentence: TextSpan, words: readonly Word[], lexicons: Lexicon[], firstFigure: number): Attribution {
  for (const lex of lexicons) {
    const v = lex.vagueSources.findIn(words);
    if (v >= 0) return { kind: 'vague', cue: paragraph.slice(words[v].start, words[v + lex.vagueSources.matchAt(words, v) - 1].end) };
  }
  for (const lex of lexicons) {
    for (const set of [lex.attributionVerbs, lex.attributionPrepositions]) {
      const i = set.findIn(words);
      if (i >= 0) return { kind: 'source', cue: paragraph.slice(words[i].start, words[i + set.matchAt(words, i) - 1].end) };
    }
  }
  const colon = colonSource(paragraph, sentence, firstFigure);
  if (colon) return { kind: 'source', cue: colon };
  if (QUOTE_OPEN.split('').some((q) => sentence.text.includes(q))) {
    const speaker = quoteSpeaker(sentence.text, sentence.start, words);
    if (speaker) return { kind: 'source', cue: speaker };
  }
  return { kind: 'none' };
}

/**
 * What cannotHoldFigures cannot read unit by unit, in one pass: İ and Σ, surrogates, and what splitWords
 * normalises word by word (’, combining marks; without İ, lower-casing makes neither, so the text tells).
 */
const CANNOT_TELL = new RegExp(`${CONTEXTUAL_CASE.source}|[\\ud800-\\udfff]|${NEEDS_NORMALIZING.source}`);

/**
 * True when findFigures must find nothing in `text`: no digit, and no word of the text is a number
 * word. splitWords lower-cases word by word as slices of the lower-cased text, unless the text holds
 * İ, Σ, ’ or combining marks; a word equal to a number word then starts with a run of letters equal to
 * that word's first run. Where this cannot tell (those characters, surrogates), it says false.
 */
function cannotHoldFigures(text: string, lex: Lexicon | undefined, minimumCount: number, lowerText?: string, lowerOffset = 0): boolean {
  if (/\d/.test(text)) return false;
  if (!lex) return true; // no lexicon: no number words at all
  if (CANNOT_TELL.test(text)) return false;
  // The document's lower-cased text when there is one (see SeedDocument.lowerText), else this text's.
  const lowered = lowerText ?? text.toLowerCase();
  const from = lowerText === undefined ? 0 : lowerOffset;
  const to = from + text.length;
  const { runs, lengths } = lex.numberWordStarts(minimumCount);
  let start = -1;
  for (let i = from; i <= to; i++) {
    const letter = i < to ? letterUnit(lowered.charCodeAt(i)) : 0;
    if (letter === 1) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      const admitted = (lengths[lowered.charCodeAt(start) & 0xff] >>> Math.min(i - start, 31)) & 1;
      if (admitted === 1 && runs.has(lowered.slice(start, i))) return false;
      start = -1;
    }
  }
  return true;
}

export interface ParagraphFigures {
  /** Index of the sentence in its paragraph. */
  sentence: number;
  /** Offsets relative to the paragraph's start. */
  figures: Figure[];
  attribution: Attribution;
}

/**
 * Figures of one paragraph's sentences, with their attribution, offsets relative to the paragraph;
 * `minimumCount` as in FigureOptions. Shared by the two figure rules.
 */
export const paragraphFigures = defineParagraphAnalysis('unattributed-figure/figures', (paragraph, scope, minimumCount: number): ParagraphFigures[] => {
  const out: ParagraphFigures[] = [];
  if (!/\d|\p{L}/u.test(paragraph.text)) return out;
  const options: FigureOptions = { minimumCount };
  const docLexicons = scope.lexicon ? [scope.lexicon] : [];
  let lexicons = docLexicons;
  let view: LexiconView | undefined;
  let paragraphChecked = false;
  paragraph.sentences.forEach((sentence, index) => {
    // Most sentences hold no digit and no number word: they need no words and no analysis.
    if (lexicons.length <= 1 && cannotHoldFigures(sentence.text, lexicons[0], minimumCount, paragraph.lowerText, sentence.start)) return;
    const words = paragraph.words(sentence);
    view ??= viewOf(lexicons, scope.languages);
    let figures = findFigures(sentence, words, view, options);
    if (figures.length === 0) return;
    let attribution = attributionOf(paragraph.text, sentence, words, lexicons, figures[0].start);
    // A paragraph in another language (a quote, a splice) uses that language's cues.
    if (attribution.kind === 'none' && !paragraphChecked) {
      paragraphChecked = true;
      const lang = paragraph.language;
      const own = scope.languages.lexicon(lang);
      if (lang !== scope.language && own) {
        lexicons = [own, ...docLexicons];
        view = viewOf(lexicons, scope.languages);
        const again = findFigures(sentence, words, view, options);
        if (again.length === 0) return;
        figures = again;
        attribution = attributionOf(paragraph.text, sentence, words, lexicons, figures[0].start);
      }
    }
    out.push({ sentence: index, figures, attribution });
  });
  return out;
});

/** Every sentence with figures, paragraph by paragraph, with its attribution. */
export function analyseFigures(doc: SeedDocument, options: FigureOptions): ParagraphFigures[] {
  return doc.paragraphs.flatMap((p) => doc.analyse(paragraphFigures, p, options.minimumCount));
}

const SOURCE_MARKER = '[source?]';

/** The figure is already followed by the `[source?]` marker a person inserted (in its paragraph). */
function hasSourceMarker(text: string, figure: Figure): boolean {
  return text.startsWith(SOURCE_MARKER, figure.end + 1) || text.startsWith(SOURCE_MARKER, figure.end);
}

/** What identifies a figure finding for review: its sentence (a window of it when long) and the figure. */
function figureFingerprint(sentence: TextSpan, figure: Figure): string {
  const t = sentence.text;
  const context = t.length > 2048 ? t.slice(Math.max(0, figure.start - sentence.start - 512), figure.end - sentence.start + 512) : t;
  return `${context}\u0000${figure.text}`;
}

/**
 * Reports every figure of a paragraph whose sentence has the given kind of attribution, with the
 * unsafe `[source?]` marker fix; figures already followed by the marker are skipped. Shared by both rules.
 */
export function reportFigures(
  paragraph: ParagraphText,
  context: UnitContext,
  kind: 'none' | 'vague',
  messageId: string,
  data: (figure: Figure, attribution: Attribution) => Record<string, string>,
): void {
  for (const found of context.analyse(paragraphFigures, context.options.minimumCount as number)) {
    const { attribution } = found;
    if (attribution.kind !== kind) continue;
    const sentence = paragraph.sentences[found.sentence];
    for (const figure of found.figures) {
      if (hasSourceMarker(paragraph.text, figure)) continue;
      context.report({
        messageId,
        data: data(figure, attribution),
        start: figure.start,
        end: figure.end,
        fingerprintText: figureFingerprint(sentence, figure),
        fixes: [{ title: `Insert ${SOURCE_MARKER} after “${figure.text}”`, edits: [{ start: figure.end, end: figure.end, text: ` ${SOURCE_MARKER}` }], safe: false }],
      });
    }
  }
}
