import { defineRule } from '../../engine/rule';
import { lineBreakOf } from './shared/line-ranges';
import docs from './glued.md';

export default defineRule({
  meta: {
    id: 'date-header/glued',
    category: 'date-header',
    defaultSeverity: 'error',
    description: 'The date header stands alone on its line; the article starts on the next one.',
    fixable: true,
    messages: {
      glued: 'The article text is glued to the date header: it must start on the next line.',
    },
  },
  docs,
  check({ doc, report }) {
    const header = doc.header;
    if (!header?.body) return;
    const firstWord = /^\S+/.exec(doc.text.slice(header.body.start, header.body.end))![0];
    report({
      messageId: 'glued',
      start: header.date.end,
      end: header.body.start + firstWord.length,
      fixes: [
        {
          title: 'Move the article text to the next line',
          edits: [{ start: header.date.end, end: header.body.start, text: lineBreakOf(doc) }],
          safe: true,
        },
      ],
    });
  },
});
