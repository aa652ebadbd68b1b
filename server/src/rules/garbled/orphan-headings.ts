import type { Paragraph, SeedDocument } from '../../engine/document';
import { defineRule } from '../../engine/rule';
import { removeLines } from './shared/line-edits';
import { isBoilerplateLine, isRuleRow, isTableLine } from './shared/line-kinds';

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
  docs: `Finds a run of short lines (at most \`maxLength\` characters, default 80) that do not end in punctuation,
with no paragraph between them: \`minRun\` (default 3) or more in a row. Such runs are a page's table of
contents, a "related topics" box or the sub-headings of sections whose text the scraper lost:

\`\`\`
Relatórios sobre ajuda militar norte-coreana
Reações do Kremlin e Coréia do Sul
reforço da cooperação militar
Entregas de armas e relacionamentos bilaterais
\`\`\`

One heading followed by its paragraph is normal structure and is left alone, as are the title, list items
(\`- \`, \`• \`, \`1. \`), table rows and boilerplate lines (their own rules report those).

**Fix** (unsafe): delete the run. It is not applied in bulk because the lines may be real sub-headings
whose sections went missing: then the text should be restored from the source rather than the headings
dropped, and only a person can tell which.`,
  check({ doc, report, options }) {
    const minRun = Number(options.minRun ?? 3);
    const maxLength = Number(options.maxLength ?? 80);
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
