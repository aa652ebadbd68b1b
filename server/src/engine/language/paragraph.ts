/** The language of one paragraph, when it may differ from its document's. */
import type { Word } from '../words';
import type { LanguageRegistry } from './registry';

/** Another language's vocabulary a paragraph must show before franc is asked whether it is in that language. */
const MIN_RIVAL_WORDS = 3;
const MIN_RIVAL_SHARE = 0.2;
/** Characters of a paragraph whose words are counted: some 80 words. */
const VOCABULARY_SAMPLE = 500;
/** Shorter paragraphs are too short to tell: they are in their document's language. */
const MIN_PARAGRAPH_LENGTH = 120;

/**
 * The language of a paragraph: its own when it is long enough to tell, else the document's. Words
 * first, franc only when they point away from the document's language: callers want another
 * language's lists (figure cues, number words), and a paragraph in such a language shows its words.
 * Where no other language with data has three words making a fifth of the paragraph's (prose runs at
 * 35-50 %), and more than the document's language, the paragraph keeps the document's language.
 * `sentences` are the paragraph's, with offsets relative to it, and `words` gives each one's words.
 */
export function identifyParagraph<S extends { start: number }>(
  registry: LanguageRegistry,
  documentLanguage: string,
  text: string,
  sentences: readonly S[],
  words: (sentence: S) => readonly Word[],
): string {
  if (text.length < MIN_PARAGRAPH_LENGTH) return documentLanguage;
  const codes = registry.dataCodes;
  const hits = new Int32Array(codes.length);
  let count = 0;
  for (const s of sentences) {
    // A sample is enough to see whose words these are.
    if (s.start >= VOCABULARY_SAMPLE) break;
    const w = words(s);
    count += w.length;
    registry.vocabularyCounts(w, hits);
  }
  let own = 0;
  let rival = 0;
  for (let k = 0; k < codes.length; k++) {
    if (codes[k] === documentLanguage) own = hits[k];
    else if (hits[k] > rival) rival = hits[k];
  }
  if (rival < MIN_RIVAL_WORDS || rival < MIN_RIVAL_SHARE * count || rival <= own) return documentLanguage;
  const lang = registry.identify(text);
  return lang === 'und' ? documentLanguage : lang;
}
