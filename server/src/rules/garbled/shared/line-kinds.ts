/**
 * What a line is, when it is not prose: a row of a flattened table, page furniture, an agency tag.
 * Shared by the rules that report such lines and by those that must not mistake them for text.
 */
import type { LanguageRegistry } from '../../../engine/language/index';
import agencyTags from './agency-tags.json';

const PIPES = /[|│┃]/g;
/** A table's rule row: pipes, dashes, colons and pluses only ("---|---|", "+----+"). */
const RULE_ROW = /^[|│┃+\-=:─━┼ \t]+$/;
const RULE_ROW_STROKE = /[-=─━]/;
const PIPE_OR_PLUS = /[|│┃+]/;
const PIPE_CHARS = '|│┃';
const UPPER_START = /^\p{Lu}/u;
const WHITESPACE = /\s/;

/** A line of a table flattened into text: "Ort | Kursk, Russland |", "Quellen |", "---|---|". */
export function isTableLine(text: string): boolean {
  const t = text.trim();
  if (!t) return false;
  if (RULE_ROW.test(t)) return isRuleRow(t) && PIPE_OR_PLUS.test(t);
  const pipes = t.match(PIPES)?.length ?? 0;
  if (pipes === 0) return false;
  return pipes >= 2 || PIPE_CHARS.includes(t[0]) || PIPE_CHARS.includes(t[t.length - 1]);
}

/** A rule of dashes ("-----", "+---+", "===="): part of a table when it stands next to one. */
export function isRuleRow(text: string): boolean {
  const t = text.trim();
  return t.length >= 3 && RULE_ROW.test(t) && RULE_ROW_STROKE.test(t);
}

const AGENCIES = new Set<string>(agencyTags.agencies);
const AGENCY_SEPARATOR = /[/,]/;
/** The inside of a slashed tag: capitals, digits, spaces and hyphens ("/REL/", "/ANSA/", "/ANA-MPA/"). */
const CAPITALS_TAG = /^[\p{Lu}\d][\p{Lu}\d -]{0,28}[\p{Lu}\d]$/u;
const SENTENCE_END_BEFORE = /[.!?…"”»'’)]$/;

/** Whether `inside` (without its brackets or slashes) names agencies: "AFP", "dpa/Reuters". */
function namesAgencies(inside: string): boolean {
  const parts = inside.split(AGENCY_SEPARATOR).map((p) => p.trim());
  return parts.length > 0 && parts.every((p) => AGENCIES.has(p));
}

/** A credit tag on its own, without its line: "/REL/", "(AFP)", "(dpa/Reuters)", "Reuters". */
export function isAgencyTag(text: string): boolean {
  const t = text.trim();
  if (t.length < 3) return false;
  const open = t[0];
  const close = t[t.length - 1];
  const inside = t.slice(1, -1).trim();
  if (open === '/' && close === '/') return CAPITALS_TAG.test(inside) || namesAgencies(inside);
  if (open === '(' && close === ')') return namesAgencies(inside);
  return AGENCIES.has(t) && t.length >= 3 && UPPER_START.test(t);
}

/**
 * A credit tag that ends a paragraph, as offsets into `text`: the tag and the whitespace before it.
 * A parenthesised tag counts only after the end of a sentence, so that "Agence France-Presse (AFP)"
 * in a heading is not taken for a tag.
 */
export function trailingAgencyTag(text: string): { start: number; tagStart: number; end: number } | undefined {
  const trimmedEnd = text.trimEnd().length;
  const t = text.slice(0, trimmedEnd);
  const close = t[t.length - 1];
  if (close !== '/' && close !== ')') return undefined;
  const open = close === '/' ? '/' : '(';
  const tagStart = t.lastIndexOf(open, t.length - 2);
  if (tagStart <= 0 || t.length - tagStart > 42) return undefined;
  if (!isAgencyTag(t.slice(tagStart))) return undefined;
  let start = tagStart;
  while (start > 0 && WHITESPACE.test(t[start - 1])) start--;
  if (start === tagStart || start === 0) return undefined;
  if (open === '(' && !SENTENCE_END_BEFORE.test(t.slice(0, start))) return undefined;
  return { start, tagStart, end: trimmedEnd };
}

/** Page furniture filling a whole line: a boilerplate line of some language, or a lone agency tag. */
export function isBoilerplateLine(languages: LanguageRegistry, text: string): boolean {
  if (text.length > languages.boilerplateMaxLength) return false;
  const t = text.trim();
  return t.length > 0 && (isAgencyTag(t) || languages.isBoilerplate(t));
}
