import { isValidDate } from '../../engine/header';
import { defineRule } from '../../engine/rule';
import docs from './invalid-date.md';

export default defineRule({
  meta: {
    id: 'date-header/invalid-date',
    category: 'date-header',
    defaultSeverity: 'error',
    description: 'The header date is a real calendar date.',
    fixable: false,
    messages: {
      impossible: '`{found}` is not a real date: {reason}.',
      unparsed: '`{found}` is not a date: write the header as `date YYYY-MM-DD`.',
    },
  },
  docs,
  check({ doc, report }) {
    const date = doc.header?.date;
    if (!date) return;
    if (date.format === 'unparsed') {
      report({ messageId: 'unparsed', data: { found: date.text || '(nothing)' }, start: date.start, end: Math.max(date.end, date.start) });
      return;
    }
    if (date.year === undefined || date.month === undefined || date.ambiguous) return;
    if (isValidDate(date.year, date.month, date.day)) return;
    const reason = !(date.month >= 1 && date.month <= 12) ? `there is no month ${date.month}` : `month ${date.month} of ${date.year} has no day ${date.day}`;
    report({ messageId: 'impossible', data: { found: date.text, reason }, start: date.start, end: date.end });
  },
});
