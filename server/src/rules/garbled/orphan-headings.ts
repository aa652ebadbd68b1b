import type { Paragraph, SeedDocument } from '../../engine/document';
import { defineRule } from '../../engine/rule';
import { removeLines } from './shared/line-edits';
import { isBoilerplateLine, isRuleRow, isTableLine } from './shared/line-kinds';
import docs from './orphan-headings.md';

/** Ends in a letter, digit or mark: no full stop, colon, quote or bracket closes it. */
const UNPUNCTUATED_END = /[\p{L}\p{N}\p{M}]$/u;
/** A list item keeps its marker: "- item", "• item", "1. item", "a) item". */
const LIST_MARKER = /^(?:[-*•·–—]\s|\d{1,3}[.)]\s|\p{L}\)\s)/u;

function isHeadingLike(doc: SeedDocument, p: Paragraph, maxLength: number): boolean {
  if (p === doc.title || p.line === doc.header?.line) return false;
  if (p.text.length > maxLength || !UNPUNCTUATED_END.test(p.text) || LIST_MARKER.test(p.text)) return false;
  return !isTableLine(p.text) && !isRuleRow(p.text) && !isBoilerplateLine(doc.languages, p.text);
}

export default defineRule({
  meta: {
    id: 'garbled/orphan-headings',
    category: 'garbled',
    defaultSeverity: 'warning',
    description: 'Three or more short unpunctuated lines in a row with no text between: a scraped section list.',
    fixable: true,
    messages: {
      run: '{count} heading-like lines in a row with no text under any of them: a table of contents or section list, not article text.',
    },
    defaultOptions: { minRun: 3, maxLength: 80 },
  },
  docs,
  check({ doc, report, options }) {
    const minRun = options.minRun as number;
    const maxLength = options.maxLength as number;
    const flush = (run: Paragraph[]) => {
      if (run.length < minRun) return;
      const first = run[0];
      const last = run[run.length - 1];
      report({
        messageId: 'run',
        data: { count: run.length },
        start: first.start,
        end: last.end,
        fixes: [{ title: `Delete the ${run.length} heading lines`, edits: [removeLines(doc, first.line, last.line)], safe: false }],
      });
    };
    let run: Paragraph[] = [];
    for (const p of doc.paragraphs) {
      if (isHeadingLike(doc, p, maxLength)) {
        run.push(p);
      } else {
        flush(run);
        run = [];
      }
    }
    flush(run);
  },
});
