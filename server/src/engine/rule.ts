/**
 * The contract of a rule module: metadata, docs and pure, synchronous checks.
 *
 * A rule checks a whole document (`check`), or one paragraph or line at a time (`checkParagraph`,
 * `checkLine`) with offsets relative to that unit. The engine runs unit checks and analyses once per
 * unit and, when a document is linted again and again as it is edited (IncrementalLinter), keeps their
 * results for units whose text is unchanged and moves them with the text: rules hold no caches.
 */
import type { SeedDocument } from './document';
import type { Report, RuleMeta } from './types';
import type { Analysis, LineText, ParagraphText, UnitScope } from './units';

export { defineLineAnalysis, defineParagraphAnalysis } from './units';
export type { Analysis, LineText, ParagraphText, TextSpan, UnitScope } from './units';

/** The rule's options: `meta.defaultOptions` merged with the config's. */
export type RuleOptions = Readonly<Record<string, unknown>>;

export interface RuleContext<P = undefined> {
  doc: SeedDocument;
  options: RuleOptions;
  /** "Today", injected so that future-date checks are testable. */
  now: Date;
  /** What the rule's `prepare` gave for this document. */
  prepared: P;
  report(report: Report): void;
}

export interface UnitContext<P = undefined> extends UnitScope {
  options: RuleOptions;
  prepared: P;
  /** Reports a finding with offsets relative to the unit, its fixes' edits too, all inside the unit. */
  report(report: Report): void;
  /** An analysis of this unit (see defineAnalysis). */
  analyse<T, I>(analysis: Analysis<ParagraphText, T, I>, input: I): T;
}

export interface Rule<P = unknown> {
  meta: RuleMeta;
  /** The rule's documentation in Markdown: what it finds, why, how to fix, examples. */
  docs: string;
  /**
   * What the unit checks need from the whole document, read once per lint (the document's script, say).
   * Unit results are kept only while it gives the same value, so keep it small: strings, numbers,
   * arrays and plain objects of them.
   */
  prepare?(doc: SeedDocument, options: RuleOptions): P;
  /** Findings inside one paragraph, from its text, the document's language, the options and `prepared`. */
  checkParagraph?(paragraph: ParagraphText, context: UnitContext<P>): void;
  /** Findings inside one line (the header line included), on the same terms. */
  checkLine?(line: LineText, context: UnitContext<P>): void;
  /** Findings that need the whole document. */
  check?(context: RuleContext<P>): void;
}

/** Declares a rule, keeping rule modules typed and uniform. */
export function defineRule<P = undefined>(rule: Rule<P>): Rule {
  // The docs come from a Markdown file, whose last line break is not part of them.
  return { ...rule, docs: rule.docs.trimEnd() } as Rule;
}

/** Templates split at their placeholders, built once per rule: odd entries are placeholder names. */
export function compileTemplate(template: string): string[] {
  return template.split(/\{(\w+)\}/);
}

/** Fills `{name}` placeholders of a compiled message template. */
export function fillTemplate(parts: readonly string[], data: Record<string, string | number> = {}): string {
  let out = parts[0];
  for (let i = 1; i < parts.length; i += 2) {
    const key = parts[i];
    out += (Object.hasOwn(data, key) ? String(data[key]) : `{${key}}`) + parts[i + 1];
  }
  return out;
}

/** Fills `{name}` placeholders of a message template. */
export function formatMessage(template: string, data: Record<string, string | number> = {}): string {
  return fillTemplate(compileTemplate(template), data);
}
