import { defineRule } from '../../engine/rule';
import docs from './keyword.md';

export default defineRule({
  meta: {
    id: 'date-header/keyword',
    category: 'date-header',
    defaultSeverity: 'error',
    description: 'The header keyword is exactly `date`, followed by one space.',
    fixable: true,
    messages: {
      variant: 'Header keyword `{found}` should be `date`.',
      missingKeyword: 'The date header has no `date` keyword.',
      separator: 'Separate `date` and the date with exactly one space.',
    },
  },
  docs,
  check({ doc, report }) {
    const header = doc.header;
    if (!header || header.date.format === 'unparsed') return;
    if (!header.keyword) {
      report({
        messageId: 'missingKeyword',
        start: header.date.start,
        end: header.date.end,
        fixes: [{ title: 'Insert the `date` keyword', edits: [{ start: header.date.start, end: header.date.start, text: 'date ' }], safe: true }],
      });
      return;
    }
    const fix = {
      title: 'Write the keyword as `date `',
      edits: [{ start: header.keyword.start, end: header.date.start, text: 'date ' }],
      safe: true,
    };
    if (header.keyword.text !== 'date') {
      report({ messageId: 'variant', data: { found: doc.text.slice(header.keyword.start, header.separator!.end).trim() }, start: header.keyword.start, end: header.separator!.end, fixes: [fix] });
    } else if (header.separator!.text !== ' ') {
      report({ messageId: 'separator', start: header.separator!.start, end: header.separator!.end, fixes: [fix] });
    }
  },
});
