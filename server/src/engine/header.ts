/** Finding and reading the date header: the first non-blank line, `date YYYY-MM-DD`. */
import type { LanguageRegistry } from './language/index';

export type DateFormat =
  | 'iso' // 2024-10-28
  | 'iso-month' // 2024-10
  | 'ymd' // 2024/10/28, 2024.10.28, 2024-1-5
  | 'dmy-dot' // 28.10.2024
  | 'slash' // 28/10/2024 or 10/28/2024
  | 'words' // 28 October 2024, October 28, 2024
  | 'month-words' // October 2024
  | 'placeholder' // YYYY-MM-DD
  | 'unparsed';

export interface HeaderDate {
  start: number;
  end: number;
  text: string;
  format: DateFormat;
  year?: number;
  month?: number;
  day?: number;
  /** Day and month cannot be told apart (03/04/2024). */
  ambiguous?: boolean;
}

export interface Header {
  line: number;
  /** Content range of the header line. */
  lineStart: number;
  lineEnd: number;
  /** The keyword as written ("date", "Date:", "DATA"), if any. */
  keyword?: { start: number; end: number; text: string };
  /** Whitespace or colon between keyword and date. */
  separator?: { start: number; end: number; text: string };
  date: HeaderDate;
  /** Body text glued after the date on the same line. */
  body?: { start: number; end: number };
  /** Whitespace before the keyword / after the date (when nothing follows). */
  leading?: { start: number; end: number };
  trailing?: { start: number; end: number };
}

const DATE_FORMS = String.raw`(?<iso>\d{4}-\d{1,2}(?:-\d{1,2})?)|(?<ymd>\d{4}[/.]\d{1,2}[/.]\d{1,2})|(?<dmy>\d{1,2}\.\d{1,2}\.\d{4})|(?<slash>\d{1,2}[/-]\d{1,2}[/-]\d{4})|(?<placeholder>[Yy]{4}-[Mm]{2}(?:-[Dd]{2})?)|(?<dmw>\d{1,2}\.?\s+\p{L}+\.?,?\s+\d{4})|(?<mdw>\p{L}+\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4})|(?<mw>\p{L}+\.?\s+\d{4})`;

/** A date in one of DATE_FORMS at the start of a text, ending at white space or the end: compiled once, as every document asks. */
const DATE_AT_START = new RegExp(`^(?:${DATE_FORMS})(?=\\s|$)`, 'u');

/** Header-shaped lines: used to find a header that is misplaced or repeated. */
export const STRICT_HEADER_RE = /^date(?::[ \t]?|[ \t]+)\d{4}-\d{1,2}(?:-\d{1,2})?$/i;

/** A line shaped like a date header (tested on the trimmed line, which keeps the pattern linear). */
export function isHeaderLike(line: string): boolean {
  return line.length < 40 && STRICT_HEADER_RE.test(line.trim());
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function isValidDate(year: number, month: number, day?: number): boolean {
  if (!(month >= 1 && month <= 12) || year < 1) return false;
  if (day === undefined) return true;
  return day >= 1 && day <= daysInMonth(year, month);
}

export function formatIso(d: { year: number; month: number; day?: number }): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return d.day === undefined ? `${String(d.year).padStart(4, '0')}-${p(d.month)}` : `${String(d.year).padStart(4, '0')}-${p(d.month)}-${p(d.day)}`;
}

/** Reads a date written in one of the known forms, with month names of every shipped language. */
export function readDate(text: string, start: number, langs: LanguageRegistry): HeaderDate | undefined {
  const m = DATE_AT_START.exec(text);
  if (!m || !m.groups) return undefined;
  const g = m.groups;
  const base = { start, end: start + m[0].length, text: m[0] };
  const num = (s: string) => parseInt(s, 10);
  const monthOf = (word: string) => langs.months.get(word.toLowerCase().replace(/\.$/, '').normalize('NFC'));
  if (g.iso) {
    const [y, mo, d] = g.iso.split('-').map(num);
    const exact = /^\d{4}-\d{2}(?:-\d{2})?$/.test(g.iso);
    return { ...base, format: exact ? (d === undefined ? 'iso-month' : 'iso') : 'ymd', year: y, month: mo, day: d };
  }
  if (g.ymd) {
    const [y, mo, d] = g.ymd.split(/[/.]/).map(num);
    return { ...base, format: 'ymd', year: y, month: mo, day: d };
  }
  if (g.dmy) {
    const [d, mo, y] = g.dmy.split('.').map(num);
    return { ...base, format: 'dmy-dot', year: y, month: mo, day: d };
  }
  if (g.slash) {
    const [a, b, y] = g.slash.split(/[/-]/).map(num);
    // Day first unless that is impossible; ambiguous when both readings are possible.
    if (a > 12 && b <= 12) return { ...base, format: 'slash', year: y, month: b, day: a };
    if (b > 12 && a <= 12) return { ...base, format: 'slash', year: y, month: a, day: b };
    return { ...base, format: 'slash', year: y, month: b, day: a, ambiguous: a !== b };
  }
  if (g.placeholder) return { ...base, format: 'placeholder' };
  if (g.dmw) {
    const mm = /^(\d{1,2})\.?\s+(\p{L}+\.?),?\s+(\d{4})$/u.exec(g.dmw)!;
    const month = monthOf(mm[2]);
    if (month) return { ...base, format: 'words', year: num(mm[3]), month, day: num(mm[1]) };
    return undefined;
  }
  if (g.mdw) {
    const mm = /^(\p{L}+\.?)\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/u.exec(g.mdw)!;
    const month = monthOf(mm[1]);
    if (month) return { ...base, format: 'words', year: num(mm[3]), month, day: num(mm[2]) };
    return undefined;
  }
  if (g.mw) {
    const mm = /^(\p{L}+\.?)\s+(\d{4})$/u.exec(g.mw)!;
    const month = monthOf(mm[1]);
    if (month) return { ...base, format: 'month-words', year: num(mm[2]), month };
    return undefined;
  }
  return undefined;
}

/**
 * Reads the header from the first non-blank line. A line is a header when it is a keyword
 * followed by a date, a bare date at the start of the line, or the English keyword `date`
 * followed by anything (then the date is `unparsed`).
 */
export function parseHeader(
  text: string,
  line: number,
  lineStart: number,
  lineEnd: number,
  langs: LanguageRegistry,
): Header | undefined {
  const content = text.slice(lineStart, lineEnd);
  const lead = /^\s*/.exec(content)![0].length;
  let pos = lead;
  let keyword: Header['keyword'];
  let separator: Header['separator'];
  const kw = /^(\p{L}+)(\s*:\s*|\s+)/u.exec(content.slice(pos));
  if (kw && langs.dateKeywords.has(kw[1].toLowerCase())) {
    keyword = { start: lineStart + pos, end: lineStart + pos + kw[1].length, text: kw[1] };
    separator = { start: keyword.end, end: keyword.end + kw[2].length, text: kw[2] };
    pos += kw[0].length;
  }
  let date = readDate(content.slice(pos), lineStart + pos, langs);
  if (!date) {
    const englishKeyword = keyword && keyword.text.toLowerCase() === 'date';
    if (!englishKeyword) return undefined;
    // `date` followed by something that is not a date: the whole first word is the bad date.
    const word = /^\S*/.exec(content.slice(pos))![0];
    date = { start: lineStart + pos, end: lineStart + pos + word.length, text: word, format: 'unparsed' };
  }
  const header: Header = { line, lineStart, lineEnd, keyword, separator, date };
  if (lead > 0) header.leading = { start: lineStart, end: lineStart + lead };
  const after = content.slice(date.end - lineStart);
  const ws = /^\s*/.exec(after)![0].length;
  if (ws < after.length) header.body = { start: date.end + ws, end: lineEnd };
  else if (ws > 0) header.trailing = { start: date.end, end: lineEnd };
  return header;
}
