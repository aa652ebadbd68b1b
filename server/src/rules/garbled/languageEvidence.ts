/**
 * Evidence about which language a stretch of text is in, cheapest first: the script its letters are
 * written in, stop words from the language data, and franc's scores (through the registry, which
 * keeps to the configured languages), with the letters of franc's models to overrule franc on a few
 * words.
 */
import { data as francTrigrams } from 'franc/data.js';
import type { SeedDocument } from '../../engine/document';
import { FRANC_MAX_LENGTH, topScript } from '../../engine/franc';
import type { LanguageRegistry } from '../../engine/language';
import { scriptOf } from '../../engine/scripts';
import { francCodes } from '../../languages/index';
import languageGroups from './language-groups.json';

/** A script, with Chinese characters and kana counted as one family (Japanese mixes them). */
export type ScriptFamily = string;

export function scriptFamilyOf(cp: number): ScriptFamily {
  const s = scriptOf(cp);
  return s === 'Han' || s === 'Kana' ? 'CJK' : s;
}

/** Whether letters of script family `other` are at home in a document written in `main`. */
export function scriptsCompatible(main: ScriptFamily, other: ScriptFamily): boolean {
  if (main === other) return true;
  // Korean writes Sino-Korean words in Chinese characters.
  if (main === 'Hangul' && other === 'CJK') return true;
  return false;
}

export interface ScriptProfile {
  family: ScriptFamily;
  letters: number;
  /** Share of letters in the dominant family. */
  share: number;
}

/** The dominant script family of the letters in text[start, end). */
export function dominantScript(text: string, start = 0, end = text.length): ScriptProfile {
  // Latin is counted apart: it is most letters of most documents, and a Map update per letter is slow.
  let latin = 0;
  let counts: Map<ScriptFamily, number> | undefined;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) latin++;
      continue;
    }
    // Latin-1 punctuation and symbols (« » × ·) count as no script; further up, scriptOf's ranges
    // hold few non-letters, and those few do not change which script dominates.
    if (c < 0xc0 || c === 0xd7 || c === 0xf7) {
      if (c === 0xaa || c === 0xb5 || c === 0xba) latin++;
      continue;
    }
    if (c < 0x250) {
      latin++;
      continue;
    }
    let cp = c;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < end) {
      cp = text.codePointAt(i)!;
      i++;
    }
    const f = scriptFamilyOf(cp);
    if (f === 'Other') continue;
    counts ??= new Map();
    counts.set(f, (counts.get(f) ?? 0) + 1);
  }
  let family: ScriptFamily = latin > 0 ? 'Latin' : 'Other';
  let best = latin;
  let letters = latin;
  for (const [f, n] of counts ?? []) {
    letters += n;
    if (n > best) {
      family = f;
      best = n;
    }
  }
  return { family, letters, share: letters ? best / letters : 0 };
}

// --- franc's models ------------------------------------------------------------------------------

/** franc's model strings: trigrams separated by "|", word boundaries as spaces. */
const MODEL_SEPARATORS = /[| ]/g;

/** Per script with several languages in franc: the letters each language's trigrams use (ISO 639-1 keys), built on first use of the script. */
const letterSets = new Map<string, Map<string, Set<string>> | undefined>();
let iso1Of: Map<string, string> | undefined;

/** franc's languages of a script that we name (ISO 639-3 -> 639-1), when it has several; else undefined. */
function scriptLanguages(script: string): Array<[string, string]> | undefined {
  if (languagesOfScript.has(script)) return languagesOfScript.get(script);
  iso1Of ??= new Map(Object.entries(francCodes).map(([iso1, iso3]) => [iso3, iso1]));
  const languages = (francTrigrams as Record<string, Record<string, string>>)[script];
  const codes = languages ? Object.keys(languages).filter((c) => iso1Of!.has(c)) : [];
  const pairs = codes.length < 2 ? undefined : codes.map((c): [string, string] => [c, iso1Of!.get(c)!]);
  languagesOfScript.set(script, pairs);
  return pairs;
}

const languagesOfScript = new Map<string, Array<[string, string]> | undefined>();

function modelLetters(script: string): Map<string, Set<string>> | undefined {
  if (letterSets.has(script)) return letterSets.get(script);
  const codes = scriptLanguages(script);
  const byLanguage = codes && new Map(codes.map(([iso3, iso1]) => [iso1, new Set(francTrigrams[script][iso3].replace(MODEL_SEPARATORS, ''))]));
  letterSets.set(script, byLanguage);
  return byLanguage;
}

/** Whether franc holds several languages for this script (else the script alone names the language). */
export function hasTrigramModel(family: ScriptFamily): boolean {
  return scriptLanguages(family) !== undefined;
}

/** franc's minimum text length, and the one for a heading or a few words. */
const FRANC_MIN_LENGTH = 20;
const FRANC_MIN_SHORT = 10;

/**
 * franc's scores for `text` over the configured languages (1 for the best, lower for the rest), as
 * `LanguageRegistry.identifyAll` gives them. `short` lowers franc's minimum length for headings and
 * passages of a few words.
 */
export function scoreLanguages(registry: LanguageRegistry, text: string, short = false): Array<[string, number]> {
  return registry.identifyAll(text, short ? FRANC_MIN_SHORT : FRANC_MIN_LENGTH);
}

const LETTER = /\p{L}/u;

/**
 * How many letters of `text` occur in the models of the `reference` languages (the document's own)
 * but never in `language`'s: "ë" speaks for Albanian against Catalan. franc, on a few words, can rank
 * first a language that could not have written them. A model holds the 300 commonest trigrams, not
 * a whole alphabet, so a letter missing from both says nothing.
 */
export function lettersForeignTo(text: string, language: string, family: ScriptFamily, reference: Iterable<string>): number {
  const model = modelLetters(family);
  const own = model?.get(language);
  if (!model || !own) return 0;
  const theirs = [...reference].map((code) => model.get(code)).filter((l): l is Set<string> => l !== undefined);
  let n = 0;
  for (const ch of text.toLowerCase()) {
    if (ch.charCodeAt(0) < 0x80 || own.has(ch) || !LETTER.test(ch)) continue;
    if (theirs.some((letters) => letters.has(ch))) n++;
  }
  return n;
}

/**
 * The document's letters that each possible foreign language lacks: what lettersForeignTo counts,
 * arranged so that one pass over a stretch of text answers for every candidate language at once.
 */
interface LetterExclusions {
  /** Languages of the script's models outside the document's own: the possible foreign verdicts. */
  candidates: string[];
  /** Lower-case code unit of a letter the document's languages write -> candidates (indexes) whose model lacks it. */
  lacking: Map<number, number[]>;
}

const exclusions = new WeakMap<DocumentLanguages, LetterExclusions | null>();
/** The same for every document with the same script and own languages (all Danish documents): built once. */
const exclusionsByLanguages = new Map<string, LetterExclusions | null>();

function letterExclusions(profile: DocumentLanguages): LetterExclusions | null {
  let ex = exclusions.get(profile);
  if (ex !== undefined) return ex;
  const key = `${profile.script}|${[...profile.own].sort().join(',')}`;
  ex = exclusionsByLanguages.get(key);
  if (ex === undefined) exclusionsByLanguages.set(key, (ex = buildLetterExclusions(profile)));
  exclusions.set(profile, ex);
  return ex;
}

function buildLetterExclusions(profile: DocumentLanguages): LetterExclusions | null {
  let ex: LetterExclusions | null = null;
  const model = modelLetters(profile.script);
  if (model) {
    const theirs = [...profile.own].map((code) => model.get(code)).filter((l): l is Set<string> => l !== undefined);
    const candidates = [...model.keys()].filter((code) => !profile.own.has(code));
    const lacking = new Map<number, number[]>();
    for (const letters of theirs) {
      for (const ch of letters) {
        // As lettersForeignTo: ASCII and non-letters never count; one code unit each.
        if (ch.length !== 1 || ch.charCodeAt(0) < 0x80 || !LETTER.test(ch) || lacking.has(ch.charCodeAt(0))) continue;
        lacking.set(ch.charCodeAt(0), candidates.flatMap((code, k) => (model.get(code)!.has(ch) ? [] : [k])));
      }
    }
    ex = { candidates, lacking };
  }
  return ex;
}

const lowerUnit = new Int32Array(65536).fill(-1);
let letterCounts = new Int32Array(64);

/**
 * True when franc's verdict on doc.text[start, end) cannot be a foreign language that `accept` allows:
 * whatever language it ranks first, either it is one of the document's own or the stretch holds at
 * least `min` letters the document's languages write and that one never does, and foreignLanguage
 * turns it down (lettersForeignTo). Lets a clean sentence in Czech or Turkish skip franc on its letters.
 */
export function lettersRuleOutForeign(doc: SeedDocument, profile: DocumentLanguages, start: number, end: number, min: number, accept?: (code: string) => boolean): boolean {
  const ex = letterExclusions(profile);
  if (!ex || ex.lacking.size === 0) return false;
  const n = ex.candidates.length;
  if (letterCounts.length < n) letterCounts = new Int32Array(n);
  letterCounts.fill(0, 0, n);
  const text = doc.text;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    // Capital sigma lower-cases by context (σ or ς): leave it to lettersForeignTo.
    if (c === 0x3a3) return false;
    let lower = lowerUnit[c];
    if (lower === -1) {
      const l = String.fromCharCode(c).toLowerCase();
      // A letter whose lower case is not one code unit (İ): the count cannot be told unit by unit.
      lowerUnit[c] = lower = l.length === 1 ? l.charCodeAt(0) : -2;
    }
    if (lower === -2) return false;
    const list = ex.lacking.get(lower);
    if (list) for (const k of list) letterCounts[k]++;
  }
  for (let k = 0; k < n; k++) if (letterCounts[k] < min && (!accept || accept(ex.candidates[k]))) return false;
  // franc scores a text with the models of its commonest script: only the document's script's models
  // are ruled on here (Devanagari in a Danish sentence may make franc answer Hindi).
  return topScript(text.slice(start, Math.min(end, start + FRANC_MAX_LENGTH)))[0] === profile.script;
}

// --- relatives and stop words ------------------------------------------------------------------

const GROUPS: string[][] = languageGroups.groups;

/** Languages franc cannot tell apart on a sentence: the data files' closeRelatives plus our groups. */
export function areRelatives(registry: LanguageRegistry, a: string, b: string): boolean {
  if (a === b) return true;
  // Asked for every score of many sentences: answered once per pair of codes.
  let answers = relativesOf.get(registry);
  if (!answers) relativesOf.set(registry, (answers = new Map()));
  let ofA = answers.get(a);
  if (!ofA) answers.set(a, (ofA = new Map()));
  let answer = ofA.get(b);
  if (answer === undefined) ofA.set(b, (answer = registry.areRelatives(a, b) || GROUPS.some((g) => g.includes(a) && g.includes(b))));
  return answer;
}

const relativesOf = new WeakMap<LanguageRegistry, Map<string, Map<string, boolean>>>();

const stopWordIndexes = new WeakMap<LanguageRegistry, Map<string, string[]>>();

/** Every stop word of every language with data, to the languages it belongs to. */
export function stopWordIndex(registry: LanguageRegistry): Map<string, string[]> {
  let index = stopWordIndexes.get(registry);
  if (!index) {
    index = new Map();
    for (const [code, lex] of registry.lexicons) {
      for (const w of lex.stopWords) {
        const list = index.get(w);
        if (list) list.push(code);
        else index.set(w, [code]);
      }
    }
    stopWordIndexes.set(registry, index);
  }
  return index;
}

const stopWordIdIndexes = new WeakMap<LanguageRegistry, Map<string, number[]>>();

/** As stopWordIndex, with languages as positions in registry.dataCodes: counted in a typed array. */
export function stopWordIds(registry: LanguageRegistry): Map<string, number[]> {
  let ids = stopWordIdIndexes.get(registry);
  if (!ids) {
    const position = new Map(registry.dataCodes.map((c, k) => [c, k]));
    ids = new Map();
    for (const [w, codes] of stopWordIndex(registry)) {
      const list: number[] = [];
      for (let k = 0; k < codes.length; k++) list.push(position.get(codes[k])!);
      ids.set(w, list);
    }
    stopWordIdIndexes.set(registry, ids);
  }
  return ids;
}

// --- the document's own languages --------------------------------------------------------------

export interface DocumentLanguages {
  /** The dominant script family of the body. */
  script: ScriptFamily;
  /** The document's detected language and its relatives: known without asking franc. */
  readonly own: Set<string>;
  /** Languages the document may legitimately be in: its own, franc's best guesses on the whole text, their relatives. */
  readonly accepted: Set<string>;
}

const profiles = new WeakMap<SeedDocument, DocumentLanguages>();
/** Enough text to place a document among franc's languages; a shorter sample is cheaper. */
const DOCUMENT_SAMPLE = 1024;

function ownLanguages(doc: SeedDocument): Set<string> {
  const own = new Set<string>();
  if (doc.language === 'und') return own;
  own.add(doc.language);
  for (const code of Object.keys(francCodes)) if (areRelatives(doc.languages, doc.language, code)) own.add(code);
  for (const code of doc.languages.lexicons.keys()) if (areRelatives(doc.languages, doc.language, code)) own.add(code);
  return own;
}

/**
 * The document's own languages plus franc's first choice for the whole text and its relatives: the
 * engine may have settled on a relative with a data file (Bulgarian text read as Russian data).
 * Only the first choice: related languages score close on any text, a foreign sentence in a short
 * document pulls its own language up the ranking, and each language accepted is one never reported.
 */
function acceptedLanguages(doc: SeedDocument): Set<string> {
  const accepted = new Set<string>();
  if (doc.language !== 'und') accepted.add(doc.language);
  let sample = '';
  for (const p of doc.paragraphs) {
    if (sample.length >= DOCUMENT_SAMPLE) break;
    sample += `${p.text}\n`;
  }
  const scores = doc.textMemo('garbled/document-sample', sample.slice(0, DOCUMENT_SAMPLE), () => scoreLanguages(doc.languages, sample.slice(0, DOCUMENT_SAMPLE)));
  if (scores.length) accepted.add(scores[0][0]);
  for (const code of [...accepted]) {
    for (const other of scores) if (areRelatives(doc.languages, code, other[0])) accepted.add(other[0]);
    for (const other of doc.languages.lexicons.keys()) if (areRelatives(doc.languages, code, other)) accepted.add(other);
  }
  return accepted;
}

/** What the document as a whole is written in; computed once per document, the languages only when asked. */
export function documentLanguages(doc: SeedDocument): DocumentLanguages {
  let profile = profiles.get(doc);
  if (profile) return profile;
  const first = doc.paragraphs[0]?.start ?? 0;
  const last = doc.paragraphs[doc.paragraphs.length - 1]?.end ?? 0;
  const script = dominantScript(doc.text, first, Math.min(last, first + 4 * DOCUMENT_SAMPLE)).family;
  let own: Set<string> | undefined;
  let accepted: Set<string> | undefined;
  profile = {
    script,
    get own() {
      return (own ??= ownLanguages(doc));
    },
    get accepted() {
      return (accepted ??= acceptedLanguages(doc));
    },
  };
  profiles.set(doc, profile);
  return profile;
}
