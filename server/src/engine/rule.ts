/**
 * The contract of a rule module: metadata, docs and pure, synchronous checks.
 *
 * A rule checks a whole document (`check`), or one paragraph or line at a time (`checkParagraph`,
 * `checkLine`) with offsets relative to that unit. The engine runs unit checks and analyses once per
 * unit and, when a document is linted again and again as it is edited (IncrementalLinter), keeps their
 * results for units whose text is unchanged and moves them with the text: rules hold no caches.
 */
import type { Line, Paragraph, SeedDocument } from './document';
import type { LanguageRegistry, Lexicon } from './language/index';
import type { Report, RuleMeta } from './types';
import type { Word } from './words';

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

/** A stretch of a paragraph, offsets relative to the paragraph's start. */
export interface TextSpan {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** A line as a line check sees it: its text, without the line break. */
export interface LineText {
  readonly text: string;
}

/** A paragraph as a paragraph check sees it: its own text, every offset relative to its start. */
export interface ParagraphText {
  readonly text: string;
  readonly sentences: readonly TextSpan[];
  /** Words of one of `sentences`: letters and marks with internal hyphens, apostrophes and periods. */
  words(sentence: TextSpan): readonly Word[];
  /** The paragraph's language: its own when it is long enough to tell, else the document's. */
  readonly language: string;
  /** The text in lower case when it is the same length, unit for unit (it holds neither İ nor Σ); else undefined. */
  readonly lowerText?: string;
}

/** What unit work may depend on besides the unit's text: the document's language and the configuration. */
export interface UnitScope {
  /** The document's language (ISO 639-1) or 'und'. */
  language: string;
  lexicon?: Lexicon;
  languages: LanguageRegistry;
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

/**
 * Work on one unit (a paragraph or a line) that depends on nothing but its text, the document's
 * language and the configuration (`scope`), and `input`: the engine computes it once per unit and lint,
 * shared by every rule that asks, and keeps it across edits while the unit's text is unchanged. Offsets
 * in the result must be relative to the unit. `input` is part of the key: numbers, strings, small
 * arrays and plain objects, or an object with a `cacheKey` string.
 */
export interface Analysis<U, T, I = undefined> {
  readonly id: string;
  readonly unit: 'paragraph' | 'line';
  analyse(unit: U, scope: UnitScope, input: I): T;
}

export function defineParagraphAnalysis<T, I = undefined>(id: string, analyse: (paragraph: ParagraphText, scope: UnitScope, input: I) => T): Analysis<ParagraphText, T, I> {
  return { id, unit: 'paragraph', analyse };
}

export function defineLineAnalysis<T, I = undefined>(id: string, analyse: (line: LineText, scope: UnitScope, input: I) => T): Analysis<LineText, T, I> {
  return { id, unit: 'line', analyse };
}

/** The unit an analysis of this kind runs on, as the document holds it. */
export type UnitOf<U> = U extends ParagraphText ? Paragraph : Line;

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
