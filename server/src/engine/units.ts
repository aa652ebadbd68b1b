/**
 * What unit checks and analyses see: a paragraph or a line on its own, offsets relative to its start,
 * and the document's language. The engine keeps their results while the unit's text is unchanged.
 */
import type { LanguageRegistry, Lexicon } from './language/index';
import type { Word } from './words';

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
