import { defineRule } from '../../engine/rule';
import docs from './future.md';

export default defineRule({
  meta: {
    id: 'date-header/future',
    category: 'date-header',
    defaultSeverity: 'warning',
    description: 'The header date is not in the future.',
    fixable: false,
    messages: {
      future: 'The date `{found}` is in the future.',
    },
  },
  docs,
  check({ doc, report, now }) {
    const date = doc.header?.date;
    if (!date || date.year === undefined || date.month === undefined || date.ambiguous) return;
    const day = date.day ?? 1;
    const stamp = Date.UTC(date.year, date.month - 1, day);
    const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
    if (stamp > today) report({ messageId: 'future', data: { found: date.text }, start: date.start, end: date.end });
  },
});
