import type { SeedDocument } from '../../engine/document';
import { defineLineAnalysis, defineParagraphAnalysis, defineRule } from '../../engine/rule';
import { normalizeWord } from '../../engine/words';
import docs from './detached-hyphen.md';

/**
 * A letter or digit, spaces, then a hyphen glued to a letter: "norte -coreanos", "Kursk -regionen".
 * Only U+002D and U+2010: an en or em dash with a space on one side is a dash spaced wrongly.
 */
const DETACHED = /(?<=[\p{L}\p{M}\p{N}])[ \t\u00a0]+[-\u2010](?=\p{L})/gu;
const LETTER_OR_MARK = /[\p{L}\p{M}]/u;
const SPACE_HYPHEN = /[ \t\u00a0][-\u2010]/;
const WORD_AFTER = /^[\p{L}\p{M}]{1,60}/u;
/** A hyphen before a letter: after a word, it makes that word a first part the document hyphenates. */
const HYPHEN_BEFORE_LETTER = /[-\u2010](?=\p{L})/gu;

/** The letters just before `end` (at most 40), or undefined. */
function wordBefore(text: string, end: number): string | undefined {
  let start = end;
  while (start > 0 && end - start < 40 && LETTER_OR_MARK.test(text[start - 1])) start--;
  return start < end ? text.slice(start, end) : undefined;
}
/** A hyphen that closes a parenthetical opened by a hyphen: "-ha dit-", "-Based in Oregon, USA-". */
const CLOSING_HYPHEN = /[\p{L}\p{N}.][-\u2010](?=[\s,.;:!?)]|$)/u;
/** The word after the hyphen ends in one itself: "-ha-". */
const HYPHEN_CLOSING_AT_ONCE = /^[-\u2010](?=[\s,.;:!?)]|$)/u;
/** How far a closing hyphen of a parenthetical may lie. */
const PARENTHETICAL_REACH = 120;
const NAME_OR_NUMBER = /^[\p{Lu}\p{N}]|\p{N}/u;

/**
 * Whether joining is certainly right: the part before the hyphen is a name, acronym or number
 * ("Ukraine -konflikten", "GFDL -licentie"), a word the language often hyphenates ("quinta -feira"), or
 * the document hyphenates the same part elsewhere ("norte-coreanos" makes "norte -coreana" certain).
 * A lower-case word before a hyphen may instead be a dash typed without its second space
 * ("националности -просто българите"): joining would make a word nobody meant.
 */
function joinIsCertain(doc: SeedDocument, before: string, hyphenated: () => ReadonlySet<string>): boolean {
  if (NAME_OR_NUMBER.test(before)) return true;
  const lower = normalizeWord(before);
  if (doc.lexicon?.hyphenPrefixes.has(lower)) return true;
  return hyphenated().has(lower);
}

/** The (normalised) words the document writes followed by a hyphen and a letter. */
function hyphenatedParts(doc: SeedDocument): Set<string> {
  const parts = new Set<string>();
  for (const line of doc.lines) {
    if (!line.text.includes('-') && !line.text.includes('\u2010')) continue;
    for (const word of doc.analyse(lineHyphenatedWords, line)) parts.add(word);
  }
  return parts;
}

/** A hyphen and the word before it never span lines: they are found line by line. */
const lineHyphenatedWords = defineLineAnalysis('garbled/detached-hyphen/parts', (line) => hyphenatedWords(line.text));

/** The (normalised) words a hyphen follows directly in `text`. */
function hyphenatedWords(text: string): string[] {
  const out: string[] = [];
  HYPHEN_BEFORE_LETTER.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = HYPHEN_BEFORE_LETTER.exec(text))) {
    const word = wordBefore(text, m.index);
    if (word) out.push(normalizeWord(word));
  }
  return out;
}

/** A detached hyphen, offsets relative to its paragraph. */
interface Detached {
  /** Start of the word before the space (or of the space when there is none). */
  wordStart: number;
  spaceStart: number;
  hyphen: number;
  /** End of the word after the hyphen. */
  end: number;
  before?: string;
}

/** The detached hyphens of a paragraph's text; `stopWords` are the document language's (or every language's). */
function detachedIn(text: string, stopWords: ReadonlySet<string> | ReadonlyMap<string, unknown>, conjunctions: ReadonlySet<string>): Detached[] {
  const out: Detached[] = [];
  // Only a space (or tab, or no-break space) before a hyphen can make one.
  if (!SPACE_HYPHEN.test(text)) return out;
  DETACHED.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = DETACHED.exec(text))) {
    const spaceStart = m.index;
    const hyphen = m.index + m[0].length - 1;
    const before = wordBefore(text, spaceStart);
    const after = WORD_AFTER.exec(text.slice(hyphen + 1, hyphen + 60))?.[0];
    if (!after) continue;
    if (before) {
      const b = normalizeWord(before);
      if (conjunctions.has(b) || stopWords.has(b)) continue;
    }
    if (stopWords.has(normalizeWord(after))) continue;
    const rest = text.slice(hyphen + 1 + after.length, hyphen + 1 + PARENTHETICAL_REACH);
    if (CLOSING_HYPHEN.test(rest) || HYPHEN_CLOSING_AT_ONCE.test(rest)) continue;
    out.push({ wordStart: before ? spaceStart - before.length : spaceStart, spaceStart, hyphen, end: hyphen + 1 + after.length, before });
  }
  return out;
}

/** The detached hyphens of a paragraph, after the stop words of the document's language (or of every language). */
const paragraphDetached = defineParagraphAnalysis('garbled/detached-hyphen', (p, { lexicon, languages }) =>
  detachedIn(p.text, lexicon?.stopWords ?? languages.stopWordIndex, languages.conjunctionsOfAll),
);

export default defineRule({
  meta: {
    id: 'garbled/detached-hyphen',
    category: 'garbled',
    defaultSeverity: 'warning',
    description: 'A hyphen separated from the word before it, as machine translation leaves compounds: "norte -coreanos".',
    fixable: true,
    messages: {
      detached: 'Detached hyphen: "{text}" should probably be one hyphenated word, "{joined}".',
    },
  },
  docs,
  check({ doc, report }) {
    let hyphenated: Set<string> | undefined;
    const hyphenatedInDocument = () => (hyphenated ??= hyphenatedParts(doc));
    for (const p of doc.paragraphs) {
      // Only whether the join is certain looks beyond the paragraph.
      for (const d of doc.analyse(paragraphDetached, p)) {
        const start = p.start + d.wordStart;
        const end = p.start + d.end;
        report({
          messageId: 'detached',
          data: { text: doc.text.slice(start, end), joined: `${d.before ?? ''}${p.text.slice(d.hyphen, d.end)}` },
          start,
          end,
          fixes: [
            {
              title: 'Join the hyphen to the word before it',
              edits: [{ start: p.start + d.spaceStart, end: p.start + d.hyphen, text: '' }],
              safe: d.before !== undefined && joinIsCertain(doc, d.before, hyphenatedInDocument),
            },
          ],
        });
      }
    }
  },
});
