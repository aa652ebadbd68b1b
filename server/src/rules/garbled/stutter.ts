import { defineRule } from '../../engine/rule';
import type { Word } from '../../engine/words';
import { scriptFamilyOf } from '../../engine/language/index';
import docs from './stutter.md';

const SPACES_ONLY = /^[ \t\u00a0]+$/;
const UPPER_START = /^\p{Lu}/u;
/** Longest repeated phrase looked for, in words. */
const MAX_PHRASE = 4;
/** A capitalised word repeated is often a name ("Can Can", "Bora Bora"); shorter ones are left alone. */
const MIN_REPEATED_NAME = 5;

interface Stutter {
  /** Index of the first word of the first copy. */
  first: number;
  /** Words per copy. */
  size: number;
  /** Copies, at least 2. */
  copies: number;
}

function gap(text: string, a: Word, b: Word, base: number): string {
  return text.slice(a.end - base, b.start - base);
}

/** Whether words[i..i+n) and words[j..j+n) are the same phrase, with nothing but spaces inside either. */
function samePhrase(text: string, base: number, words: readonly Word[], i: number, j: number, n: number): boolean {
  for (let k = 0; k < n; k++) {
    if (words[i + k].lower !== words[j + k].lower) return false;
    if (k > 0 && !(SPACES_ONLY.test(gap(text, words[i + k - 1], words[i + k], base)) && SPACES_ONLY.test(gap(text, words[j + k - 1], words[j + k], base)))) return false;
  }
  return true;
}

function findStutters(text: string, base: number, words: readonly Word[]): Stutter[] {
  const out: Stutter[] = [];
  let i = 0;
  while (i < words.length - 1) {
    let found: Stutter | undefined;
    for (let n = Math.min(MAX_PHRASE, Math.floor((words.length - i) / 2)); n >= 1 && !found; n--) {
      if (words[i].lower !== words[i + n].lower) continue;
      const junction = gap(text, words[i + n - 1], words[i + n], base);
      if (!SPACES_ONLY.test(junction) || !samePhrase(text, base, words, i, i + n, n)) continue;
      let copies = 2;
      while (i + (copies + 1) * n <= words.length && SPACES_ONLY.test(gap(text, words[i + copies * n - 1], words[i + copies * n], base)) && samePhrase(text, base, words, i, i + copies * n, n)) copies++;
      found = { first: i, size: n, copies };
    }
    if (found) {
      out.push(found);
      i = found.first + found.size * found.copies;
    } else i++;
  }
  return out;
}

export default defineRule<string>({
  meta: {
    id: 'garbled/stutter',
    category: 'garbled',
    defaultSeverity: 'warning',
    description: 'A word or phrase written twice in a row: "the the", "de de", "in the in the".',
    fixable: true,
    messages: {
      word: 'Repeated word: "{text}".',
      phrase: 'Repeated phrase: "{text}".',
    },
  },
  docs,
  // Only the document's script, besides its language, reaches the paragraphs.
  prepare: (doc) => doc.languageProfile.script,
  checkParagraph(p, { prepared: docScript, language, languages, lexicon, report }) {
    const reduplicating = languages.reduplicates(language);
    const grammatical = languages.grammaticalRepeats(language);
    const stopWords = lexicon?.stopWords;
    const text = p.text;
    const raw = (w: Word) => text.slice(w.start, w.end);
    for (const sentence of p.sentences) {
      const words = p.words(sentence);
      if (words.length < 2) continue;
      const startsSentence = (w: Word) => w === words[0];
      for (const s of findStutters(text, 0, words)) {
        const firstWord = words[s.first];
        const copy = words.slice(s.first, s.first + s.size);
        const lastOfFirstCopy = words[s.first + s.size - 1];
        const lastWord = words[s.first + s.size * s.copies - 1];
        if (scriptFamilyOf(raw(firstWord).codePointAt(0)!) !== docScript) continue;
        const identical = text.slice(firstWord.start, lastOfFirstCopy.end) === text.slice(words[s.first + s.size].start, words[s.first + 2 * s.size - 1].end);
        if (s.size === 1) {
          if (reduplicating || grammatical?.has(firstWord.lower)) continue;
          const a = raw(firstWord);
          if (!identical && !(startsSentence(firstWord) && a.toLowerCase() === raw(words[s.first + 1]))) continue;
          if (identical && UPPER_START.test(a) && !startsSentence(firstWord) && a.length < MIN_REPEATED_NAME) continue;
        }
        const hasStopWord = copy.some((w) => stopWords?.has(w.lower));
        // A phrase opening with a grammatical doubling word is an idiom: Romanian "de la an la an" (from year
        // to year), Italian "il tutto per tutto".
        if (s.size > 1 && grammatical?.has(firstWord.lower)) continue;
        const phrase = text.slice(firstWord.start, lastOfFirstCopy.end);
        report({
          messageId: s.size === 1 ? 'word' : 'phrase',
          data: { text: text.slice(firstWord.start, lastWord.end) },
          start: firstWord.start,
          end: lastWord.end,
          fixes: [
            {
              title: `Keep one "${phrase}"`,
              edits: [{ start: lastOfFirstCopy.end, end: lastWord.end, text: '' }],
              safe: s.size === 1 && hasStopWord,
            },
          ],
        });
      }
    }
  },
});
