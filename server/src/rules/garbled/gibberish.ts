import { defineRule } from '../../engine/rule';
import { scriptOf, type Script } from '../../engine/scripts';
import docs from './gibberish.md';

/** Where a word splits into parts: hyphens, apostrophes, internal periods ("Pynongy-visitysitysday-hnk"). */
const PART_SEPARATOR = /['’\-‐.]/;
const LOWER_THEN_UPPER = /\p{Ll}\p{Lu}/gu;
const LETTER = /\p{L}/u;
const INNER_CAPITAL = /.\p{Lu}/u;
const LATIN_LETTER = /[A-Za-z\u00c0-\u024f]/;
const GREEK_OR_CYRILLIC = /[\u0370-\u052f]/;
const SYMBOL_WITH_SUBSCRIPT = /^[\u03b1-\u03c9\u0394\u03a3\u03a9][a-z]{1,4}$/;
const LOWERCASE_LATIN = /^[a-zß-öø-ÿ]+$/;
/** Vowels and the consonants that carry syllables in Slavic words (krk, vlk, smrt). */
const SYLLABIC = /[aeiouyàáâãäåæèéêëìíîïòóôõöøùúûüýÿœrlw]/;
/** Scripts that share look-alike letters: a word mixing them has been tampered with or mistyped. */
const LOOKALIKE_SCRIPTS = new Set<Script>(['Latin', 'Cyrillic', 'Greek']);
const MAX_PART = 64;
/** Evidence needed, in points: one clue alone (a repeat in "karşılaşılan", a vowelless "hmm") is not enough. */
const THRESHOLD = 2;

/** Look-alike letters across Latin, Cyrillic and Greek, as [latin, cyrillic, greek] ('' where a script has none). */
const LOOKALIKES: Array<[string, string, string]> = [
  ['a', 'а', 'α'], ['c', 'с', ''], ['e', 'е', ''], ['i', 'і', 'ι'], ['j', 'ј', ''], ['o', 'о', 'ο'], ['p', 'р', 'ρ'],
  ['s', 'ѕ', ''], ['x', 'х', 'χ'], ['y', 'у', 'γ'], ['v', '', 'ν'], ['k', 'к', 'κ'], ['A', 'А', 'Α'], ['B', 'В', 'Β'],
  ['C', 'С', ''], ['E', 'Е', 'Ε'], ['H', 'Н', 'Η'], ['I', 'І', 'Ι'], ['J', 'Ј', ''], ['K', 'К', 'Κ'], ['M', 'М', 'Μ'],
  ['N', '', 'Ν'], ['O', 'О', 'Ο'], ['P', 'Р', 'Ρ'], ['S', 'Ѕ', ''], ['T', 'Т', 'Τ'], ['X', 'Х', 'Χ'], ['Y', 'У', 'Υ'],
  ['Z', '', 'Ζ'], ['è', 'ѐ', ''], ['ë', 'ё', ''], ['ï', 'ї', ''],
];
const SCRIPT_COLUMN: Partial<Record<Script, number>> = { Latin: 0, Cyrillic: 1, Greek: 2 };
const LOOKALIKE_OF = new Map<string, string[]>();
for (const row of LOOKALIKES) for (const ch of row) if (ch) LOOKALIKE_OF.set(ch, row);

interface Verdict {
  points: number;
  clues: string[];
  /** For a word mixing look-alike scripts: the word written in its main script, when every stray letter has a twin. */
  repaired?: string;
}

/**
 * The longest run of letters repeated back to back in `part`: four letters or more twice
 * ("itys|itys"), or three or more three times. For each unit length, count how long the text
 * agrees with itself shifted by that length; k agreeing letters in a row are a unit of k repeated.
 */
function adjacentRepeat(part: string): { unit: string; copies: number } | undefined {
  let best: { unit: string; copies: number } | undefined;
  for (let k = 3; 2 * k <= part.length; k++) {
    let run = 0;
    for (let j = 0; j + k < part.length; j++) {
      if (part.charCodeAt(j) !== part.charCodeAt(j + k)) {
        run = 0;
        continue;
      }
      run++;
      const copies = Math.floor(run / k) + 1;
      if ((k >= 4 && copies >= 2) || copies >= 3) {
        const start = j + 1 - run;
        if (!best || copies > best.copies || (copies === best.copies && k > best.unit.length)) best = { unit: part.slice(start, start + k), copies };
      }
    }
  }
  return best;
}

/** Letters of a part by script, for the look-alike scripts. */
function scriptsOf(part: string): Map<Script, number> {
  const counts = new Map<Script, number>();
  for (const ch of part) {
    if (!LETTER.test(ch)) continue;
    const s = scriptOf(ch.codePointAt(0)!);
    counts.set(s, (counts.get(s) ?? 0) + 1);
  }
  return counts;
}

/** The token with its stray look-alike letters turned into `target`'s; undefined if one has no twin. */
function inScript(token: string, target: Script): string | undefined {
  const column = SCRIPT_COLUMN[target]!;
  let out = '';
  for (const ch of token) {
    const s = LETTER.test(ch) ? scriptOf(ch.codePointAt(0)!) : target;
    if (s === target || !LOOKALIKE_SCRIPTS.has(s)) {
      out += ch;
      continue;
    }
    const twin = LOOKALIKE_OF.get(ch)?.[column];
    if (!twin) return undefined;
    out += twin;
  }
  return out;
}

/** Adds the clue of a run of letters repeated back to back in `part`. */
function addRepeatClue(verdict: Verdict, part: string): void {
  const repeat = countedRepeat(part);
  if (repeat) {
    verdict.points += repeat.copies >= 3 ? 2 : 1;
    verdict.clues.push(`repeats "${repeat.unit}"`);
  }
}

/** The repeat in `part` that counts as a clue, if any. */
function countedRepeat(part: string): { unit: string; copies: number } | undefined {
  // The search costs the square of the length: a part longer than any word is left alone.
  if (part.length > MAX_PART) return undefined;
  const repeat = adjacentRepeat(part);
  // A part that is only the doubling ("couscous", "chercher") is a word of its own.
  return repeat && repeat.unit.length * repeat.copies < part.length ? repeat : undefined;
}

/**
 * PART_SEPARATOR and GREEK_OR_CYRILLIC both fail on text[start, end): what the check of a short word
 * asks, read from the document without slicing the word (most words are short).
 */
export function isPlainShortWord(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x27 || c === 0x2019 || c === 0x2d || c === 0x2010 || c === 0x2e || (c >= 0x370 && c <= 0x52f)) return false;
  }
  return true;
}

/** The verdict on a token without a clue: shared, never changed. */
const NO_CLUES: Verdict = Object.freeze({ points: 0, clues: Object.freeze([]) as unknown as string[] });

/** Judges one token from its letters alone: no word list can vouch for names and new words. */
function judge(token: string, docScript: string): Verdict {
  // Only a token with letters on both sides of U+0370 can mix Latin with Greek or Cyrillic.
  const mayMix = GREEK_OR_CYRILLIC.test(token) && LATIN_LETTER.test(token);
  // Most tokens (every short Cyrillic or Greek word among them) are one part with no capital inside
  // that mixes no scripts: only a repeat can count there, and a short one has none.
  if (!mayMix && !PART_SEPARATOR.test(token) && !INNER_CAPITAL.test(token)) {
    // Most long words repeat nothing: a verdict of their own only when they do.
    if (token.length < 8 || !countedRepeat(token)) return NO_CLUES;
    const verdict: Verdict = { points: 0, clues: [] };
    addRepeatClue(verdict, token);
    return verdict;
  }
  const verdict: Verdict = { points: 0, clues: [] };
  const parts = token.split(PART_SEPARATOR);
  let mixed = false;
  for (const [index, part] of parts.entries()) {
    if (part.length >= 8 || index > 0) addRepeatClue(verdict, part);
    if (index > 0 && part.length >= 3 && LOWERCASE_LATIN.test(part) && !SYLLABIC.test(part)) {
      verdict.points += 1;
      verdict.clues.push(`"${part}" has no vowel`);
    }
    if (part.length >= 6 && INNER_CAPITAL.test(part) && (part.match(LOWER_THEN_UPPER)?.length ?? 0) >= 3) {
      verdict.points += 2;
      verdict.clues.push('case changes inside the word');
    }
    if (mayMix) {
      const lookalike = [...scriptsOf(part).keys()].filter((s) => LOOKALIKE_SCRIPTS.has(s));
      if (lookalike.length > 1) mixed = true;
    }
  }
  // A Greek letter before Latin ones is a symbol with a subscript or a unit: "δlj", "μg", "λmax".
  if (mixed && !SYMBOL_WITH_SUBSCRIPT.test(token)) {
    verdict.points += THRESHOLD;
    const counts = scriptsOf(token);
    const ranked = [...counts.entries()].filter(([s]) => LOOKALIKE_SCRIPTS.has(s)).sort((a, b) => b[1] - a[1]);
    verdict.clues.push(`mixes ${ranked.map(([s]) => s).join(' and ')} letters`);
    const [main, stray] = ranked;
    // Repair only when the main script is clear: three times the stray letters, and the document's own.
    if (main && stray && main[1] >= 3 * stray[1] && main[0] === docScript) verdict.repaired = inScript(token, main[0]);
  }
  return verdict;
}

export default defineRule<string>({
  meta: {
    id: 'garbled/gibberish',
    category: 'garbled',
    defaultSeverity: 'warning',
    description: 'Tokens no language writes: repeated syllables, vowelless parts, case flips, look-alike letters from other scripts.',
    fixable: true,
    messages: {
      gibberish: 'Not a word of any language: "{token}" ({clues}).',
      mixedScripts: '"{token}" {clues}: look-alike letters from another script break search and spelling.',
    },
  },
  docs,
  // Only the document's script, besides the words, reaches the verdict.
  prepare: (doc) => doc.languageProfile.script,
  checkParagraph(p, { prepared: docScript, report }) {
    const text = p.text;
    for (const sentence of p.sentences) {
      // The paragraph's words (shared with other rules), split at hyphens, apostrophes and periods.
      for (const word of p.words(sentence)) {
        // A plain word of under eight letters has room for none of the clues (a repeat needs eight, the
        // others a hyphenated part or three case changes); a short word can still mix scripts.
        if (word.end - word.start < 8 && isPlainShortWord(text, word.start, word.end)) continue;
        const token = text.slice(word.start, word.end);
        const verdict = judge(token, docScript);
        if (verdict.points < THRESHOLD) continue;
        const { start, end } = word;
        const isMixed = verdict.clues.some((c) => c.startsWith('mixes'));
        report({
          messageId: isMixed && verdict.points === THRESHOLD ? 'mixedScripts' : 'gibberish',
          data: { token, clues: verdict.clues.join(', ') },
          start,
          end,
          fixes: verdict.repaired && verdict.repaired !== token ? [{ title: `Write "${verdict.repaired}"`, edits: [{ start, end, text: verdict.repaired }], safe: true }] : [],
        });
      }
    }
  },
});
