import { defineParagraphAnalysis, defineRule } from '../../engine/rule';
import { removeLines } from './shared/line-edits';
import docs from './duplicate-line.md';

const WHITESPACE_RUN = /\s+/g;
/** Whitespace other than single spaces: only then is the text normalised before comparing. */
const ODD_SPACING = /\s\s|[^\S ]/;

/** A paragraph's text with single spaces (`key`), and that in lower case (`folded`): what repeats are compared by. */
const comparable = defineParagraphAnalysis('garbled/duplicate-line', (p) => {
  const key = ODD_SPACING.test(p.text) ? p.text.replace(WHITESPACE_RUN, ' ') : p.text;
  return { key, folded: key === p.text && p.lowerText !== undefined ? p.lowerText : key.toLowerCase() };
});

export default defineRule({
  meta: {
    id: 'garbled/duplicate-line',
    category: 'garbled',
    defaultSeverity: 'warning',
    description: 'A line repeated later in the file, like a title scraped twice.',
    fixable: true,
    messages: {
      duplicate: 'This line repeats line {line}.',
      duplicateCase: 'This line repeats line {line}, apart from upper and lower case.',
    },
    defaultOptions: { minLength: 20 },
  },
  docs,
  check({ doc, report, options }) {
    const minLength = options.minLength as number;
    // Lower-cased text with single spaces -> the first line holding it, and its exact text.
    const seen = new Map<string, { line: number; key: string }>();
    for (const p of doc.paragraphs) {
      if (p.text.length < minLength) continue;
      // Kept across edits, the same string objects come back: the map below hashes them once.
      const { key, folded } = doc.analyse(comparable, p);
      const first = seen.get(folded);
      // Text glued to the header line is never the later copy: it comes first.
      if (first && p.line !== doc.header?.line) {
        const exact = first.key === key;
        report({
          messageId: exact ? 'duplicate' : 'duplicateCase',
          data: { line: first.line + 1 },
          start: p.start,
          end: p.end,
          fixes: [{ title: 'Delete the repeated line', edits: [removeLines(doc, p.line, p.line)], safe: exact }],
        });
        continue;
      }
      if (!first) seen.set(folded, { line: p.line, key });
    }
  },
});
