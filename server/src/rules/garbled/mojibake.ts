import { defineRule } from '../../engine/rule';
import { scriptOf } from '../../engine/scripts';
import type { Report } from '../../engine/types';
import { cp1252Char, isContinuationCode, redecodeSequence, sequenceLength } from './shared/cp1252';
import docs from './mojibake.md';

/** One misread UTF-8 character: the characters it became and the one it was. */
interface Sequence {
  start: number;
  end: number;
  decoded: string;
}

/** Where a decoded character may come from without more evidence than itself. */
function plausibleAlone(cp: number): boolean {
  if (cp >= 0xa0 && cp <= 0x24f) return true; // Latin-1 Supplement, Latin Extended-A and -B
  if (cp >= 0x300 && cp <= 0x36f) return true; // combining accents of decomposed letters (a + ̀)
  if (cp >= 0x2000 && cp <= 0x206f) return true; // quotes, dashes, ellipsis, spaces
  if (cp >= 0x20a0 && cp <= 0x20cf) return true; // currency signs
  if (cp >= 0x2100 && cp <= 0x214f) return true; // ™ №
  if (cp >= 0x2190 && cp <= 0x2bff) return true; // arrows, maths, box drawing, shapes, dingbats (→ • ★)
  if (cp === 0xfeff) return true; // a byte order mark read as "ï»¿"
  return cp >= 0x1f000; // emoji
}

/** Anything written: letters, marks, digits, punctuation, symbols (an Arabic comma inside a garbled word). */
const GRAPHIC = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;
/** Every damaged span holds a Latin-1 character (the lead byte, a C1 control) or U+FFFD. */
const LINE_MAY_HOLD_DAMAGE = /[\u0080-\u00ff\ufffd]/;

/**
 * The misread UTF-8 sequence starting at `i`, if the characters there are the Windows-1252 or
 * Latin-1 reading of one: a lead byte and its continuation bytes that decode to one character.
 */
function sequenceAt(text: string, i: number, end: number): Sequence | undefined {
  const length = sequenceLength(text.charCodeAt(i));
  if (length === 0 || i + length > end) return undefined;
  for (let k = 1; k < length; k++) if (!isContinuationCode(text.charCodeAt(i + k))) return undefined;
  const decoded = redecodeSequence(text, i, length);
  if (decoded === undefined) return undefined;
  return { start: i, end: i + length, decoded };
}

/**
 * A run of adjacent sequences is mojibake when one of them decodes to a character that is common
 * on its own (é, ’, €), or when several decode to written characters: a single "ß“" (a German word ending
 * before a quote) reads as an NKo letter, which nobody wrote. A one-character run in a script that
 * longer runs of the same line established counts too: the "в" among Cyrillic words, an Arabic comma.
 */
function isPlausibleRun(run: Sequence[], established: ReadonlySet<string>): boolean {
  if (run.length === 1) {
    const cp = run[0].decoded.codePointAt(0)!;
    return plausibleAlone(cp) || (GRAPHIC.test(run[0].decoded) && established.has(scriptOf(cp)));
  }
  return run.every((s) => plausibleAlone(s.decoded.codePointAt(0)!) || GRAPHIC.test(s.decoded));
}

/** Findings of one line. */
function damageIn(text: string, report: (r: Report) => void): void {
  const end = text.length;
  const runs: Sequence[][] = [];
  const c1: Array<{ at: number; fixed?: string }> = [];
  const replacements: Array<[number, number]> = [];
  const incomplete: number[] = [];
  let run: Sequence[] = [];
  const candidates: Sequence[][] = [];
  // Called at every character outside a run: a new array only when one closes.
  const closeRun = () => {
    if (run.length === 0) return;
    candidates.push(run);
    run = [];
  };
  for (let i = 0; i < end; ) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      closeRun();
      i++;
      continue;
    }
    // Lead bytes read as Â-ô (U+00C2-U+00F4): only those can open a sequence.
    const seq = c >= 0xc2 && c <= 0xf4 ? sequenceAt(text, i, end) : undefined;
    if (seq) {
      run.push(seq);
      i = seq.end;
      continue;
    }
    closeRun();
    if (c === 0xfffd) {
      let j = i + 1;
      while (j < end && text.charCodeAt(j) === 0xfffd) j++;
      replacements.push([i, j]);
      i = j;
      continue;
    }
    if (c >= 0x80 && c <= 0x9f) {
      c1.push({ at: i, fixed: cp1252Char(c) });
    } else if (text[i] === 'â' && text[i + 1] === '€') {
      // "â€" then a lost byte: 0x9D (”) is the one Windows-1252 leaves undefined, so decoders drop it.
      incomplete.push(i);
      i += 2;
      continue;
    }
    i++;
  }
  closeRun();
  // Scripts that runs of several letters establish on this line.
  const established = new Set<string>();
  for (const r of candidates) if (r.length > 1 && isPlausibleRun(r, established)) for (const q of r) established.add(scriptOf(q.decoded.codePointAt(0)!));
  for (const r of candidates) if (isPlausibleRun(r, established)) runs.push(r);

  if (runs.length) {
    const first = runs[0];
    const last = runs[runs.length - 1];
    // A byte order mark has no place inside the text (at its start the decoder drops one): its repair is to delete it.
    const edits = runs.map((r) => ({ start: r[0].start, end: r[r.length - 1].end, text: r.map((s) => s.decoded).join('').replaceAll('\ufeff', '') }));
    report({
      messageId: edits[0].text === '' ? 'bom' : 'mojibake',
      data: {
        text: text.slice(first[0].start, first[first.length - 1].end),
        fixed: edits[0].text,
        more: runs.length > 1 ? ` (and ${runs.length - 1} more on this line)` : '',
      },
      start: first[0].start,
      end: last[last.length - 1].end,
      fixes: [{ title: 'Re-read the damaged text as UTF-8', edits, safe: true }],
    });
  }
  for (const { at, fixed } of c1) {
    report({
      messageId: fixed ? 'latin1' : 'c1',
      data: { code: text.charCodeAt(at).toString(16).toUpperCase().padStart(4, '0'), fixed: fixed ?? '' },
      start: at,
      end: at + 1,
      fixes: fixed ? [{ title: `Replace with "${fixed}"`, edits: [{ start: at, end: at + 1, text: fixed }], safe: true }] : [],
    });
  }
  for (const at of incomplete) {
    report({
      messageId: 'incomplete',
      data: { text: 'â€' },
      start: at,
      end: at + 2,
      fixes: [{ title: 'Replace with ”', edits: [{ start: at, end: at + 2, text: '”' }], safe: false }],
    });
  }
  for (const [s, e] of replacements) report({ messageId: 'replacement', start: s, end: e });
}

export default defineRule({
  meta: {
    id: 'garbled/mojibake',
    category: 'garbled',
    defaultSeverity: 'error',
    description: 'Text decoded with the wrong character set (Ã© for é, â€™ for ’) or lost in decoding (U+FFFD).',
    fixable: true,
    messages: {
      mojibake: 'Mojibake: "{text}" is UTF-8 misread as Windows-1252 and should read "{fixed}"{more}.',
      bom: 'Mojibake: "{text}" is a UTF-8 byte order mark misread as Windows-1252 and should be deleted{more}.',
      latin1: 'Invisible control character U+{code}: Windows-1252 text misread as Latin-1; it stands for "{fixed}".',
      c1: 'Control character U+{code}: a byte misread as Latin-1 that Windows-1252 leaves undefined.',
      incomplete: 'Mojibake "{text}" whose last byte was lost: probably a closing quote ”.',
      replacement: 'Replacement character U+FFFD: bytes were lost when this text was decoded; the original cannot be recovered from the file.',
    },
  },
  docs,
  checkLine(line, { report }) {
    if (LINE_MAY_HOLD_DAMAGE.test(line.text)) damageIn(line.text, report);
  },
});
