/** Language knowledge compiled once per configuration: lexicons per language and language identification. */
import { francAll } from './franc';
import { bundledLanguages, francCodes, languageGroups, languageNames, otherLanguages, reduplicatingLanguages, universal } from '../../languages/index';
import type { LanguageData } from '../../languages/types';
import { PhraseSet, splitWords, type Word } from '../words';

/** Texts at least this long are identified by franc alone (it is reliable there). */
const LONG_ENOUGH_FOR_FRANC = 400;

/**
 * One language's word lists, lower-cased and NFC, each built on first use: a registry holds every
 * shipped language, but a document needs few of them in full (start-up pays for what it builds).
 */
export class Lexicon {
  // One field per list, all present from the start: every lexicon has the same shape, so the
  // getters stay monomorphic on the hot path.
  private stopWordsList: Set<string> | undefined = undefined;
  private abbreviationsList: Set<string> | undefined = undefined;
  private monthsList: Map<string, number> | undefined = undefined;
  private yearWordsList: Set<string> | undefined = undefined;
  private attributionVerbsList: PhraseSet | undefined = undefined;
  private attributionPrepositionsList: PhraseSet | undefined = undefined;
  private vagueSourcesList: PhraseSet | undefined = undefined;
  private largeNumbersList: Map<string, number> | undefined = undefined;
  private smallNumbersList: Map<string, number> | undefined = undefined;
  private referenceWordsList: Set<string> | undefined = undefined;
  private timeWordsList: Set<string> | undefined = undefined;
  private conjunctionsList: Set<string> | undefined = undefined;
  private hyphenPrefixesList: Set<string> | undefined = undefined;
  private grammaticalRepeatsList: Set<string> | undefined = undefined;

  constructor(readonly data: LanguageData) {}

  get stopWords(): Set<string> {
    return (this.stopWordsList ??= new Set(lower(this.data.stopWords)));
  }

  get abbreviations(): Set<string> {
    return (this.abbreviationsList ??= new Set(lower(this.data.abbreviations)));
  }

  get months(): Map<string, number> {
    return (this.monthsList ??= lowerMap(this.data.months));
  }

  get yearWords(): Set<string> {
    return (this.yearWordsList ??= new Set(lower(this.data.yearWords)));
  }

  get attributionVerbs(): PhraseSet {
    return (this.attributionVerbsList ??= new PhraseSet(lower(this.data.attribution.verbs)));
  }

  get attributionPrepositions(): PhraseSet {
    return (this.attributionPrepositionsList ??= new PhraseSet(lower(this.data.attribution.prepositions)));
  }

  get vagueSources(): PhraseSet {
    return (this.vagueSourcesList ??= new PhraseSet(lower(this.data.attribution.vague)));
  }

  get largeNumbers(): Map<string, number> {
    return (this.largeNumbersList ??= lowerMap(this.data.numberWords.large));
  }

  get smallNumbers(): Map<string, number> {
    return (this.smallNumbersList ??= lowerMap(this.data.numberWords.small));
  }

  get referenceWords(): Set<string> {
    return (this.referenceWordsList ??= new Set(lower(this.data.referenceWords)));
  }

  get timeWords(): Set<string> {
    return (this.timeWordsList ??= new Set(lower(this.data.timeWords)));
  }

  get conjunctions(): Set<string> {
    return (this.conjunctionsList ??= new Set(lower(this.data.conjunctions)));
  }

  get hyphenPrefixes(): Set<string> {
    return (this.hyphenPrefixesList ??= new Set(lower(this.data.hyphenPrefixes)));
  }

  get grammaticalRepeats(): Set<string> {
    return (this.grammaticalRepeatsList ??= new Set(lower(this.data.grammaticalRepeats)));
  }

  /**
   * The first run of letters of every word that makes a figure without a digit (large-quantity words,
   * and small ones from `minimumCount` up): "twenty" for "twenty-one", "tusind" for "tusind". A text
   * none of whose letter runs is one of them holds no number word.
   */
  numberWordStarts(minimumCount: number): NumberWordStarts {
    let found = this.numberWordStartsByMinimum.get(minimumCount);
    if (!found) {
      const runs = new Set<string>();
      const lengths = new Uint32Array(256);
      const words = [...this.largeNumbers.keys(), ...[...this.smallNumbers].filter(([, v]) => v >= minimumCount).map(([k]) => k)];
      for (const w of words) {
        const run = /^[\p{L}\p{M}]*/u.exec(w)![0];
        runs.add(run);
        if (run.length > 0) lengths[run.charCodeAt(0) & 0xff] |= 1 << Math.min(run.length, 31);
      }
      this.numberWordStartsByMinimum.set(minimumCount, (found = { runs, lengths }));
    }
    return found;
  }

  private readonly numberWordStartsByMinimum = new Map<number, NumberWordStarts>();
}

export interface NumberWordStarts {
  runs: Set<string>;
  /**
   * By the low byte of a run's first code unit, bit n set when some run of that start is n units long
   * (bit 31: 31 or more): a letter run that no bit admits is not looked up in `runs`.
   */
  lengths: Uint32Array;
}

/** Language-independent figure words: currency signs and codes, percent words; lower case, longest first where matched as prefixes. */
export interface FigureUnits {
  /** A time of day (global): 10:30, 10:30:15, 10 h 30, or 10.30 before a time word of any language (10.30 Uhr, 10.30 h). */
  timeOfDay: RegExp;
  currencyBefore: ReadonlySet<string>;
  currencyAfter: readonly string[];
  percentAfter: readonly string[];
  percentBefore: ReadonlySet<string>;
}

/** Extra words per language from the config, merged into the shipped lists. */
export type LanguageExtensions = Record<string, Partial<Pick<LanguageData, 'stopWords' | 'abbreviations' | 'months' | 'yearWords' | 'dateKeywords' | 'referenceWords' | 'timeWords' | 'boilerplate'>> & {
  attribution?: Partial<LanguageData['attribution']>;
  numberWords?: Partial<LanguageData['numberWords']>;
}>;

const lower = (xs: readonly string[] | undefined) => (xs ?? []).map((x) => x.toLowerCase().normalize('NFC'));
const lowerMap = (m: Record<string, number> | undefined) =>
  new Map(Object.entries(m ?? {}).map(([k, v]) => [k.toLowerCase().normalize('NFC'), v] as const));

function mergeData(base: LanguageData, ext: LanguageExtensions[string] | undefined): LanguageData {
  if (!ext) return base;
  const cat = <T>(a: T[] | undefined, b: T[] | undefined) => [...(a ?? []), ...(b ?? [])];
  return {
    ...base,
    stopWords: cat(base.stopWords, ext.stopWords),
    abbreviations: cat(base.abbreviations, ext.abbreviations),
    months: { ...base.months, ...ext.months },
    yearWords: cat(base.yearWords, ext.yearWords),
    dateKeywords: cat(base.dateKeywords, ext.dateKeywords),
    referenceWords: cat(base.referenceWords, ext.referenceWords),
    timeWords: cat(base.timeWords, ext.timeWords),
    boilerplate: cat(base.boilerplate, ext.boilerplate),
    attribution: {
      verbs: cat(base.attribution.verbs, ext.attribution?.verbs),
      prepositions: cat(base.attribution.prepositions, ext.attribution?.prepositions),
      vague: cat(base.attribution.vague, ext.attribution?.vague),
    },
    numberWords: {
      large: { ...base.numberWords.large, ...ext.numberWords?.large },
      small: { ...base.numberWords.small, ...ext.numberWords?.small },
    },
  };
}

const NUMBER = /\d+(?:[.,]\d+)*/g;
const WHITESPACE_RUN = /\s+/g;

/** A line or phrase as the boilerplate table holds it: lower case, single spaces, numbers as "{n}". */
function boilerplateKey(text: string): string {
  return text.trim().toLowerCase().replace(WHITESPACE_RUN, ' ').replace(NUMBER, '{n}');
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A boilerplate line pattern: `{n}` is a number, runs of spaces match any spacing. */
function boilerplateSource(pattern: string): string {
  return pattern
    .trim()
    .split('{n}')
    .map((part) => escapeRegExp(part).replace(/\s+/g, '\\s+'))
    .join('\\d+(?:[.,]\\d+)*');
}

/** Languages whose data we ship or can identify: the default whitelist. */
export const DEFAULT_LANGUAGES = [...new Set([...Object.keys(francCodes), ...bundledLanguages.map((l) => l.code)])];

export class LanguageRegistry {
  readonly lexicons = new Map<string, Lexicon>();
  /** Month names of every language, to their number: date headers may be in any of them. */
  readonly months = new Map<string, number>();
  readonly dateKeywords = new Set<string>(['date']);
  private readonly francOnly: string[];
  /** Every shipped language, whitelisted or not: date headers, boilerplate and abbreviations are recognised in all of them. */
  private readonly shipped: Lexicon[] = [];
  private abbreviationSet?: Set<string>;
  private readonly fromFranc = new Map<string, string>();

  constructor(
    whitelist: readonly string[] = DEFAULT_LANGUAGES,
    extensions: LanguageExtensions = {},
    /** The language data files: those that ship, unless a test brings its own. */
    private readonly files: readonly LanguageData[] = bundledLanguages,
  ) {
    const allowed = new Set(whitelist);
    for (const shipped of files) {
      const data = mergeData(shipped, extensions[shipped.code]);
      const lex = new Lexicon(data);
      this.shipped.push(lex);
      for (const [k, v] of lex.months) this.months.set(k, v);
      for (const k of lower(data.dateKeywords)) this.dateKeywords.add(k);
      if (allowed.has(data.code)) this.lexicons.set(data.code, lex);
    }
    for (const code of allowed) {
      const f = this.lexicons.get(code)?.data.franc ?? francCodes[code];
      if (f) {
        this.fromFranc.set(f, code);
      }
    }
    this.francOnly = [...this.fromFranc.keys()];
  }

  /** All abbreviations of every language, for the sentence splitter of a document in an unknown language. */
  get abbreviations(): Set<string> {
    return (this.abbreviationSet ??= new Set(this.shipped.flatMap((lex) => [...lex.abbreviations])));
  }

  /**
   * One anchored, case-insensitive pattern for page furniture of every shipped language: what the
   * corpus index (server/src/corpus/) tests lines with. Rules ask isBoilerplate, a set lookup.
   */
  get boilerplate(): RegExp {
    return (this.boilerplatePattern ??= new RegExp(`^(?:${this.shipped.flatMap((lex) => lex.data.boilerplate.map(boilerplateSource)).join('|')})$`, 'iu'));
  }

  private boilerplatePattern?: RegExp;

  /**
   * Whether a trimmed line is page furniture: one of the boilerplate phrases of every shipped language
   * and of the configured ones (with the config's additions), compared in lower case with single spaces
   * and any number standing for "{n}".
   */
  isBoilerplate(trimmed: string): boolean {
    const table = (this.boilerplateTable ??= this.buildBoilerplateTable());
    return trimmed.length <= table.maxLength && table.keys.has(boilerplateKey(trimmed));
  }

  /** No line longer than this, spaces around it included, is boilerplate. */
  get boilerplateMaxLength(): number {
    return (this.boilerplateTable ??= this.buildBoilerplateTable()).maxLength;
  }

  private boilerplateTable?: { keys: Set<string>; maxLength: number };

  private buildBoilerplateTable(): { keys: Set<string>; maxLength: number } {
    const phrases = [...this.files.flatMap((l) => l.boilerplate), ...[...this.lexicons.values()].flatMap((l) => l.data.boilerplate)];
    // A number may be much longer than its "{n}", and spacing may differ: room to spare.
    return { keys: new Set(phrases.map(boilerplateKey)), maxLength: 2 * Math.max(0, ...phrases.map((p) => p.length)) + 20 };
  }

  lexicon(code: string): Lexicon | undefined {
    return this.lexicons.get(code);
  }

  /**
   * The language of a text as an ISO 639-1 code, or 'und' when franc is unsure or the
   * language is not whitelisted. franc reads at most 2048 characters; so do we.
   */
  identify(text: string, minLength = 20): string {
    const sample = text.length > 2048 ? text.slice(0, 2048) : text;
    const ranked = francAll(sample, { only: this.francOnly, minLength })
      .filter(([c]) => c !== 'und')
      .map(([c]) => this.fromFranc.get(c) ?? 'und');
    const top = ranked[0] ?? 'und';
    if (sample.length >= LONG_ENOUGH_FOR_FRANC) return this.withData(top, ranked);
    // Short texts: franc alone confuses relatives (pt/gl, ru/bg, pl/hr); stop words settle it.
    const hits = this.stopWordHits(sample);
    let best = 'und';
    let bestHits = 0;
    let tie = false;
    for (const [code, n] of hits) {
      if (n > bestHits) {
        best = code;
        bestHits = n;
        tie = false;
      } else if (n === bestHits) tie = true;
    }
    const topHits = hits.get(this.withData(top, ranked)) ?? 0;
    // Clear word evidence beats franc's guess; on a tie, franc's ranking decides among the best.
    if (!tie && bestHits > topHits && (bestHits >= 2 || topHits === 0)) return best;
    if (tie && bestHits > topHits) {
      const tied = new Set([...hits].filter(([, n]) => n === bestHits).map(([c]) => c));
      const pick = ranked.map((c) => this.withData(c, ranked)).find((c) => tied.has(c));
      if (pick) return pick;
    }
    return this.withData(top, ranked);
  }

  /** Languages with data, in a fixed order: the positions the vocabulary counts in. */
  get dataCodes(): string[] {
    return (this.dataCodeList ??= [...this.lexicons.keys()]);
  }

  private dataCodeList?: string[];
  /** Words of every whitelisted language with data (stop words, cues, months, number words), to the positions of their languages in dataCodes. */
  private vocabularyIndex?: Map<string, number[]>;

  private get vocabulary(): Map<string, number[]> {
    if (this.vocabularyIndex) return this.vocabularyIndex;
    const index = new Map<string, number[]>();
    // Plain loops, no sets: this runs once, cold, before a document's first diagnostics. Positions
    // come in order, so a word already listed for this language is the list's last entry.
    let position = 0;
    const add = (word: string) => {
      const list = index.get(word);
      if (!list) index.set(word, [position]);
      else if (list[list.length - 1] !== position) list.push(position);
    };
    for (; position < this.dataCodes.length; position++) {
      const lex = this.lexicons.get(this.dataCodes[position])!;
      for (const w of lex.stopWords) add(w);
      for (const w of lex.months.keys()) add(w);
      for (const w of lex.largeNumbers.keys()) add(w);
      for (const w of lex.smallNumbers.keys()) add(w);
      const { verbs, prepositions, vague } = lex.data.attribution;
      for (const phrases of [verbs, prepositions, vague]) for (const phrase of phrases) for (const w of splitWords(phrase)) add(w.lower);
    }
    return (this.vocabularyIndex = index);
  }

  /** How many words of `text` belong to each whitelisted language's vocabulary. */
  stopWordHits(text: string): Map<string, number> {
    const counts = new Int32Array(this.dataCodes.length);
    this.vocabularyCounts(splitWords(text), counts);
    const hits = new Map<string, number>();
    this.dataCodes.forEach((code, k) => {
      if (counts[k] > 0) hits.set(code, counts[k]);
    });
    return hits;
  }

  /** Adds to `counts`, per language of dataCodes (by position), how many of `words` are in its vocabulary. */
  vocabularyCounts(words: readonly Word[], counts: Int32Array): void {
    const index = this.vocabulary;
    for (const w of words) {
      const positions = index.get(w.lower);
      if (positions) for (let k = 0; k < positions.length; k++) counts[positions[k]]++;
    }
  }

  /** A language without data maps to a close relative that has data (gl -> pt, nn -> nb). */
  withData(code: string, ranked: readonly string[] = []): string {
    if (code === 'und' || this.lexicons.has(code)) return code;
    const relatives = [...this.lexicons].filter(([, lex]) => lex.data.closeRelatives.includes(code)).map(([c]) => c);
    return ranked.find((c) => relatives.includes(c)) ?? relatives[0] ?? code;
  }

  /** Scores per whitelisted language, best first, as franc gives them (1 = best). */
  identifyAll(text: string, minLength = 20): Array<[string, number]> {
    const sample = text.length > 2048 ? text.slice(0, 2048) : text;
    // francAll's tuples are fresh on every call: renamed in place, then the unknown ones dropped.
    const scores = francAll(sample, { only: this.francOnly, minLength });
    let kept = 0;
    for (const tuple of scores) {
      tuple[0] = this.fromFranc.get(tuple[0]) ?? 'und';
      if (tuple[0] !== 'und') scores[kept++] = tuple;
    }
    scores.length = kept;
    return scores;
  }

  /** The shipped lexicon of a language, whitelisted or not. */
  private shippedLexicon(code: string): Lexicon | undefined {
    return this.shipped.find((lex) => lex.data.code === code);
  }

  /** Conjunctions of every language, with a data file or not: for a document whose language has no data. */
  get conjunctionsOfAll(): ReadonlySet<string> {
    return (this.allConjunctions ??= new Set([...this.shipped.flatMap((lex) => [...lex.conjunctions]), ...lower(Object.values(otherLanguages.conjunctions).flat())]));
  }

  private allConjunctions?: Set<string>;

  /** Words whose doubling is grammatical in a language, from its data file or the lists of languages without one. */
  grammaticalRepeats(code: string): ReadonlySet<string> | undefined {
    if (!this.repeatsByCode.has(code)) {
      const other = otherLanguages.grammaticalRepeats[code];
      this.repeatsByCode.set(code, this.shippedLexicon(code)?.grammaticalRepeats ?? (other ? new Set(lower(other)) : undefined));
    }
    return this.repeatsByCode.get(code);
  }

  private readonly repeatsByCode = new Map<string, ReadonlySet<string> | undefined>();

  /** Whether a language repeats content words for grammar or emphasis (Turkish "tek tek"). */
  reduplicates(code: string): boolean {
    return reduplicatingLanguages.includes(code);
  }

  /** A language's English name ("Danish"): the shipped names first, then its data file's, then Intl's. */
  nameOf(code: string): string {
    if (code === 'und') return 'another language';
    let name = this.names.get(code) ?? this.shippedLexicon(code)?.data.name;
    if (name === undefined) {
      try {
        // Made on first use: building it costs some 25 ms.
        name = (this.intlNames ??= new Intl.DisplayNames(['en'], { type: 'language' })).of(code) ?? code;
      } catch {
        name = code;
      }
      this.names.set(code, name);
    }
    return name;
  }

  private readonly names = new Map<string, string>(Object.entries(languageNames));
  private intlNames?: Intl.DisplayNames;

  /** Currency and percent words of every language. */
  get figureUnits(): FigureUnits {
    if (this.units) return this.units;
    const lowerSet = (xs: string[]) => new Set(xs.map((x) => x.toLowerCase()));
    const longestFirst = (xs: Set<string>) => [...xs].sort((a, b) => b.length - a.length);
    const timeWords = [...new Set(this.shipped.flatMap((lex) => [...lex.timeWords]))].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
    const hourWords = timeWords.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
    return (this.units = {
      timeOfDay: new RegExp(`(?<![\\p{N}])(?:\\d{1,2}:\\d{2}(?::\\d{2})?|\\d{1,2}\\s?h\\s?\\d{2}|\\d{1,2}[.:]\\d{2}(?=\\s?(?:${hourWords})(?![\\p{L}\\p{N}_])))(?![\\p{N}])`, 'giu'),
      currencyBefore: lowerSet(universal.currencyBefore),
      currencyAfter: longestFirst(lowerSet(universal.currencyAfter)),
      percentAfter: longestFirst(lowerSet(universal.percentAfter)),
      percentBefore: lowerSet(universal.percentBefore),
    });
  }

  private units?: FigureUnits;

  /**
   * Languages franc cannot tell apart on a sentence: the data files' closeRelatives plus the groups of
   * languages/language-groups.json. Asked for every score of many sentences: answered once per pair.
   */
  areRelatives(a: string, b: string): boolean {
    if (a === b) return true;
    let ofA = this.relativesAnswers.get(a);
    if (!ofA) this.relativesAnswers.set(a, (ofA = new Map()));
    let answer = ofA.get(b);
    if (answer === undefined) {
      const la = this.lexicons.get(a)?.data.closeRelatives ?? [];
      const lb = this.lexicons.get(b)?.data.closeRelatives ?? [];
      answer = la.includes(b) || lb.includes(a) || languageGroups.some((g) => g.includes(a) && g.includes(b));
      ofA.set(b, answer);
    }
    return answer;
  }

  private readonly relativesAnswers = new Map<string, Map<string, boolean>>();

  /** Every stop word of every language with data, to the languages it belongs to. */
  get stopWordIndex(): Map<string, string[]> {
    if (this.stopWordLanguages) return this.stopWordLanguages;
    const index = new Map<string, string[]>();
    for (const [code, lex] of this.lexicons) {
      for (const w of lex.stopWords) {
        const list = index.get(w);
        if (list) list.push(code);
        else index.set(w, [code]);
      }
    }
    return (this.stopWordLanguages = index);
  }

  private stopWordLanguages?: Map<string, string[]>;

  /** As stopWordIndex, with languages as positions in dataCodes: counted in a typed array. */
  get stopWordIds(): Map<string, number[]> {
    if (this.stopWordPositions) return this.stopWordPositions;
    const position = new Map(this.dataCodes.map((c, k) => [c, k]));
    const ids = new Map<string, number[]>();
    for (const [w, codes] of this.stopWordIndex) {
      const list: number[] = [];
      for (let k = 0; k < codes.length; k++) list.push(position.get(codes[k])!);
      ids.set(w, list);
    }
    return (this.stopWordPositions = ids);
  }

  private stopWordPositions?: Map<string, number[]>;

  /**
   * A table derived from the configured languages alone (the letters each language's model lacks, for
   * one script), built on first use and kept with the registry: every document of a configuration
   * shares it.
   */
  derived<T>(key: string, build: () => T): T {
    if (this.derivedTables.has(key)) return this.derivedTables.get(key) as T;
    const value = build();
    this.derivedTables.set(key, value);
    return value;
  }

  private readonly derivedTables = new Map<string, unknown>();
}
