import { defineRule } from '../../engine/rule';

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
  docs: `A news article cannot be dated after today: a future date is a typo (\`2042\` for \`2024\`) or a
swapped day and month. A month-only date is in the future when its first day is.

No fix.`,
  check({ doc, report, now }) {
    const date = doc.header?.date;
    if (!date || date.year === undefined || date.month === undefined || date.ambiguous) return;
    const day = date.day ?? 1;
    const stamp = Date.UTC(date.year, date.month - 1, day);
    const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
    if (stamp > today) report({ messageId: 'future', data: { found: date.text }, start: date.start, end: date.end });
  },
});
