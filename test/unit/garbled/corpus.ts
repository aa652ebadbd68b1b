/**
 * Seed-shaped documents built from the clean Leipzig sentences in test/fixtures/clean/ (see its
 * SOURCE.md), for the garbled rules' precision and recall tests. A few source lines hold real
 * debris; they are left out below, each with the reason, so that a finding on them (which would be
 * right) does not count against the rules.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export const CLEAN_DIR = path.resolve(__dirname, '../../fixtures/clean');

export const CLEAN_LANGUAGES: string[] = fs
  .readdirSync(CLEAN_DIR)
  .filter((f) => /^[a-z]{2}\.txt$/.test(f))
  .map((f) => f.slice(0, 2))
  .sort();

const LOOKALIKES = 'Latin look-alike letters inside Cyrillic or Greek words (garbled/gibberish is right)';
const DETACHED = 'a compound with a detached hyphen (garbled/detached-hyphen is right)';
const ENTITY = 'an HTML entity left undecoded (garbled/markup-debris is right)';
const GLUED_HEADING = 'a heading glued to the sentence that repeats it (garbled/stutter is right)';

/** 1-based line numbers of real debris in the fixtures, per language, with what is wrong there. */
export const DEBRIS_LINES: Record<string, Record<number, string>> = {
  bg: { 86: 'a name doubled by the scraper, "Станимир Станимир Стоилов" (garbled/stutter is right)' },
  bs: { 147: GLUED_HEADING },
  ca: {
    36: 'an English sentence in Catalan text (garbled/wrong-language is right)',
    38: 'a raw link (garbled/markup-debris is right)',
    40: 'a film title doubled by the scraper, "Kill Bill Kill Bill" (garbled/stutter is right)',
    120: 'English menu text and a truncated link (garbled/wrong-language is right)',
  },
  cs: {
    85: 'a Polish sentence in the Czech corpus (garbled/wrong-language is right)',
    96: 'UTF-8 read as Windows-1250, "Ă©" for "é" (garbled/gibberish is right)',
    132: 'UTF-8 read as Windows-1250 (garbled/mojibake is right)',
  },
  de: { 23: ENTITY, 93: 'navigation text, "Termine Termine" (garbled/stutter is right)' },
  el: { 22: LOOKALIKES, 27: LOOKALIKES, 28: LOOKALIKES, 35: LOOKALIKES, 55: LOOKALIKES },
  en: { 70: 'an HTTP error page, "404 Not Found Not Found" (garbled/stutter is right)', 75: ENTITY, 103: ENTITY, 134: ENTITY },
  fa: { 107: 'a Wikipedia title repeated before its sentence (garbled/stutter is right)' },
  fi: { 47: DETACHED, 59: 'UTF-8 read as Windows-1252, "Ã¤" for "ä" (garbled/mojibake is right)', 104: 'a raw link (garbled/markup-debris is right)', 112: DETACHED },
  he: { 7: 'a Wikipedia title repeated before its sentence (garbled/stutter is right)' },
  hi: {
    14: 'English blog furniture, "Posted by ... 4 comments: Links to this post" (garbled/wrong-language is right)',
    23: 'share buttons and English blog tags, "christian, church, conversion, hindu, mandir, temple" (garbled/wrong-language is right)',
    64: 'a compound with a detached hyphen, "देवी -देवताओं" (garbled/detached-hyphen is right)',
    80: 'a reduplication with a detached hyphen, "तीन -तीन" (garbled/detached-hyphen is right)',
  },
  hu: { 122: 'UTF-8 read as Windows-1252, "Å‘" for "ő" (garbled/mojibake is right)' },
  lt: {
    46: 'a repeated word, "kovo kovo" (garbled/stutter is right)',
    111: 'HTTP headers, a byte order mark and table cells glued together (garbled/control-character and garbled/stutter are right)',
    144: 'navigation glued to a repeated heading (garbled/stutter is right)',
  },
  lv: { 47: 'English blog navigation glued to the text (garbled/wrong-language is right)' },
  mk: { 17: LOOKALIKES, 33: LOOKALIKES, 45: LOOKALIKES, 109: LOOKALIKES, 146: LOOKALIKES },
  ms: { 71: 'an English phrase left untranslated (garbled/wrong-language is right)' },
  nb: {
    27: GLUED_HEADING,
    43: ENTITY,
    127: 'a repeated word, "det at at" (garbled/stutter is right)',
    134: 'entity-shaped debris, "&endash;" (garbled/markup-debris is right)',
  },
  nl: { 24: DETACHED, 37: DETACHED, 64: 'an English phrase inside the Dutch sentence (garbled/wrong-language is right)' },
  ro: { 45: 'a truncated raw link (garbled/markup-debris is right)' },
  ru: { 26: DETACHED, 42: DETACHED, 90: DETACHED },
  sl: { 7: GLUED_HEADING, 102: 'navigation words glued together, "DomovMasažaHrbtaMasaža" (garbled/gibberish is right)' },
  sq: { 73: DETACHED, 126: GLUED_HEADING, 137: DETACHED },
  sr: { 131: GLUED_HEADING },
  sv: { 27: 'list text glued together, "Bluetooth Bluetooth" (garbled/stutter is right)', 56: ENTITY },
  tr: { 18: GLUED_HEADING },
  uk: { 17: LOOKALIKES, 82: LOOKALIKES, 137: LOOKALIKES, 144: LOOKALIKES },
};

/** Debris recognised by shape rather than listed line by line. */
const DEBRIS_SHAPES: Array<[RegExp, string]> = [
  [/[\u0080-\u009f]/, 'Windows-1252 quotes and dashes read as Latin-1 C1 controls (27 lines of fr, 4 of nb; garbled/mojibake is right)'],
  [/-\{[^{}\n]*\}-/, 'MediaWiki language-converter markup from Serbian Wikipedia, "-{km}-" (garbled/markup-debris is right)'],
];

export function cleanSentences(lang: string): string[] {
  const excluded = DEBRIS_LINES[lang] ?? {};
  return fs
    .readFileSync(path.join(CLEAN_DIR, `${lang}.txt`), 'utf8')
    .split('\n')
    .map((line, i) => ({ line: line.replace(/\r$/, ''), number: i + 1 }))
    .filter(({ line, number }) => line.trim() && !(number in excluded) && !DEBRIS_SHAPES.some(([re]) => re.test(line)))
    .map(({ line }) => line);
}

/** Paragraph sizes, in sentences, cycled through so documents vary in shape. */
const PARAGRAPH_SIZES = [3, 2, 4, 3, 2];

/**
 * `count` documents per language from consecutive sentences: `date 2024-10-28`, the first sentence
 * as title, then paragraphs of two to four sentences; every other document separates paragraphs
 * with a blank line, as seeds 000-001 do.
 */
export function buildDocuments(lang: string, count = 10): string[] {
  const sentences = cleanSentences(lang);
  const per = Math.floor(sentences.length / count);
  const docs: string[] = [];
  for (let k = 0; k < count; k++) {
    const chunk = sentences.slice(k * per, (k + 1) * per);
    const paragraphs: string[] = [];
    for (let i = 1, j = k; i < chunk.length; j++) {
      const size = PARAGRAPH_SIZES[j % PARAGRAPH_SIZES.length];
      paragraphs.push(chunk.slice(i, i + size).join(' '));
      i += size;
    }
    const separator = k % 2 ? '\n' : '\n\n';
    docs.push(`date 2024-10-28\n${chunk[0]}${separator}${paragraphs.join(separator)}\n`);
  }
  return docs;
}

export { DEBRIS_SHAPES };
