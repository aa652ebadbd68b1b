/**
 * Evidence about which language a stretch of text is in, cheapest first: the script its letters are
 * written in, stop words from the language data, and franc's scores (through the registry, which
 * keeps to the configured languages), with the letters of franc's models to overrule franc on a few
 * words. A document's LanguageProfile gathers what it is written in.
 */
import { scriptOf } from '../scripts';
import { FRANC_MAX_LENGTH, topScript, trigramModels } from './franc';
import type { LanguageRegistry } from './registry';
import { francCodes } from '../../languages/index';

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

/** franc's languages of a script that we name (ISO 639-3 -> 639-1), when it has several; else undefined. */
function scriptLanguages(script: string): Array<[string, string]> | undefined {
  if (languagesOfScript.has(script)) return languagesOfScript.get(script);
  const iso1Of = new Map(Object.entries(francCodes).map(([iso1, iso3]) => [iso3, iso1]));
  const models = trigramModels(script);
  const codes = models ? Object.keys(models).filter((c) => iso1Of.has(c)) : [];
  const pairs = codes.length < 2 ? undefined : codes.map((c): [string, string] => [c, iso1Of.get(c)!]);
  languagesOfScript.set(script, pairs);
  return pairs;
}

/** Tables of franc's constant models, by script, made on first use: */
const languagesOfScript = new Map<string, Array<[string, string]> | undefined>();
/** the letters each language's trigrams use (ISO 639-1 keys), for scripts with several languages. */
const letterSets = new Map<string, Map<string, Set<string>> | undefined>();

function modelLetters(script: string): Map<string, Set<string>> | undefined {
  if (letterSets.has(script)) return letterSets.get(script);
  const codes = scriptLanguages(script);
  const models = trigramModels(script);
  const byLanguage = codes && models && new Map(codes.map(([iso3, iso1]) => [iso1, new Set(models[iso3].replace(MODEL_SEPARATORS, ''))]));
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

function buildLetterExclusions(script: ScriptFamily, own: ReadonlySet<string>): LetterExclusions | null {
  const model = modelLetters(script);
  if (!model) return null;
  const theirs = [...own].map((code) => model.get(code)).filter((l): l is Set<string> => l !== undefined);
  const candidates = [...model.keys()].filter((code) => !own.has(code));
  const lacking = new Map<number, number[]>();
  for (const letters of theirs) {
    for (const ch of letters) {
      // As lettersForeignTo: ASCII and non-letters never count; one code unit each.
      if (ch.length !== 1 || ch.charCodeAt(0) < 0x80 || !LETTER.test(ch) || lacking.has(ch.charCodeAt(0))) continue;
      lacking.set(ch.charCodeAt(0), candidates.flatMap((code, k) => (model.get(code)!.has(ch) ? [] : [k])));
    }
  }
  return { candidates, lacking };
}

/** Lower case of each code unit, filled on first sight: -2 where it is not one code unit (İ). */
const lowerUnit = new Int32Array(65536).fill(-1);
/** Scratch counts per candidate language, reused between calls. */
let letterCounts = new Int32Array(64);

// --- the document's own languages --------------------------------------------------------------

/** Enough text to place a document among franc's languages; a shorter sample is cheaper. */
const DOCUMENT_SAMPLE = 1024;

/** What a profile reads of its document. */
export interface ProfiledDocument {
  readonly text: string;
  readonly language: string;
  readonly languages: LanguageRegistry;
  readonly paragraphs: ReadonlyArray<{ readonly start: number; readonly end: number; readonly text: string }>;
}

/**
 * What a document as a whole is written in: its script, its own languages and those it may
 * legitimately be in. The script is read at once; the languages only when asked.
 */
export class LanguageProfile {
  /** The dominant script family of the body. */
  readonly script: ScriptFamily;
  private ownLanguages?: Set<string>;
  private acceptedLanguages?: Set<string>;
  private exclusions?: LetterExclusions | null;

  constructor(
    private readonly doc: ProfiledDocument,
    /** franc's scores for the document's sample, possibly kept from an earlier version of the document. */
    private readonly scoreSample: (sample: string) => Array<[string, number]>,
  ) {
    const first = doc.paragraphs[0]?.start ?? 0;
    const last = doc.paragraphs[doc.paragraphs.length - 1]?.end ?? 0;
    this.script = dominantScript(doc.text, first, Math.min(last, first + 4 * DOCUMENT_SAMPLE)).family;
  }

  /** The document's detected language and its relatives: known without asking franc. */
  get own(): Set<string> {
    if (this.ownLanguages) return this.ownLanguages;
    const { language, languages } = this.doc;
    const own = new Set<string>();
    if (language !== 'und') {
      own.add(language);
      for (const code of Object.keys(francCodes)) if (languages.areRelatives(language, code)) own.add(code);
      for (const code of languages.lexicons.keys()) if (languages.areRelatives(language, code)) own.add(code);
    }
    return (this.ownLanguages = own);
  }

  /**
   * Languages the document may legitimately be in: its own, franc's first choice for the whole text and
   * its relatives (the engine may have settled on a relative with a data file: Bulgarian text read as
   * Russian data). Only the first choice: related languages score close on any text, a foreign sentence
   * in a short document pulls its own language up the ranking, and each language accepted is one never
   * reported.
   */
  get accepted(): Set<string> {
    if (this.acceptedLanguages) return this.acceptedLanguages;
    const { language, languages, paragraphs } = this.doc;
    const accepted = new Set<string>();
    if (language !== 'und') accepted.add(language);
    let sample = '';
    for (const p of paragraphs) {
      if (sample.length >= DOCUMENT_SAMPLE) break;
      sample += `${p.text}\n`;
    }
    const scores = this.scoreSample(sample.slice(0, DOCUMENT_SAMPLE));
    if (scores.length) accepted.add(scores[0][0]);
    for (const code of [...accepted]) {
      for (const other of scores) if (languages.areRelatives(code, other[0])) accepted.add(other[0]);
      for (const other of languages.lexicons.keys()) if (languages.areRelatives(code, other)) accepted.add(other);
    }
    return (this.acceptedLanguages = accepted);
  }

  /** A string that is the same exactly when the script and the accepted languages are (the own ones follow from the language). */
  get cacheKey(): string {
    return `${this.script}\u0000${[...this.accepted].sort().join(',')}`;
  }

  /** Whether franc holds several languages for the document's script (else the script alone names the language). */
  get scriptHasModels(): boolean {
    return hasTrigramModel(this.script);
  }

  /** Letters of `text` that the document's own languages write and `language` never does (see lettersForeignTo). */
  lettersForeignTo(text: string, language: string): number {
    return lettersForeignTo(text, language, this.script, this.own);
  }

  /** Per position of the registry's dataCodes: 1 for a language outside the document's own. */
  get outsideOwn(): Uint8Array {
    if (this.outside) return this.outside;
    // A plain loop: Uint8Array.from with a mapping function takes a slow generic path (some 30 µs a document).
    const codes = this.doc.languages.dataCodes;
    const outside = new Uint8Array(codes.length);
    for (let k = 0; k < codes.length; k++) outside[k] = this.own.has(codes[k]) ? 0 : 1;
    return (this.outside = outside);
  }

  private outside?: Uint8Array;

  /** franc's scores for a text of the document (see scoreLanguages), computed once per document and text. */
  scores(text: string, short = false): Array<[string, number]> {
    const cache = short ? (this.shortScores ??= new Map()) : (this.longScores ??= new Map());
    let scores = cache.get(text);
    if (!scores) cache.set(text, (scores = scoreLanguages(this.doc.languages, text, short)));
    return scores;
  }

  private shortScores?: Map<string, Array<[string, number]>>;
  private longScores?: Map<string, Array<[string, number]>>;

  /**
   * True when franc's verdict on text[start, end) cannot be a foreign language that `accept` allows:
   * whatever language it ranks first, either it is one of the document's own or the stretch holds at
   * least `min` letters the document's languages write and that one never does, and a verdict is turned
   * down for such letters (lettersForeignTo). Lets a clean sentence in Czech or Turkish skip franc.
   */
  lettersRuleOutForeign(text: string, start: number, end: number, min: number, accept?: (code: string) => boolean): boolean {
    const ex = this.letterExclusions();
    if (!ex || ex.lacking.size === 0) return false;
    const n = ex.candidates.length;
    if (letterCounts.length < n) letterCounts = new Int32Array(n);
    letterCounts.fill(0, 0, n);
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
    return topScript(text.slice(start, Math.min(end, start + FRANC_MAX_LENGTH)))[0] === this.script;
  }

  /** The same for every document with the same script and own languages (all Danish documents): built once per configuration. */
  private letterExclusions(): LetterExclusions | null {
    if (this.exclusions !== undefined) return this.exclusions;
    const own = this.own;
    const key = `letter-exclusions\u0000${this.script}\u0000${[...own].sort().join(',')}`;
    return (this.exclusions = this.doc.languages.derived(key, () => buildLetterExclusions(this.script, own)));
  }
}
