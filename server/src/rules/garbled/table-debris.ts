import { defineLineAnalysis, defineRule } from '../../engine/rule';
import { isBlankLine, removeLines } from './shared/line-edits';
import { isRuleRow, isTableLine } from './shared/line-kinds';
import docs from './table-debris.md';

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
  docs,
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
