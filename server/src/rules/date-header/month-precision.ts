import { defineRule } from '../../engine/rule';
import docs from './month-precision.md';

export default defineRule({
  meta: {
    id: 'date-header/month-precision',
    category: 'date-header',
    defaultSeverity: 'info',
    description: 'The header date names the day, not only the month.',
    fixable: false,
    defaultOptions: { requireDay: false },
    messages: {
      monthOnly: 'The date `{found}` gives only the month: add the day when it is known.',
      dayRequired: 'The date `{found}` gives only the month: this corpus requires the day.',
    },
  },
  docs,
  check({ doc, report, options }) {
    const date = doc.header?.date;
    if (!date || date.month === undefined || date.day !== undefined) return;
    if (date.format !== 'iso-month' && date.format !== 'month-words') return;
    const required = options.requireDay === true;
    report({
      messageId: required ? 'dayRequired' : 'monthOnly',
      data: { found: date.text },
      start: date.start,
      end: date.end,
      severity: required ? 'error' : undefined,
    });
  },
});
