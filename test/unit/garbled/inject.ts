/**
 * Defects injected into the clean documents of corpus.ts, one kind at a time, for the recall test.
 * Each injection says where the defect sits, so a finding counts only if the right rule reports it
 * there. Choices are deterministic (by language and document index): a failure reproduces.
 */
import { bundledLanguages } from '../../../server/src/languages/index';
import type { LanguageRegistry } from '../../../server/src/engine/language/index';
import { CLEAN_LANGUAGES, cleanSentences } from './corpus';

export interface Injection {
  kind: string;
  /** The rule that must report the defect. */
  rule: string;
  text: string;
  /** Where the defect sits in `text`. */
  start: number;
  end: number;
  /** For repairable defects: the text the rule's safe fixes must give back. */
  repaired?: string;
  note: string;
}

interface Layout {
  /** Offsets of each body paragraph's line in the document, after the header and title. */
  paragraphs: Array<{ start: number; end: number }>;
}

function layout(doc: string): Layout {
  const paragraphs: Layout['paragraphs'] = [];
  let pos = 0;
  const lines = doc.split('\n');
  lines.forEach((line, i) => {
    if (i >= 2 && line.trim()) paragraphs.push({ start: pos, end: pos + line.length });
    pos += line.length + 1;
  });
  return { paragraphs };
}

function insertLines(doc: string, afterParagraph: number, block: string): { text: string; start: number; end: number } {
  const p = layout(doc).paragraphs[afterParagraph];
  const at = p.end + 1;
  return { text: `${doc.slice(0, at)}${block}\n${doc.slice(at)}`, start: at, end: at + block.length };
}

/** Languages a document in `lang` may legitimately contain, as the rule sees it (franc cannot tell them apart). */
function related(registry: LanguageRegistry, lang: string, other: string): boolean {
  // Icelandic and Estonian have no franc model here: their documents are read as Scandinavian and Finnish.
  const seenAs: Record<string, string[]> = { is: ['sv', 'nn', 'nb', 'da'], et: ['fi'] };
  const a = [lang, ...(seenAs[lang] ?? [])];
  const b = [other, ...(seenAs[other] ?? [])];
  return a.some((x) => b.some((y) => registry.areRelatives(x, y)));
}

const UPPER_START = /^\p{Lu}/u;

/** A whole sentence from another language's corpus, spliced into a paragraph or given its own line. */
export function foreignSentence(registry: LanguageRegistry, lang: string, index: number, doc: string): Injection {
  const i = CLEAN_LANGUAGES.indexOf(lang);
  let donor = '';
  for (let step = 1 + index * 4; ; step++) {
    const candidate = CLEAN_LANGUAGES[(i + step) % CLEAN_LANGUAGES.length];
    if (!related(registry, lang, candidate)) {
      donor = candidate;
      break;
    }
  }
  // Prose: a sentence of 60 characters or more (the rule's minimum), ending like one, most of its words
  // in lower case (not a spam title of capitalised words, which reads as names in any language).
  const prose = (s: string) => {
    const words = s.match(/\p{L}+/gu) ?? [];
    return words.filter((w) => /^\p{Lu}/u.test(w)).length * 2 < words.length;
  };
  const pool = cleanSentences(donor).filter((s) => s.length >= 60 && s.length <= 240 && /[.!?。！？।]$/u.test(s) && prose(s));
  const sentence = pool[(index * 7) % pool.length];
  const { paragraphs } = layout(doc);
  if (index % 2 === 0) {
    const p = paragraphs[1];
    const text = `${doc.slice(0, p.end)} ${sentence}${doc.slice(p.end)}`;
    return { kind: 'foreign sentence', rule: 'garbled/wrong-language', text, start: p.end + 1, end: p.end + 1 + sentence.length, note: `${donor} into ${lang}, spliced` };
  }
  const inserted = insertLines(doc, 1, sentence);
  return { kind: 'foreign sentence', rule: 'garbled/wrong-language', ...inserted, note: `${donor} into ${lang}, own line` };
}

/** Windows-1252's characters for bytes 0x80-0x9F; the five it leaves undefined stay C1 controls. */
const CP1252 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

/**
 * UTF-8 bytes read as Windows-1252 or as Latin-1 (written out: Node's TextDecoder reads
 * 'windows-1252' as Latin-1).
 */
export function misread(text: string, codepage: 'windows-1252' | 'latin1'): string {
  let out = '';
  for (const b of new TextEncoder().encode(text)) out += codepage === 'windows-1252' && b >= 0x80 && b <= 0x9f ? CP1252[b - 0x80] : String.fromCharCode(b);
  return out;
}

/** A paragraph's UTF-8 bytes read as Windows-1252 (or, every other document, Latin-1): the classic mojibake. */
export function mojibake(doc: string, index: number): Injection | undefined {
  const { paragraphs } = layout(doc);
  const nonAscii = (s: string) => s.replace(/[\u0000-\u007f]/g, '').length;
  const best = [...paragraphs].sort((a, b) => nonAscii(doc.slice(b.start, b.end)) - nonAscii(doc.slice(a.start, a.end)))[0];
  const original = doc.slice(best.start, best.end);
  if (!nonAscii(original)) return undefined;
  const garbled = misread(original, index % 2 ? 'latin1' : 'windows-1252');
  const text = doc.slice(0, best.start) + garbled + doc.slice(best.end);
  return { kind: 'mojibake', rule: 'garbled/mojibake', text, start: best.start, end: best.start + garbled.length, repaired: doc, note: original.slice(0, 30) };
}

const DEBRIS_LINES = [
  '<div class="share-buttons"><a href="/share">Share</a></div>',
  '.article-ad{display:none}',
  '(adsbygoogle = window.adsbygoogle || []).push({});',
  '&nbsp;',
  'https://www.example.com/news/2024/10/28/article.html',
  '</p><p class="lead">',
];
const INLINE_DEBRIS = ['<br>', '&amp;', '</span>', '&#8217;', 'lead-hnk">'];

/** A line of markup debris, or a piece of it between two sentences. */
export function markupDebris(doc: string, index: number): Injection {
  if (index % 2 === 0) {
    const inserted = insertLines(doc, 0, DEBRIS_LINES[(index / 2) % DEBRIS_LINES.length]);
    return { kind: 'markup debris', rule: 'garbled/markup-debris', ...inserted, note: 'own line' };
  }
  const piece = INLINE_DEBRIS[((index - 1) / 2) % INLINE_DEBRIS.length];
  const p = layout(doc).paragraphs[0];
  const text = `${doc.slice(0, p.end)} ${piece}${doc.slice(p.end)}`;
  return { kind: 'markup debris', rule: 'garbled/markup-debris', text, start: p.end + 1, end: p.end + 1 + piece.length, note: 'inline' };
}

/** The first body paragraph again, at the end. */
export function repeatedLine(doc: string): Injection {
  const p = layout(doc).paragraphs[0];
  const line = doc.slice(p.start, p.end);
  const start = doc.length;
  return { kind: 'repeated line', rule: 'garbled/duplicate-line', text: `${doc}${line}\n`, start, end: start + line.length, note: line.slice(0, 30) };
}

const WORD = /[\p{L}\p{M}]{3,}/gu;

/** "X Y" becomes "X -Y", as machine translation leaves compounds. */
export function detachedHyphen(doc: string, stopWords: ReadonlySet<string>, conjunctions: ReadonlySet<string>): Injection | undefined {
  const { paragraphs } = layout(doc);
  for (const p of paragraphs) {
    const body = doc.slice(p.start, p.end);
    const words = [...body.matchAll(WORD)];
    for (let k = 0; k + 1 < words.length; k++) {
      const [x, y] = [words[k], words[k + 1]];
      if (body.slice(x.index! + x[0].length, y.index) !== ' ') continue;
      const [xl, yl] = [x[0].toLowerCase(), y[0].toLowerCase()];
      // After a conjunction, "-word" is a suspended compound; before a stop word, a dash: both correct.
      if (UPPER_START.test(y[0]) || stopWords.has(xl) || stopWords.has(yl) || conjunctions.has(xl)) continue;
      // A hyphen ending a word later on would read as the close of a parenthetical.
      if (/[\p{L}\p{N}.]-(?=[\s,.;:!?)]|$)/u.test(body.slice(y.index!, y.index! + 140))) continue;
      const at = p.start + y.index!;
      const text = `${doc.slice(0, at)}-${doc.slice(at)}`;
      return { kind: 'detached hyphen', rule: 'garbled/detached-hyphen', text, start: p.start + x.index!, end: at + 1 + y[0].length, note: `${x[0]} -${y[0]}` };
    }
  }
  return undefined;
}

const TABLES = [
  ['Details | |', '---|---|', 'Ort | Kursk |', 'Quellen |'],
  ['| Name | Value |', '|------|-------|', '| Date | 2024 |'],
  ['+------+------+', '| a    | b    |', '+------+------+'],
];

/** Rows of a flattened table after the first paragraph. */
export function tableBlock(doc: string, index: number): Injection {
  const inserted = insertLines(doc, 0, TABLES[index % TABLES.length].join('\n'));
  return { kind: 'table', rule: 'garbled/table-debris', ...inserted, note: `table ${index % TABLES.length}` };
}

const PHRASES = bundledLanguages.flatMap((l) => l.boilerplate.map((b) => b.replace(/\{n\}/g, '12')));
const TAGS = [' /REL/', ' (AFP)', ' /ANSA/', ' (dpa)', ' (Reuters)'];

/** A line of page furniture from some language's list, or an agency tag ending the article. */
export function boilerplate(doc: string, index: number): Injection {
  if (index % 2 === 0) {
    const inserted = insertLines(doc, 0, PHRASES[(index * 37) % PHRASES.length]);
    return { kind: 'boilerplate', rule: 'garbled/boilerplate', ...inserted, note: 'line' };
  }
  const { paragraphs } = layout(doc);
  const p = paragraphs[paragraphs.length - 1];
  const tag = TAGS[index % TAGS.length];
  // A bracketed tag counts after the end of a sentence: make sure the paragraph has one.
  const ending = /[.!?…"”»'’)]$/.test(doc.slice(p.start, p.end)) ? '' : '.';
  const text = `${doc.slice(0, p.end)}${ending}${tag}${doc.slice(p.end)}`;
  return { kind: 'boilerplate', rule: 'garbled/boilerplate', text, start: p.end + ending.length + 1, end: p.end + ending.length + tag.length, note: tag.trim() };
}

const SYLLABLES = ['ka', 'lo', 'mi', 'ne', 'ru', 'ta', 'vo', 'si', 'pe', 'da', 'gu', 'fo'];
const UNITS = ['itys', 'arox', 'uvel', 'emba', 'orik', 'alup'];
/** No vowel and no syllabic r or l, as the rule requires. */
const VOWELLESS = ['hnk', 'ckx', 'tsk', 'sgh', 'pkt'];

/** A token no language writes, in place of a word of the second paragraph. */
export function gibberishToken(doc: string, index: number): Injection | undefined {
  const s = (k: number) => SYLLABLES[(index * 5 + k) % SYLLABLES.length];
  const unit = UNITS[index % UNITS.length];
  const token = `${s(0)[0].toUpperCase()}${s(0).slice(1)}${s(1)}-${s(2)}${unit}${unit}${s(3)}-${VOWELLESS[index % VOWELLESS.length]}`;
  const p = layout(doc).paragraphs[1];
  const body = doc.slice(p.start, p.end);
  const m = /\s(\S+)\s/.exec(body.slice(Math.floor(body.length / 3)));
  if (!m) return undefined;
  const at = p.start + Math.floor(body.length / 3) + m.index + 1;
  const text = doc.slice(0, at) + token + doc.slice(at + m[1].length);
  return { kind: 'gibberish', rule: 'garbled/gibberish', text, start: at, end: at + token.length, note: token };
}

const INVISIBLES = ['\u200b', '\ufeff', '\u0007', '\u202e', '\u2060'];

/** An invisible character inside a word of the first paragraph. */
export function controlCharacter(doc: string, index: number): Injection {
  const p = layout(doc).paragraphs[0];
  const body = doc.slice(p.start, p.end);
  const m = /\p{L}{4,}/u.exec(body.slice(Math.floor(body.length / 2))) ?? /\p{L}{2,}/u.exec(body);
  const offset = m ? (m.input === body ? m.index : Math.floor(body.length / 2) + m.index) + 2 : 1;
  const at = p.start + offset;
  const ch = INVISIBLES[index % INVISIBLES.length];
  return { kind: 'control character', rule: 'garbled/control-character', text: doc.slice(0, at) + ch + doc.slice(at), start: at, end: at + 1, note: `U+${ch.charCodeAt(0).toString(16)}` };
}

/** A function word doubled ("de de"), or in languages that reduplicate words, a two-word phrase doubled. */
export function stutter(doc: string, stopWords: ReadonlySet<string>, reduplicating: boolean, grammatical: ReadonlySet<string>): Injection | undefined {
  const { paragraphs } = layout(doc);
  for (const p of paragraphs) {
    const body = doc.slice(p.start, p.end);
    // Whole words between spaces: not half of "tergila-gila" or a word with a particle after a quote.
    const words = [...body.matchAll(/(?<=^|\s)[\p{L}\p{M}]+(?=\s|$)/gu)];
    for (let k = 1; k + 1 < words.length; k++) {
      const w = words[k];
      const lower = w[0].toLowerCase();
      if (UPPER_START.test(w[0]) || grammatical.has(lower)) continue;
      if (!reduplicating && (stopWords.size === 0 || stopWords.has(lower))) {
        if (body.slice(words[k - 1].index! + words[k - 1][0].length, w.index) !== ' ') continue;
        const at = p.start + w.index!;
        const text = `${doc.slice(0, at)}${w[0]} ${doc.slice(at)}`;
        return { kind: 'stutter', rule: 'garbled/stutter', text, start: at, end: at + 2 * w[0].length + 1, note: `${w[0]} ${w[0]}` };
      }
      if (reduplicating) {
        const next = words[k + 1];
        if (body.slice(w.index! + w[0].length, next.index) !== ' ' || UPPER_START.test(next[0])) continue;
        const phrase = `${w[0]} ${next[0]}`;
        const at = p.start + w.index!;
        const text = `${doc.slice(0, at)}${phrase} ${doc.slice(at)}`;
        return { kind: 'stutter', rule: 'garbled/stutter', text, start: at, end: at + 2 * phrase.length + 1, note: `${phrase} ${phrase}` };
      }
    }
  }
  return undefined;
}

/** Three short unpunctuated lines after the first paragraph: a section list. */
export function orphanHeadings(doc: string): Injection {
  const { paragraphs } = layout(doc);
  const headings = paragraphs.slice(0, 3).map((p) => {
    // The opening words of a paragraph, without list numbering or bullets, ending in a letter.
    const body = doc.slice(p.start, p.end).replace(/^(?:\p{L}\)\s*)?[^\p{L}]*/u, '');
    const words = body.split(/\s+/);
    // Chinese and Japanese write no spaces between words: twelve characters make a heading.
    const heading = words[0].length > 20 ? body.slice(0, 12) : words.slice(0, 4).join(' ');
    return heading.replace(/[^\p{L}\p{N}\p{M}]+$/u, '').slice(0, 60);
  });
  const inserted = insertLines(doc, 0, headings.join('\n'));
  return { kind: 'orphan headings', rule: 'garbled/orphan-headings', ...inserted, note: headings[0] };
}
