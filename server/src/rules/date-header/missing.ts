import { formatIso, isValidDate } from '../../engine/header';
import { defineLineAnalysis, defineRule } from '../../engine/rule';
import type { Fix } from '../../engine/types';
import type { SeedDocument } from '../../engine/document';
import { firstLineRange, lineBreakOf, wholeLineRange } from './shared/line-ranges';
import docs from './missing.md';

/** Full dates (day, month, year) the text names, in ISO form, deduplicated, each with the first line naming it. */
export function datesNamedInText(doc: SeedDocument): Array<{ iso: string; line: number }> {
  const found = new Map<string, number>();
  for (const line of doc.lines) {
    // Every pattern needs a four-digit year.
    if (!YEAR.test(line.text)) continue;
    for (const iso of doc.analyse(lineDates, line)) {
      if (!found.has(iso)) found.set(iso, line.index + 1);
    }
  }
  return [...found].map(([iso, line]) => ({ iso, line }));
}

const YEAR = /\d{4}/;
const lineDates = defineLineAnalysis('date-header/dates', (line, scope) => datesInLine(line.text, scope.languages.months));

/** The valid dates of 1900-2100 one line names, in ISO form, in the order the patterns find them. */
function datesInLine(text: string, months: ReadonlyMap<string, number>): string[] {
  const out: string[] = [];
  const add = (y: number, m: number | undefined, d: number) => {
    if (m && isValidDate(y, m, d) && y >= 1900 && y <= 2100) out.push(formatIso({ year: y, month: m, day: d }));
  };
  // 28 October 2024, 28. oktober 2024, 24 shkurt të vitit 2022 (up to two short words between).
  for (const m of text.matchAll(/(?<![\p{L}\p{N}])(\d{1,2})\.?\s+(\p{L}+)\.?,?(?:\s+\p{L}{1,6}){0,2}\s+(\d{4})(?![\p{N}])/gu)) {
    add(+m[3], months.get(m[2].toLowerCase()), +m[1]);
  }
  // October 28, 2024
  for (const m of text.matchAll(/(?<![\p{L}\p{N}])(\p{L}+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?![\p{N}])/gu)) {
    add(+m[3], months.get(m[1].toLowerCase()), +m[2]);
  }
  // 2024-10-28 and 28.10.2024
  for (const m of text.matchAll(/(?<![\p{N}])(\d{4})-(\d{2})-(\d{2})(?![\p{N}])/gu)) add(+m[1], +m[2], +m[3]);
  for (const m of text.matchAll(/(?<![\p{N}.])(\d{1,2})\.(\d{1,2})\.(\d{4})(?![\p{N}])/gu)) add(+m[3], +m[2], +m[1]);
  return out;
}

export default defineRule({
  meta: {
    id: 'date-header/missing',
    category: 'date-header',
    defaultSeverity: 'error',
    description: 'The first line must be a date header, `date YYYY-MM-DD`.',
    fixable: true,
    messages: {
      missing: 'The file has no date header: its first line must be `date YYYY-MM-DD`.',
      misplaced: 'The date header is on line {line}: it must be the first line.',
      placeholder: 'The date header is a placeholder: fill in the article\'s date.',
    },
  },
  docs,
  check({ doc, report }) {
    const header = doc.header;
    const eol = lineBreakOf(doc);
    if (header?.date.format === 'placeholder') {
      const fixes: Fix[] = [];
      const candidates = datesNamedInText(doc);
      if (candidates.length === 1) {
        fixes.push({
          title: `Use the date named on line ${candidates[0].line}: ${candidates[0].iso}`,
          edits: [{ start: header.date.start, end: header.date.end, text: candidates[0].iso }],
          safe: false,
        });
      }
      report({ messageId: 'placeholder', start: header.date.start, end: header.date.end, fixes });
      return;
    }
    if (header) return;
    const range = firstLineRange(doc);
    if (doc.headerLikeLines.length > 0) {
      const index = doc.headerLikeLines[0];
      const line = doc.lines[index];
      const fix: Fix = {
        title: `Move the date header from line ${index + 1} to line 1`,
        edits: [
          { start: 0, end: 0, text: line.text.trim() + eol },
          { ...wholeLineRange(doc, index), text: '' },
        ],
        safe: true,
      };
      report({ messageId: 'misplaced', data: { line: index + 1 }, ...range, fixes: [fix] });
      return;
    }
    const fixes: Fix[] = [{ title: 'Insert a placeholder date header', edits: [{ start: 0, end: 0, text: `date YYYY-MM-DD${eol}` }], safe: true }];
    const candidates = datesNamedInText(doc);
    if (candidates.length === 1) {
      fixes.unshift({
        title: `Insert a date header with the date named on line ${candidates[0].line}: ${candidates[0].iso}`,
        edits: [{ start: 0, end: 0, text: `date ${candidates[0].iso}${eol}` }],
        safe: false,
      });
    }
    report({ messageId: 'missing', ...range, fixes });
  },
});
