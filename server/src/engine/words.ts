/** Word-level helpers shared by the document model and the lexicons. */
import { scriptOf, type Script } from './scripts';

/** A run of letters and marks, with internal apostrophes, hyphens and periods kept inside a word. */
export const WORD_RE = /[\p{L}\p{M}]+(?:['’\-.][\p{L}\p{M}]+)*/gu;

export interface Word {
  start: number;
  end: number;
  /** Lowercased, NFC. */
  lower: string;
  /** The Unicode script of its first letter. */
  script: Script;
}

/** Characters whose lower case depends on context (Σ) or is longer than one unit (İ). */
export const CONTEXTUAL_CASE = /[\u0130\u03a3]/;
/** What normalizeWord changes besides lower-casing: curly apostrophes and combining marks. */
export const NEEDS_NORMALIZING = /[’\u0300-\u036f]/;

/**
 * Words of `text`, offsets relative to `base`. `lowerText`, when given, holds `text` lower-cased at
 * `lowerOffset` (a document's lowerText: `text` then holds neither İ nor Σ), and saves lower-casing it again.
 */
export function splitWords(text: string, base = 0, lowerText?: string, lowerOffset = 0): Word[] {
  const out: Word[] = [];
  // Lower-casing the whole text once gives each word's lower case by slicing, unit for unit, unless
  // the text holds İ or Σ; and the slice is already normalised unless it holds ’ or a combining mark
  // (lower-casing makes neither without İ, so the text itself tells).
  let lowered: string | undefined;
  let shift = 0;
  if (lowerText !== undefined) {
    if (!NEEDS_NORMALIZING.test(text)) {
      lowered = lowerText;
      shift = lowerOffset;
    }
  } else if (!CONTEXTUAL_CASE.test(text)) {
    lowered = text.toLowerCase();
    if (NEEDS_NORMALIZING.test(lowered)) lowered = undefined;
  }
  // WORD_RE, by hand: a table lookup per code unit instead of a regular expression match per word.
  const n = text.length;
  let i = 0;
  while (i < n) {
    let width = letterWidth(text, i);
    if (width === 0) {
      i++;
      continue;
    }
    const start = i;
    for (;;) {
      while (width > 0) {
        i += width;
        width = i < n ? letterWidth(text, i) : 0;
      }
      // An apostrophe, hyphen or period stays inside the word when a letter follows it.
      const c = text.charCodeAt(i);
      if (i + 1 < n && (c === 0x27 || c === 0x2019 || c === 0x2d || c === 0x2e) && (width = letterWidth(text, i + 1)) > 0) {
        i++;
        continue;
      }
      break;
    }
    out.push({ start: base + start, end: base + i, lower: lowered !== undefined ? lowered.slice(shift + start, shift + i) : normalizeWord(text.slice(start, i)), script: scriptOf(text.codePointAt(start) ?? 0) });
  }
  return out;
}

/**
 * A one-character class (`/^[...]$/u`) tested on a single UTF-16 code unit, as 1 or 0: answered from a
 * table filled on first sight of each unit, so that no string is made per character. A surrogate is
 * in no class on its own (callers that want pairs look them up themselves).
 */
export function codeUnitClass(pattern: RegExp): (c: number) => number {
  // 1 = in the class, 0 = not, 2 = not known yet.
  const table = new Uint8Array(65536).fill(2);
  return (c) => {
    let v = table[c];
    if (v === 2) table[c] = v = c < 0xd800 || c > 0xdfff ? (pattern.test(String.fromCharCode(c)) ? 1 : 0) : 0;
    return v;
  };
}

const LETTER_OR_MARK = /^[\p{L}\p{M}]$/u;
/** 1 when a code unit is a letter or mark on its own, else 0; surrogates are neither (letterWidth reads pairs). */
export const letterUnit = codeUnitClass(LETTER_OR_MARK);
const astralLetters = new Map<number, boolean>();

/** Code units of the letter or mark at text[i] (1, or 2 for a surrogate pair), or 0 when there is none. */
function letterWidth(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff) {
    const d = text.charCodeAt(i + 1);
    if (!(d >= 0xdc00 && d <= 0xdfff)) return 0;
    const cp = ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
    let is = astralLetters.get(cp);
    if (is === undefined) astralLetters.set(cp, (is = LETTER_OR_MARK.test(String.fromCodePoint(cp))));
    return is ? 2 : 0;
  }
  return letterUnit(c);
}

const UPPER = /^\p{Lu}/u;
const upperUnit = codeUnitClass(UPPER);

/** Whether the character at text[offset] is an upper-case letter: `/^\p{Lu}/u` on the text from there, without a slice. */
export function startsWithCapital(text: string, offset: number): boolean {
  const c = text.charCodeAt(offset);
  if (c >= 0xd800 && c <= 0xdfff) return UPPER.test(text.slice(offset, offset + 2));
  return upperUnit(c) === 1;
}

/** The code units trim() removes and `\s` matches (WhiteSpace and LineTerminator), as inclusive ranges. */
export const SPACE_UNITS: ReadonlyArray<readonly [number, number]> = [
  [0x09, 0x0d], [0x20, 0x20], [0xa0, 0xa0], [0x1680, 0x1680], [0x2000, 0x200a],
  [0x2028, 0x2029], [0x202f, 0x202f], [0x205f, 0x205f], [0x3000, 0x3000], [0xfeff, 0xfeff],
];
const SPACE_TABLE = new Uint8Array(65536);
for (const [a, b] of SPACE_UNITS) SPACE_TABLE.fill(1, a, b + 1);

/** Whether a code unit is white space as trim() and `\s` see it. */
export function isSpaceUnit(c: number): boolean {
  return SPACE_TABLE[c] === 1;
}

export function normalizeWord(word: string): string {
  const lower = word.toLowerCase();
  if (!NEEDS_NORMALIZING.test(lower)) return lower;
  // Curly apostrophes are the same letter for matching: "d’après" = "d'après".
  // Turkish İ lowercases to i + U+0307; the lists hold plain i.
  const plain = lower.replace(/’/g, "'").replace(/i\u0307/g, 'i');
  // NFC is costly; only strings with combining marks need it.
  return /[\u0300-\u036f]/.test(plain) ? plain.normalize('NFC') : plain;
}

/**
 * A set of words and multi-word phrases, matched on word sequences. Built once per lexicon.
 * Phrase entries may contain periods ("f.eks", "mia.") and apostrophes; they are split like text.
 */
export class PhraseSet {
  private readonly byFirst = new Map<string, string[][]>();
  readonly size: number;

  constructor(entries: Iterable<string>) {
    let n = 0;
    for (const entry of entries) {
      const parts = splitWords(entry).map((w) => w.lower);
      if (parts.length === 0) continue;
      const list = this.byFirst.get(parts[0]) ?? [];
      list.push(parts);
      this.byFirst.set(parts[0], list);
      n++;
    }
    for (const list of this.byFirst.values()) list.sort((a, b) => b.length - a.length);
    this.size = n;
  }

  /** Length in words of the longest phrase starting at words[i], or 0. */
  matchAt(words: readonly Word[], i: number): number {
    const candidates = this.byFirst.get(words[i].lower);
    if (!candidates) return 0;
    for (const parts of candidates) {
      if (i + parts.length > words.length) continue;
      let ok = true;
      for (let k = 1; k < parts.length; k++) {
        if (words[i + k].lower !== parts[k]) {
          ok = false;
          break;
        }
      }
      if (ok) return parts.length;
    }
    return 0;
  }

  /** Index of the first word where a phrase matches, or -1. */
  findIn(words: readonly Word[]): number {
    for (let i = 0; i < words.length; i++) if (this.matchAt(words, i)) return i;
    return -1;
  }

  has(word: string): boolean {
    return this.byFirst.get(word)?.some((p) => p.length === 1) ?? false;
  }
}
