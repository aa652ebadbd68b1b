import { defineRule } from '../../engine/rule';
import type { Word } from '../../engine/words';
import { scriptFamilyOf } from '../../engine/language/index';

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
  docs: `Finds a word or a phrase of up to four words repeated immediately, separated by spaces only:
\`the the\`, \`de de\`, \`at at\`, \`in the in the\`. Scrapers produce it where a heading ran into the first
sentence, machine translation where it hesitated.

Correct repetitions are left alone:

- grammatical doublings, listed per language in the \`grammaticalRepeats\` of \`server/src/languages/<lang>.json\`: German \`die die\`
  ("die Frau, die die Stadt ..."), English \`that that\`, \`had had\`, French \`nous nous\`, Albanian \`të të\`,
  Danish \`det det\`;
- in languages that reduplicate words for grammar or emphasis (Turkish \`tek tek\`, Hindi \`धीरे धीरे\`, Greek
  \`σιγά σιγά\`, Indonesian and Malay, Vietnamese, Hebrew, ...: the \`reduplicating\` list of
  \`server/src/languages/language-groups.json\`), a single repeated word is not reported;
  hyphenated reduplication (\`kira-kira\`) is one word anyway;
- two words that differ in case unless the first starts a sentence (Danish \`I i\` is "you in"), and a
  capitalised word of fewer than five letters repeated (\`Can Can\`, \`Bora Bora\`: names);
- words in another script than the document's (a quoted title).

Phrases must be spaced alike with nothing but spaces inside (a list "minutes (1995), minutes (1995)" is
not a stutter); a phrase opening with one of the language's grammatical doubling words is an idiom and is left
alone (Romanian \`de la an la an\`, "from year to year"; Italian \`il tutto per tutto\`).

**Fix**: delete the repeats and keep one copy. It is safe for a repeated stop word of the document's language
(\`the the\`, \`de de\`): nobody writes that on purpose. A repeated content word (\`kovo kovo\`, \`Termine
Termine\`) or phrase gets an unsafe fix: it may be emphasis, a name or an idiom (Italian "il tutto per tutto
per ...").`,
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
