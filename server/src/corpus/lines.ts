/** Lines as the corpus sees them: normalised and hashed, and judged as article prose or page furniture. */
import { splitWords, type Word } from '../engine/words';
import { Hash64 } from './hash';

/** Sentence ends of every script the engine splits (see document.ts), and closers that may follow them. */
const TERMINALS = new Set([...'.!?…\u0964\u0965\u061f\u06d4\u1362\u1367\u104b\u17d4\u0589\u3002\uff01\uff1f\uff61']);
const CLOSERS = new Set([...'"\'”’»«)]›“」』）']);
/** Copyright lines, in any language. */
const COPYRIGHT = /©|\(c\)\s*\d|\bcopyright\b/i;
/** Lines longer than this are never a furniture shape. */
const MAX_SHAPE_LENGTH = 300;
/** Scripts of the languages with stop-word lists. */
const LISTED_SCRIPTS = new Set(['Latin', 'Cyrillic', 'Greek']);
/** Scripts written without spaces between words: their words are runs of many characters. */
const UNSPACED = new Set(['Han', 'Kana', 'Thai']);

/**
 * The 64-bit hash of a line normalised for comparison across files: lower case, runs of white space
 * as one space, no space at the ends, and every run of digits as one 0 (dates and counts vary from
 * page to page of the same furniture). Returns [hi, lo].
 */
export function lineHash(text: string): [number, number] {
  const lower = text.toLowerCase();
  const h = new Hash64();
  let pendingSpace = false;
  let started = false;
  let inDigits = false;
  for (let i = 0; i < lower.length; i++) {
    const c = lower.charCodeAt(i);
    if (c === 32 || c === 9 || c === 0xa0 || c === 0x3000 || (c >= 0x2000 && c <= 0x200b) || c === 0x202f || c === 0xfeff) {
      pendingSpace = started;
      inDigits = false;
      continue;
    }
    if (pendingSpace) {
      h.unit(32);
      pendingSpace = false;
    }
    started = true;
    if (isDigit(c, lower, i)) {
      if (!inDigits) h.unit(48);
      inDigits = true;
      continue;
    }
    inDigits = false;
    h.unit(c);
  }
  return [h.hi, h.lo];
}

const DIGIT = /^\p{Nd}$/u;
function isDigit(c: number, s: string, i: number): boolean {
  if (c >= 48 && c <= 57) return true;
  if (c < 0x660) return false;
  return DIGIT.test(s[i]);
}

/** Words of a line counted as words of a spaced script: a run of Han, Kana or Thai counts one word per two characters. */
export function wordEquivalents(words: readonly Word[]): number {
  let n = 0;
  for (const w of words) n += UNSPACED.has(w.script) ? Math.max(1, (w.end - w.start) >> 1) : 1;
  return n;
}

function endsWithTerminal(text: string): boolean {
  let i = text.length - 1;
  while (i >= 0 && (CLOSERS.has(text[i]) || text[i] === ' ')) i--;
  return i >= 0 && TERMINALS.has(text[i]);
}

export interface ProseEvidence {
  /** Stop words of every language with a list: a line of prose in another language than the document's is prose too. */
  stopWords?: ReadonlySet<string>;
  /** Whether a trimmed line is one of the languages' `boilerplate` lines. */
  furniture?: (trimmed: string) => boolean;
}

/** A sentence-ended line needs this many words to read as prose; an unended one, LONG_LINE_WORDS. */
export const PROSE_MIN_WORDS = 6;
export const LONG_LINE_WORDS = 25;
/** Share of stop words below which a line does not read as prose (prose runs at 35-50 %). */
export const PROSE_MIN_STOP_SHARE = 0.12;

/**
 * Whether a trimmed line reads as article prose: a sentence end and at least six words (or 25
 * without one), enough of them stop words (of any language with a list, when its words are in
 * their scripts), and not a known furniture shape (a copyright line, a line of the languages'
 * boilerplate lists).
 */
export function readsAsProse(text: string, evidence: ProseEvidence = {}, words: readonly Word[] = splitWords(text)): boolean {
  const n = wordEquivalents(words);
  if (!(n >= LONG_LINE_WORDS || (n >= PROSE_MIN_WORDS && endsWithTerminal(text)))) return false;
  const stop = evidence.stopWords;
  if (stop && stop.size > 0) {
    // Only words of scripts the lists cover are judged: Arabic or Han prose has no stop words here.
    let listed = 0;
    let hits = 0;
    for (const w of words) {
      if (!LISTED_SCRIPTS.has(w.script)) continue;
      listed++;
      if (stop.has(w.lower)) hits++;
    }
    if (listed * 2 >= words.length && hits < PROSE_MIN_STOP_SHARE * listed) return false;
  }
  // Furniture shapes are short: a long line is not tested against them.
  return text.length > MAX_SHAPE_LENGTH || !(COPYRIGHT.test(text) || evidence.furniture?.(text.trim()));
}

const unions = new WeakMap<object, Set<string>>();

/** The stop words of every lexicon, made once per set of lexicons. */
export function allStopWords(lexicons: ReadonlyMap<string, { readonly stopWords: ReadonlySet<string> }>): ReadonlySet<string> {
  let union = unions.get(lexicons);
  if (!union) {
    union = new Set();
    for (const lex of lexicons.values()) for (const w of lex.stopWords) union.add(w);
    unions.set(lexicons, union);
  }
  return union;
}
