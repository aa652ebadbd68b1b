import type { SeedDocument } from '../../engine/document';
import { defineParagraphAnalysis, defineRule, type ParagraphText, type TextSpan, type UnitScope } from '../../engine/rule';
import { isSpaceUnit, splitWords, startsWithCapital, type Word } from '../../engine/words';
import {
  dominantScript,
  scriptFamilyOf,
  scriptsCompatible,
  type LanguageProfile,
  type LanguageRegistry,
  type Lexicon,
  type ScriptFamily,
} from '../../engine/language/index';
import { isBoilerplateLine, isTableLine } from './shared/line-kinds';
import docs from './wrong-language.md';

interface Options {
  minSentenceLength: number;
  margin: number;
  spanMargin: number;
  spliceLanguages: string[];
}

/**
 * A sentence's stop words settle that it is in the document's language when they are three and a
 * quarter of its words, with no unrelated language as many: clean prose runs at 35-50 %, and Czech or
 * Turkish, with few function words, near 25-30 %.
 */
const STOP_WORD_SHARE = 0.25;
const MIN_OWN_STOP_WORDS = 3;
/** Fewest letters for a sentence's own script to count as evidence. */
const MIN_SCRIPT_LETTERS = 12;
/** Fewest words and characters in a passage judged inside a sentence. */
const MIN_SPAN_WORDS = 3;
const MIN_SPAN_CHARS = 15;
/** franc needs this much text to say anything about a short passage. */
const FRANC_MIN_SHORT = 10;
/** A sentence in another language may still name a person or place with letters that language lacks. */
const MAX_FOREIGN_LETTERS_IN_SENTENCE = 1;
/** Another language's stop words a passage must hold to be judged on their strength. */
const MIN_FOREIGN_STOP_WORDS = 2;
/** Sentences this long take part in judging how well franc places the document. */
const CONSISTENCY_MIN_LENGTH = 60;
/** Share of a document's sentences franc must place in the document's own languages for its verdicts to count as usual. */
const CONSISTENT = 0.7;
/** Extra margin a sentence needs in a document franc cannot place (a language it has no model of: Icelandic, Estonian here). */
const INCONSISTENT_MARGIN = 0.2;
/** Share of capitalised content words above which a passage is names and titles, not prose. */
const NAMES_SHARE = 1 / 2;
const SENTENCE_NAMES_SHARE = 2 / 3;
const MOSTLY_NAMES_SHARE = 0.85;
/** Scripts with capital letters, where a run of capitalised words is a name. */
const CASED_SCRIPTS = new Set<ScriptFamily>(['Latin', 'Cyrillic', 'Greek', 'Armenian', 'Georgian']);
/** Latin words in a row, in a document of another script, that make a clause rather than a name or a brand. */
const MIN_LATIN_RUN_WORDS = 5;
/** Words of an uncased script needed to tell a phrase from a name (Arabic names run to three words). */
const MIN_UNCASED_SCRIPT_WORDS = 4;
/** Words in a lower-case passage judged as a possible untranslated splice. */
const MIN_SPLICE_WORDS = 4;
/** How far franc must put a splice's language ahead of every language unrelated to it. */
const SPLICE_LEAD = 0.1;
/** Any character beyond Latin letters and common punctuation: a sentence without one is Latin script through and through. */
const BEYOND_LATIN = /[^\u0000-\u024f\u1e00-\u1eff\u2000-\u206f\u20a0-\u20cf]/;
const LATIN_ONLY = { family: 'Latin', letters: Infinity, share: 1 };
const OPENING_QUOTES = '"“„«»‹›\'‘‚';
const CLOSING_QUOTES = '"”“»«›‹\'’';

interface Verdict {
  language: string;
  script?: ScriptFamily;
  /** Franc's margin was narrow: the verdict stands only where franc places the document's own sentences consistently. */
  uncertain?: boolean;
}

/** What judging one paragraph reads: its text and words, the document's languages, and its own scratch state. */
interface Judge {
  text: string;
  unit: ParagraphText;
  language: string;
  lexicon?: Lexicon;
  languages: LanguageRegistry;
  profile: LanguageProfile;
  /** Per list of words, the languages each word is a stop word of: several tests ask it of the same words. */
  lists: Map<readonly Word[], StopWordLists>;
  /** Scratch counts per language position. */
  counts?: Int32Array;
}

function judge(unit: ParagraphText, scope: UnitScope, profile: LanguageProfile): Judge {
  return { text: unit.text, unit, language: scope.language, lexicon: scope.lexicon, languages: scope.languages, profile, lists: new Map() };
}

/** How many words are stop words of each language with data. */
function stopWordCounts(ctx: Judge, words: readonly Word[]): Map<string, number> {
  const index = ctx.languages.stopWordIndex;
  const counts = new Map<string, number>();
  for (const w of words) {
    const codes = index.get(w.lower);
    if (codes) for (const code of codes) counts.set(code, (counts.get(code) ?? 0) + 1);
  }
  return counts;
}

/**
 * Per word of a sentence, the languages it is a stop word of (positions in registry.dataCodes), or
 * undefined: looked up once per list of words, then read by every test below, which ask it of the
 * same words several times (the document's share, other languages' counts, names, runs).
 */
type StopWordLists = ReadonlyArray<readonly number[] | undefined>;
function stopWordLists(ctx: Judge, words: readonly Word[]): StopWordLists {
  let lists = ctx.lists.get(words);
  if (!lists) {
    const ids = ctx.languages.stopWordIds;
    const found: Array<readonly number[] | undefined> = new Array(words.length);
    for (let i = 0; i < words.length; i++) found[i] = ids.get(words[i].lower);
    ctx.lists.set(words, (lists = found));
  }
  return lists;
}

/** Whether word `i` of `lists` is a stop word of the language at `position`. */
function isStopWordOf(lists: StopWordLists, i: number, position: number): boolean {
  const list = lists[i];
  return list !== undefined && list.includes(position);
}

/**
 * Whether a language outside the document's own has `threshold` (1 or more) stop words among words
 * [from, to) of `lists`. Without `found`, the first such language settles it; with it, every one is
 * added to `found`.
 */
function foreignStopWordsReach(ctx: Judge, lists: StopWordLists, from: number, to: number, threshold: number, found?: string[]): boolean {
  const foreign = ctx.profile.outsideOwn;
  const counts = (ctx.counts ??= new Int32Array(foreign.length));
  counts.fill(0);
  for (let i = from; i < to; i++) {
    const list = lists[i];
    if (!list) continue;
    for (let k = 0; k < list.length; k++) {
      const code = list[k];
      if (foreign[code] === 0 || ++counts[code] !== threshold) continue;
      if (!found) return true;
      found.push(ctx.languages.dataCodes[code]);
    }
  }
  return found !== undefined && found.length > 0;
}

/** Whether the stop words alone settle that the words are in the document's language (or a relative). */
function stopWordsAgree(ctx: Judge, words: readonly Word[]): boolean {
  if (!ctx.lexicon || words.length === 0) return false;
  const lists = stopWordLists(ctx, words);
  const position = ctx.languages.dataCodes.indexOf(ctx.language);
  let own = 0;
  for (let i = 0; i < lists.length; i++) if (isStopWordOf(lists, i, position)) own++;
  if (own < MIN_OWN_STOP_WORDS || own < STOP_WORD_SHARE * words.length) return false;
  return !foreignStopWordsReach(ctx, lists, 0, lists.length, own);
}

/** The best score franc gives any of `languages`, or 0. */
function bestOf(scores: Array<[string, number]>, languages: ReadonlySet<string>): number {
  for (const [code, score] of scores) if (languages.has(code)) return score;
  return 0;
}

/** Of a paragraph's sentences of judging length, how many there are and how many are plainly in the document's own languages. */
const paragraphConsistency = defineParagraphAnalysis('garbled/wrong-language/consistency', (p, scope, profile: LanguageProfile): { judged: number; own: number } => {
  const ctx = judge(p, scope, profile);
  let judged = 0;
  let own = 0;
  for (const s of p.sentences) {
    if (s.text.length < CONSISTENCY_MIN_LENGTH) continue;
    judged++;
    if (plainlyOwn(ctx, s)) own++;
  }
  return { judged, own };
});

/** Whether a sentence is plainly in the document's own languages: its stop words or letters say so, or franc ranks one of them first. */
function plainlyOwn(ctx: Judge, s: TextSpan): boolean {
  const { profile } = ctx;
  if (stopWordsAgree(ctx, ctx.unit.words(s)) || profile.lettersRuleOutForeign(ctx.text, s.start, s.end, MAX_FOREIGN_LETTERS_IN_SENTENCE + 1)) return true;
  const top = profile.scores(s.text)[0]?.[0];
  return top !== undefined && (profile.own.has(top) || profile.accepted.has(top));
}

/**
 * The share of the document's sentences (of judging length) that are plainly in its own languages:
 * their stop words or letters say so, or franc ranks one of the document's own languages first. Near 1 for a
 * language franc models; far lower for one it does not, where franc names a different neighbour for
 * every sentence. Computed once per document (per paragraph, kept across edits), and only when a
 * verdict depends on it.
 */
function consistency(doc: SeedDocument, profile: LanguageProfile): number {
  let judged = 0;
  let own = 0;
  for (const p of doc.paragraphs) {
    const counts = doc.analyse(paragraphConsistency, p, profile);
    judged += counts.judged;
    own += counts.own;
  }
  return judged < 3 ? 1 : own / judged;
}

/**
 * franc's verdict on `text` over the configured languages, when it names a language outside the
 * document's that beats all of the document's by `margin` (and, given `lead`, every language unrelated
 * to it by that much); undefined otherwise.
 */
function foreignLanguage(ctx: Judge, text: string, margin: number, short: boolean, lead = 0): Verdict | undefined {
  const { profile } = ctx;
  const scores = profile.scores(text, short);
  if (!scores.length) return undefined;
  const [top] = scores[0];
  // Cheap tests first; the document's other languages need the whole document scored, so they come last.
  if (profile.own.has(top) || bestOf(scores, profile.own) >= 1 - margin) return undefined;
  // Sure of which language it is, not only that it is not the document's: ahead of every unrelated one.
  const runnerUp = scores.find(([code]) => !ctx.languages.areRelatives(code, top))?.[1] ?? 0;
  if (1 - runnerUp < lead) return undefined;
  // Letters the document's language writes and this one never does: one is enough against a few
  // words; a sentence may quote a name.
  if (profile.lettersForeignTo(text, top) > (short ? 0 : MAX_FOREIGN_LETTERS_IN_SENTENCE)) return undefined;
  if (profile.accepted.has(top) || [...profile.accepted].some((a) => ctx.languages.areRelatives(a, top))) return undefined;
  const best = bestOf(scores, profile.accepted);
  if (best >= 1 - margin) return undefined;
  // Where franc cannot place the document's own sentences, its verdict on this one needs more room;
  // finding out costs scoring them all, so only when that room decides, and once per document.
  return { language: top, uncertain: best >= 1 - margin - INCONSISTENT_MARGIN };
}

/**
 * Most content words (those that are no language's stop words) capitalised: names and titles of
 * works ("Kim Jong Un", "A Boy and His Dog", "Central Statistics Office"), which keep their own
 * language in any text. Words [from, to) of `words`, all by default.
 */
function looksLikeNames(ctx: Judge, words: readonly Word[], share = NAMES_SHARE, from = 0, to = words.length): boolean {
  const lists = stopWordLists(ctx, words);
  let content = 0;
  let capitalised = 0;
  for (let i = from; i < to; i++) {
    if (lists[i] !== undefined) continue;
    content++;
    if (startsWithCapital(ctx.text, words[i].start)) capitalised++;
  }
  return content > 0 && capitalised >= share * content;
}

/**
 * A sentence-length run of names ("Nils-Erik Davelid (fp) Margareta Karlberg (fp) Rolf Johnson"):
 * two thirds of its words capitalised and not one function word of any language, or nearly all of
 * them capitalised. German capitalises its nouns, so a share alone would take German prose for names.
 */
function isListOfNames(ctx: Judge, words: readonly Word[]): boolean {
  if (looksLikeNames(ctx, words, MOSTLY_NAMES_SHARE)) return true;
  return stopWordLists(ctx, words).every((list) => list === undefined) && looksLikeNames(ctx, words, SENTENCE_NAMES_SHARE);
}

/** Whether a sentence as a whole is in another script or language than the document. */
function judgeSentence(ctx: Judge, s: TextSpan, o: Options): Verdict | undefined {
  const { profile } = ctx;
  const script = profile.script === 'Latin' && !BEYOND_LATIN.test(s.text) ? LATIN_ONLY : dominantScript(ctx.text, s.start, s.end);
  if (script.letters >= MIN_SCRIPT_LETTERS && script.share >= 0.6 && script.family !== 'Other' && !scriptsCompatible(profile.script, script.family)) {
    // Latin in a document of another script is mostly names, titles and citations.
    if (script.family === 'Latin' && isListOfNames(ctx, ctx.unit.words(s).filter((w) => scriptFamilyOf(ctx.text.codePointAt(w.start)!) === 'Latin'))) return undefined;
    const language = profile.scores(s.text)[0]?.[0] ?? 'und';
    return { language, script: script.family };
  }
  if (s.text.length < o.minSentenceLength || !profile.scriptHasModels) return undefined;
  const words = ctx.unit.words(s);
  // A list of names reads as any language to franc.
  if (stopWordsAgree(ctx, words) || isListOfNames(ctx, words) || (profile.own.size === 0 && profile.accepted.size === 0)) return undefined;
  if (profile.lettersRuleOutForeign(ctx.text, s.start, s.end, MAX_FOREIGN_LETTERS_IN_SENTENCE + 1)) return undefined;
  const foreign = foreignLanguage(ctx, s.text, o.margin, false);
  if (!foreign) return undefined;
  // When both languages have stop word lists, the sentence must hold more of the other's.
  if (ctx.lexicon && ctx.languages.lexicon(foreign.language)) {
    const counts = stopWordCounts(ctx, words);
    if ((counts.get(ctx.language) ?? 0) >= (counts.get(foreign.language) ?? 0)) return undefined;
  }
  return foreign;
}

/** Whether offset range [start, end) of a paragraph sits inside quotation marks, white space aside (as trim sees it). */
function isQuoted(text: string, start: number, end: number): boolean {
  let before = start;
  while (before > 0 && isSpaceUnit(text.charCodeAt(before - 1))) before--;
  let after = end;
  while (after < text.length && isSpaceUnit(text.charCodeAt(after))) after++;
  // A side at the paragraph's edge needs no mark.
  return (before === 0 || OPENING_QUOTES.includes(text[before - 1])) && (after === text.length || CLOSING_QUOTES.includes(text[after]));
}

/** Whether [start, end) overlaps a span of `spans`. */
function overlapsAny(spans: readonly Span[], start: number, end: number): boolean {
  for (const s of spans) if (s.start < end && start < s.end) return true;
  return false;
}

interface Span {
  start: number;
  end: number;
  verdict: Verdict;
}

const NO_SPANS: readonly Span[] = Object.freeze([]);

/** A word's script, when all its letters agree on one (a formula's "δlj" has none). */
function wordScriptFamily(text: string, w: Word): ScriptFamily {
  const first = scriptFamilyOf(text.codePointAt(w.start)!);
  const last = scriptFamilyOf(text.charCodeAt(w.end - 1));
  return first === last ? first : 'Other';
}

/**
 * Passages too short for franc on their own merits, found by cheaper evidence first: words in another
 * script, or a run of words none of which is a stop word of the document's language (and either all in
 * lower case, so not a run of names, or holding another language's stop words). franc then has to
 * agree by a wide margin. Most sentences hold none and share one empty list.
 */
function findSpans(ctx: Judge, sentence: TextSpan, o: Options): readonly Span[] {
  const { profile } = ctx;
  const out: Span[] = [];
  const words = ctx.unit.words(sentence);
  if (words.length < 2) return NO_SPANS;

  // Words in a script the document does not use.
  let i = profile.script === 'Latin' && !BEYOND_LATIN.test(sentence.text) ? words.length : 0;
  while (i < words.length) {
    const family = wordScriptFamily(ctx.text, words[i]);
    if (scriptsCompatible(profile.script, family) || family === 'Other') {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < words.length && wordScriptFamily(ctx.text, words[j]) === family) j++;
    let letters = 0;
    for (let k = i; k < j; k++) letters += words[k].end - words[k].start;
    // A cased script shows names by their capitals; in an uncased one (Arabic, Hebrew, Devanagari)
    // only length tells a phrase from a name. Latin in another script's document is mostly names and
    // brands: it takes a clause of it.
    const cased = CASED_SCRIPTS.has(family);
    const minWords = family === 'Latin' ? MIN_LATIN_RUN_WORDS : cased ? 2 : MIN_UNCASED_SCRIPT_WORDS;
    if (j - i >= minWords && letters >= 6 && !(cased && looksLikeNames(ctx, words, NAMES_SHARE, i, j))) {
      const start = words[i].start;
      const end = words[j - 1].end;
      const text = ctx.text.slice(start, end);
      const language = profile.scores(text, true)[0]?.[0] ?? 'und';
      out.push({ start, end, verdict: { language, script: family } });
    }
    i = j;
  }

  // Runs of words none of which is a stop word of the document's language.
  if (!ctx.lexicon || !profile.scriptHasModels) return out.length === 0 ? NO_SPANS : out;
  const lists = stopWordLists(ctx, words);
  const own = ctx.languages.dataCodes.indexOf(ctx.language);
  i = 0;
  while (i < words.length) {
    if (isStopWordOf(lists, i, own)) {
      i++;
      continue;
    }
    let j = i;
    while (j < words.length && !isStopWordOf(lists, j, own)) j++;
    const from = i;
    i = j;
    if (j - from < MIN_SPAN_WORDS) continue;
    const start = words[from].start;
    const end = words[j - 1].end;
    if (end - start < MIN_SPAN_CHARS || overlapsAny(out, start, end)) continue;
    if (scriptFamilyOf(ctx.text.codePointAt(start)!) !== profile.script || isQuoted(ctx.text, start, end)) continue;
    // Evidence before franc: another language's stop words, or a lower-case run long enough to be a splice.
    // Most runs have neither: the languages are listed only once there is evidence.
    let splice = j - from >= MIN_SPLICE_WORDS;
    for (let k = from; splice && k < j; k++) splice = !startsWithCapital(ctx.text, words[k].start) || (k === from && words[k].start === sentence.start);
    let foreignStopWords = foreignStopWordsReach(ctx, lists, from, j, MIN_FOREIGN_STOP_WORDS);
    if (foreignStopWords && looksLikeNames(ctx, words, NAMES_SHARE, from, j)) foreignStopWords = false;
    if (!foreignStopWords && !splice) continue;
    const stopWordLanguages: string[] = [];
    if (foreignStopWords) foreignStopWordsReach(ctx, lists, from, j, MIN_FOREIGN_STOP_WORDS, stopWordLanguages);
    const candidates = splice ? [...stopWordLanguages, ...o.spliceLanguages] : stopWordLanguages;
    const isCandidate = (code: string) => candidates.some((c) => ctx.languages.areRelatives(c, code));
    // Letters no candidate language writes settle it without franc (a Czech "ř" is never English).
    if (profile.lettersRuleOutForeign(ctx.text, start, end, 1, isCandidate)) continue;
    const text = ctx.text.slice(start, end);
    // Stop words are evidence enough to trust franc's first choice; a bare splice needs franc to be sure of it.
    const verdict = foreignLanguage(ctx, text, o.spanMargin, true, stopWordLanguages.length ? 0 : SPLICE_LEAD);
    if (verdict && isCandidate(verdict.language)) out.push({ start, end, verdict });
  }
  return out.length === 0 ? NO_SPANS : out;
}

/** A short paragraph (a heading) in another language: none of the document's stop words, some of another's. */
function judgeHeading(ctx: Judge, o: Options): Verdict | undefined {
  const { profile, lexicon, text } = ctx;
  if (!lexicon || !profile.scriptHasModels || text.length < FRANC_MIN_SHORT) return undefined;
  const words = splitWords(text, 0);
  if (words.length < 2 || words.some((w) => lexicon.stopWords.has(w.lower))) return undefined;
  const counts = stopWordCounts(ctx, words);
  if (![...counts.keys()].some((c) => !profile.own.has(c))) return undefined;
  if (profile.lettersRuleOutForeign(text, 0, text.length, 1)) return undefined;
  return foreignLanguage(ctx, text, o.spanMargin, true);
}

interface ParagraphVerdicts {
  /** Per sentence: where it is, its verdict, and the passages judged inside it (offsets relative to the paragraph). */
  sentences: Array<{ start: number; end: number; verdict?: Verdict; spans: readonly Span[] }>;
  /** A one-sentence short paragraph judged as a heading. */
  heading?: Verdict;
}

/**
 * Everything the rule finds in one paragraph, before the document-wide test of uncertain verdicts:
 * depends on the paragraph's text and the document's languages only, so it is kept across edits.
 * Passages are judged inside every sentence whose verdict may not stand.
 */
const paragraphVerdicts = defineParagraphAnalysis('garbled/wrong-language', (p, scope, input: { profile: LanguageProfile; options: Options }): ParagraphVerdicts | undefined => {
  const o = input.options;
  if (isTableLine(p.text) || isBoilerplateLine(scope.languages, p.text)) return undefined;
  const ctx = judge(p, scope, input.profile);
  const sentences = p.sentences.map((s) => {
    const verdict = judgeSentence(ctx, s, o);
    return { start: s.start, end: s.end, verdict, spans: !verdict || verdict.uncertain ? findSpans(ctx, s, o) : NO_SPANS };
  });
  const first = sentences[0]?.verdict;
  const heading = p.sentences.length === 1 && p.text.length < o.minSentenceLength && (!first || first.uncertain) ? judgeHeading(ctx, o) : undefined;
  // Most paragraphs hold nothing to report: kept as such, they cost nothing on later lints.
  if (!heading && sentences.every((x) => !x.verdict && x.spans.length === 0)) return undefined;
  return { sentences, heading };
});

export default defineRule({
  meta: {
    id: 'garbled/wrong-language',
    category: 'garbled',
    defaultSeverity: 'warning',
    description: 'A sentence, heading or passage in another language or script than the rest of the document.',
    fixable: false,
    messages: {
      sentence: 'This reads as {language}, not {documentLanguage} like the rest of the document.',
      passage: 'This passage reads as {language} inside {documentLanguage} text: "{text}".',
      script: 'Text in {script} script in a document written in {documentScript} script: "{text}".',
    },
    defaultOptions: { minSentenceLength: 60, margin: 0.1, spanMargin: 0.3, spliceLanguages: ['en'] },
  },
  docs,
  check({ doc, report, options }) {
    const o: Options = {
      minSentenceLength: options.minSentenceLength as number,
      margin: options.margin as number,
      spanMargin: options.spanMargin as number,
      spliceLanguages: (options.spliceLanguages as unknown[]).map(String),
    };
    const profile = doc.languageProfile;
    if (profile.script === 'Other') return;
    const documentLanguage = doc.language === 'und' ? "the document's language" : doc.languages.nameOf(doc.language);
    const input = { profile, options: o };
    // A verdict on franc's narrow margin stands where franc places the document's own sentences well.
    let share: number | undefined;
    const stands = (v: Verdict | undefined): v is Verdict => v !== undefined && (!v.uncertain || (share ??= consistency(doc, profile)) >= CONSISTENT);
    for (const p of doc.paragraphs) {
      const found = doc.analyse(paragraphVerdicts, p, input);
      if (!found) continue;
      const verdicts = found.sentences.map((x) => (stands(x.verdict) ? x.verdict : undefined));
      // Whole sentences, consecutive ones in the same language together.
      for (let k = 0; k < verdicts.length; k++) {
        const v = verdicts[k];
        if (!v) continue;
        let last = k;
        while (last + 1 < verdicts.length && verdicts[last + 1]?.language === v.language && verdicts[last + 1]?.script === v.script) last++;
        const start = p.start + found.sentences[k].start;
        const end = p.start + found.sentences[last].end;
        const text = doc.text.slice(start, end);
        report(
          v.script
            ? { messageId: 'script', data: { script: v.script, documentScript: profile.script, text: text.length > 50 ? `${text.slice(0, 47)}...` : text }, start, end }
            : { messageId: 'sentence', data: { language: doc.languages.nameOf(v.language), documentLanguage }, start, end },
        );
        k = last;
      }
      // A short paragraph that is one unpunctuated heading.
      if (!verdicts[0] && stands(found.heading)) {
        report({ messageId: 'sentence', data: { language: doc.languages.nameOf(found.heading.language), documentLanguage }, start: p.start, end: p.end });
        continue;
      }
      // Passages inside the sentences that passed as a whole.
      for (const [k, x] of found.sentences.entries()) {
        if (verdicts[k]) continue;
        for (const span of x.spans) {
          if (!stands(span.verdict)) continue;
          const start = p.start + span.start;
          const end = p.start + span.end;
          const text = doc.text.slice(start, end);
          const shown = text.length > 50 ? `${text.slice(0, 47)}...` : text;
          report(
            span.verdict.script
              ? { messageId: 'script', data: { script: span.verdict.script, documentScript: profile.script, text: shown }, start, end }
              : { messageId: 'passage', data: { language: doc.languages.nameOf(span.verdict.language), documentLanguage, text: shown }, start, end },
          );
        }
      }
    }
  },
});
