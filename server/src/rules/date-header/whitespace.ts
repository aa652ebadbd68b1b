import { defineRule } from '../../engine/rule';
import docs from './whitespace.md';

export default defineRule({
  meta: {
    id: 'date-header/whitespace',
    category: 'date-header',
    defaultSeverity: 'warning',
    description: 'No blank lines before the date header and no spaces around it.',
    fixable: true,
    messages: {
      blankLines: '{count} blank line(s) before the date header: the header must be the first line.',
      leading: 'Whitespace before the date header.',
      trailing: 'Trailing whitespace after the date header.',
    },
  },
  docs,
  check({ doc, report }) {
    const header = doc.header;
    if (doc.firstContentLine > 0) {
      const end = doc.lines[doc.firstContentLine].start;
      report({
        messageId: 'blankLines',
        data: { count: doc.firstContentLine },
        start: 0,
        end: doc.lines[0].end,
        fixes: [{ title: 'Delete the blank lines before the header', edits: [{ start: 0, end, text: '' }], safe: true }],
      });
    }
    if (!header) return;
    if (header.leading) {
      report({
        messageId: 'leading',
        ...header.leading,
        fixes: [{ title: 'Delete the whitespace before the header', edits: [{ ...header.leading, text: '' }], safe: true }],
      });
    }
    if (header.trailing) {
      report({
        messageId: 'trailing',
        ...header.trailing,
        fixes: [{ title: 'Delete the trailing whitespace', edits: [{ ...header.trailing, text: '' }], safe: true }],
      });
    }
  },
});
