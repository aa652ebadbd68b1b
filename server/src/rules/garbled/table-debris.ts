import { defineLineAnalysis, defineRule } from '../../engine/rule';
import { isBlankLine, removeLines } from './shared/line-edits';
import { isRuleRow, isTableLine } from './shared/line-kinds';

/** What a line is: a table row, else a rule row (the loop asks for either). */
const TABLE = 1;
const RULE = 2;
const lineKind = defineLineAnalysis('garbled/table-debris', (line) => (isTableLine(line.text) ? TABLE : isRuleRow(line.text) ? RULE : 0));

export default defineRule({
  meta: {
    id: 'garbled/table-debris',
    category: 'garbled',
    defaultSeverity: 'error',
    description: 'Rows of a web-page table flattened into text: lines of pipes and dashes.',
    fixable: true,
    messages: {
      table: 'Table debris: {lines} line(s) of pipes and dashes left from a web page table ("{first}").',
    },
  },
  docs: `Finds the remains of an HTML table (an infobox, a fact sheet) that a scraper flattened into lines of
cells separated by pipes:

\`\`\`
Details | |
---|---|
Ort | Kursk, Russland |
Quellen |
\`\`\`

A line counts as a table row when it starts or ends with a pipe, holds two or more pipes, or is a rule
of dashes with pipes or pluses (\`---|---|\`, \`+----+\`). Rules of dashes alone (\`-----\`) join a block only
next to such rows; blank lines inside a block belong to it. One finding covers the block. A single pipe
inside a sentence (\`A | B\`) is not a table.

The rows are page structure in another language or format than the article and carry no sentence a reader
could use; a model trained on them learns to emit pipes.

**Fix** (safe): delete the block's lines with their line breaks. If the cells held facts the article needs,
write them into a sentence instead.`,
  check({ doc, report }) {
    const lines = doc.lines;
    const header = doc.header?.line;
    const kinds = lines.map((l) => doc.analyse(lineKind, l));
    const isTable = (k: number) => (kinds[k] & TABLE) !== 0;
    const isRule = (k: number) => (kinds[k] & RULE) !== 0;
    let i = 0;
    while (i < lines.length) {
      if (i === header || !(isTable(i) || isRule(i))) {
        i++;
        continue;
      }
      let last = i;
      let hasCells = isTable(i);
      let j = i + 1;
      while (j < lines.length && j !== header) {
        const t = lines[j].text;
        if (isTable(j) || isRule(j)) {
          hasCells ||= isTable(j);
          last = j;
        } else if (!isBlankLine(t)) break;
        j++;
      }
      if (hasCells) {
        report({
          messageId: 'table',
          data: { lines: lines.slice(i, last + 1).filter((l) => !isBlankLine(l.text)).length, first: lines[i].text.trim().slice(0, 40) },
          start: lines[i].start,
          end: lines[last].end,
          fixes: [{ title: 'Delete the table rows', edits: [removeLines(doc, i, last)], safe: true }],
        });
      }
      i = last + 1;
    }
  },
});
