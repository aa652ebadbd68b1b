import { defineRule } from '../../engine/rule';
import { scriptOf } from '../../engine/scripts';
import docs from './control-character.md';

/** Candidates: C0 controls but tab, line feed and carriage return; DEL; zero-width and bidi controls; BOM. */
const CANDIDATE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

const NAMES: Record<number, string> = {
  0x00: 'NULL',
  0x7f: 'DELETE',
  0x200b: 'ZERO WIDTH SPACE',
  0x200c: 'ZERO WIDTH NON-JOINER',
  0x200d: 'ZERO WIDTH JOINER',
  0x200e: 'LEFT-TO-RIGHT MARK',
  0x200f: 'RIGHT-TO-LEFT MARK',
  0x202a: 'LEFT-TO-RIGHT EMBEDDING',
  0x202b: 'RIGHT-TO-LEFT EMBEDDING',
  0x202c: 'POP DIRECTIONAL FORMATTING',
  0x202d: 'LEFT-TO-RIGHT OVERRIDE',
  0x202e: 'RIGHT-TO-LEFT OVERRIDE',
  0x2060: 'WORD JOINER',
  0x2066: 'LEFT-TO-RIGHT ISOLATE',
  0x2067: 'RIGHT-TO-LEFT ISOLATE',
  0x2068: 'FIRST STRONG ISOLATE',
  0x2069: 'POP DIRECTIONAL ISOLATE',
  0xfeff: 'BYTE ORDER MARK',
};

function nameOf(cp: number): string {
  return NAMES[cp] ?? (cp < 0x20 ? 'control character' : 'invisible character');
}

const LETTER_OR_MARK = /[\p{L}\p{M}]/u;
const MARK = /\p{M}/u;
const PICTOGRAPH = /[\p{Extended_Pictographic}\u{1f3fb}-\u{1f3ff}\ufe0f\u20e3]/u;
const RTL_LETTER = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]/;
/** Scripts written without spaces, where a zero width space marks word boundaries. */
const NO_SPACE_SCRIPT = /[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u0f00-\u0fff]/;

/** The code point before `i` and the one after `i` (skipping surrogate halves). */
function neighbours(text: string, i: number): [string, string] {
  let prev = '';
  if (i > 0) {
    const lo = text.charCodeAt(i - 1);
    prev = lo >= 0xdc00 && lo <= 0xdfff && i > 1 ? text.slice(i - 2, i) : text[i - 1];
  }
  const cp = text.codePointAt(i + 1);
  const next = cp === undefined ? '' : String.fromCodePoint(cp);
  return [prev, next];
}

/** Letters in scripts where joiners shape the text (Indic, Arabic, Sinhala...), unlike Latin, Greek, Cyrillic. */
function isJoiningLetter(ch: string): boolean {
  if (!LETTER_OR_MARK.test(ch)) return false;
  if (MARK.test(ch)) return true;
  const s = scriptOf(ch.codePointAt(0)!);
  return s !== 'Latin' && s !== 'Greek' && s !== 'Cyrillic';
}

/**
 * Whether an invisible character does a job where it stands: a non-joiner between letters (Persian
 * "می‌شود"), a joiner in Indic or Arabic script or inside an emoji sequence, a zero width space between
 * Thai words, a direction mark or isolate in a line that holds right-to-left text.
 */
function isLegitimate(text: string, i: number, lineHasRtl: boolean): boolean {
  const cp = text.charCodeAt(i);
  const [prev, next] = neighbours(text, i);
  switch (cp) {
    case 0x200c:
      return LETTER_OR_MARK.test(prev) && LETTER_OR_MARK.test(next);
    case 0x200d:
      return (isJoiningLetter(prev) && LETTER_OR_MARK.test(next)) || (PICTOGRAPH.test(prev) && PICTOGRAPH.test(next));
    case 0x200b:
      return NO_SPACE_SCRIPT.test(prev) && NO_SPACE_SCRIPT.test(next);
    case 0x200e:
    case 0x200f:
    case 0x202a:
    case 0x202b:
    case 0x202c:
    case 0x2066:
    case 0x2067:
    case 0x2068:
    case 0x2069:
      return lineHasRtl;
    default:
      return false;
  }
}

export default defineRule({
  meta: {
    id: 'garbled/control-character',
    category: 'garbled',
    defaultSeverity: 'error',
    description: 'Invisible control, zero-width or bidi characters that do no job where they stand.',
    fixable: true,
    messages: {
      control: 'Invisible {name} (U+{code}){more}: it does nothing here but break search, matching and display.',
    },
  },
  docs,
  check({ doc, report }) {
    const text = doc.text;
    CANDIDATE.lastIndex = 0;
    if (!CANDIDATE.test(text)) return;
    let lineIndex = -1;
    let lineHasRtl = false;
    let run: number[] = [];
    const flush = () => {
      if (!run.length) return;
      const first = run[0];
      const last = run[run.length - 1];
      const cp = text.charCodeAt(first);
      const edits = run.map((at) => ({ start: at, end: at + 1, text: '' }));
      report({
        messageId: 'control',
        data: { name: nameOf(cp), code: cp.toString(16).toUpperCase().padStart(4, '0'), more: run.length > 1 ? ` and ${run.length - 1} more` : '' },
        start: first,
        end: last + 1,
        fixes: [{ title: run.length > 1 ? 'Delete the invisible characters' : `Delete the ${nameOf(cp).toLowerCase()}`, edits, safe: true }],
      });
      run = [];
    };
    const visit = (i: number) => {
      if (i === 0 && text.charCodeAt(0) === 0xfeff) return;
      const line = doc.lineOf(i);
      if (line !== lineIndex) {
        lineIndex = line;
        lineHasRtl = RTL_LETTER.test(doc.lines[line].text);
      }
      if (isLegitimate(text, i, lineHasRtl)) return;
      // A run: flagged characters separated by nothing else.
      if (run.length && run[run.length - 1] !== i - 1) flush();
      run.push(i);
    };
    CANDIDATE.lastIndex = 0;
    for (let m: RegExpExecArray | null; (m = CANDIDATE.exec(text)); ) visit(m.index);
    flush();
  },
});
