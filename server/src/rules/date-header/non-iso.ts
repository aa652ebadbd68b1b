import { formatIso, isValidDate } from '../../engine/header';
import { defineRule } from '../../engine/rule';
import docs from './non-iso.md';

export default defineRule({
  meta: {
    id: 'date-header/non-iso',
    category: 'date-header',
    defaultSeverity: 'error',
    description: 'The header date is written in ISO 8601: `YYYY-MM-DD`.',
    fixable: true,
    messages: {
      nonIso: 'Date `{found}` is not in ISO 8601 form: write `{iso}`.',
      ambiguous: 'Date `{found}` is not in ISO 8601 form, and day and month cannot be told apart: write it as `YYYY-MM-DD`.',
    },
  },
  docs,
  check({ doc, report }) {
    const date = doc.header?.date;
    if (!date || date.year === undefined || date.month === undefined) return;
    if (date.format === 'iso' || date.format === 'iso-month') return;
    if (date.ambiguous) {
      report({ messageId: 'ambiguous', data: { found: date.text }, start: date.start, end: date.end });
      return;
    }
    const iso = formatIso({ year: date.year, month: date.month, day: date.day });
    const valid = isValidDate(date.year, date.month, date.day);
    report({
      messageId: 'nonIso',
      data: { found: date.text, iso: valid ? iso : 'YYYY-MM-DD' },
      start: date.start,
      end: date.end,
      fixes: valid ? [{ title: `Rewrite the date as ${iso}`, edits: [{ start: date.start, end: date.end, text: iso }], safe: true }] : [],
    });
  },
});
