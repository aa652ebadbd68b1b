import { defineRule } from '../../engine/rule';
import { wholeLineRange } from './shared/line-ranges';
import docs from './duplicate.md';

export default defineRule({
  meta: {
    id: 'date-header/duplicate',
    category: 'date-header',
    defaultSeverity: 'error',
    description: 'A file has one date header, on its first line.',
    fixable: true,
    messages: {
      duplicate: 'A second date header, on line {line}: only the first line holds one.',
    },
  },
  docs,
  check({ doc, report }) {
    const header = doc.header;
    if (!header) return;
    const first = doc.text.slice(header.lineStart, header.lineEnd).trim();
    for (const index of doc.headerLikeLines) {
      const line = doc.lines[index];
      const same = line.text.trim() === first;
      report({
        messageId: 'duplicate',
        data: { line: index + 1 },
        start: line.start,
        end: line.end,
        fixes: [{ title: `Delete the repeated header on line ${index + 1}`, edits: [{ ...wholeLineRange(doc, index), text: '' }], safe: same }],
      });
    }
  },
});
