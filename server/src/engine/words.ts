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
const CONTEXTUAL_CASE = /[\u0130\u03a3]/;
/** What normalizeWord changes besides lower-casing: curly apostrophes and combining marks. */
const NEEDS_NORMALIZING = /[’\u0300-\u036f]/;

/** Words of `text`, offsets relative to `base`. */
export function splitWords(text: string, base = 0): Word[] {
  const out: Word[] = [];
  // Lower-casing the whole text once gives each word's lower case by slicing, unit for unit, unless
  // the text holds İ or Σ; and the slice is already normalised unless it holds ’ or a combining mark.
  let lowered: string | undefined;
  if (!CONTEXTUAL_CASE.test(text)) {
    lowered = text.toLowerCase();
    if (NEEDS_NORMALIZING.test(lowered)) lowered = undefined;
  }
  WORD_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = WORD_RE.exec(text))) {
    const start = m.index;
    const end = start + m[0].length;
    out.push({ start: base + start, end: base + end, lower: lowered !== undefined ? lowered.slice(start, end) : normalizeWord(m[0]), script: scriptOf(text.codePointAt(start) ?? 0) });
  }
  return out;
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
