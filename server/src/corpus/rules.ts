/**
 * The corpus rules' metadata, messages and docs: rules like the others (category `corpus`, configured
 * in seedlint.config.json), except that their findings come from the corpus index, not from one file.
 */
import type { RuleMeta, Severity } from '../engine/types';

/** RuleMeta with the corpus category (the engine's Category does not list it yet). */
export type CorpusRuleMeta = Omit<RuleMeta, 'category'> & { category: 'corpus' };

export interface CorpusRuleModule {
  meta: CorpusRuleMeta;
  docs: string;
}

export const REPEATED_LINE = 'corpus/repeated-line';
export const NEAR_DUPLICATE = 'corpus/near-duplicate';

export interface RepeatedLineOptions {
  /** A line must be in at least this many files (near-duplicates of one another count once)... */
  minFiles: number;
  /** ...and in at least this share of the corpus's files (0: no share). */
  minShare: number;
}

export interface NearDuplicateOptions {
  /** Estimated Jaccard similarity of word 5-gram sets at or above which two files are near-duplicates. */
  threshold: number;
  /** Files with fewer words are never compared (a stub page is not an article). */
  minWords: number;
}

export const repeatedLine: CorpusRuleModule = {
  meta: {
    id: REPEATED_LINE,
    category: 'corpus',
    defaultSeverity: 'warning',
    description: 'A line that is not article prose and occurs in many files of the corpus: site furniture (menus, footers, ad labels).',
    messages: {
      repeated: 'This line is in {count} files of the corpus (also {other}): site furniture, not article text.',
      remove: 'Remove this line (in {count} files)',
    },
    fixable: true,
    defaultOptions: { minFiles: 3, minShare: 0 } satisfies RepeatedLineOptions,
  },
  docs: `# corpus/repeated-line

Finds lines that the same site put on many of its pages: menus, footers, ad labels, newsletter and
cookie lines, share buttons. A line counts when, after lower-casing, collapsing white space and
reading every run of digits as one number, it occurs in at least \`minFiles\` files of the corpus
(default 3; copies of one article count once) and in at least \`minShare\` of them (default 0: no
share), and it does not read as article prose.

A line reads as prose when it ends like a sentence and has at least six words (or has 25 words
without a sentence end), enough of them stop words of the document's language, and is not a known
furniture shape (a copyright line, a line of the language's boilerplate list). Prose shared by
files is left alone: a quote or a paragraph that several articles share is article text, and two
copies of one article are \`corpus/near-duplicate\`'s business (near-duplicates count once here, so
a story and its copy do not make their title a repeated line).

The finding names how many files hold the line and one other file that does.

## How to fix
Delete the line (the fix does, in this file; it is a removal, not applied by \`--fix\` unless
removals are chosen). If the line is article text after all, raise \`minFiles\` or mark the finding
as reviewed.

## Example
\`\`\`
date 2024-05-02
Council approves the new budget
Subscribe to our newsletter        <- in 240 of 300 files
...
\`\`\`

## Options
- \`minFiles\` (3): the fewest files a line must be in.
- \`minShare\` (0): the smallest share of the corpus's files it must be in, for very large corpora
  where three files are too few. On the 20,000-file benchmark corpus every line held by 3 to 200
  files was furniture (cookie, share and comment lines), which 1 % would have hidden.
`,
};

export const nearDuplicate: CorpusRuleModule = {
  meta: {
    id: NEAR_DUPLICATE,
    category: 'corpus',
    defaultSeverity: 'warning',
    description: 'Two files whose texts are the same or near-identical: a story saved twice, a syndicated copy.',
    messages: {
      exact: 'Exact copy of {other} (the same text apart from the date header, case and spacing).',
      exactMany: 'Exact copy of {other} (the same text apart from the date header, case and spacing); {more} more file(s) are copies of it too.',
      near: 'Near-duplicate of {other} (similarity {similarity}).',
      nearMany: 'Near-duplicate of {other} (similarity {similarity}) and of {more} more file(s).',
    },
    fixable: false,
    defaultOptions: { threshold: 0.8, minWords: 25 } satisfies NearDuplicateOptions,
  },
  docs: `# corpus/near-duplicate

Finds files whose texts are the same story: a page saved twice, with and without its comments, a
syndicated copy with another title, a copy with one paragraph cut. The finding sits on line 1 of
each copy and names the most similar other file and the similarity.

Files are compared by the words of their body (the date header is left out): identical bodies
(apart from case and spacing) are exact copies; otherwise the similarity is the Jaccard index of
the two files' sets of five-word sequences (characters, for scripts written without spaces),
estimated with MinHash and found with locality-sensitive hashing, so that a corpus of 100,000 files
is never compared pair by pair. Only lines that read as prose are compared when a file has enough
of them (40 words), so two articles of one site are not similar because they share its menus and
footers, and a copy saved with another site's menus is still the same article (similarity 1.00
without being an exact copy).

## How to fix
Keep one copy and delete the others, or mark the finding as reviewed when both belong in the
corpus (a correction and the original, say).

## Options
- \`threshold\` (0.8): the estimated similarity at or above which files are near-duplicates. The
  estimate's standard error is about 0.035 at 0.8.
- \`minWords\` (25): shorter files are not compared.
`,
};

export const corpusRules: readonly CorpusRuleModule[] = [repeatedLine, nearDuplicate];

export type CorpusRuleSetting = Severity | 'off' | { severity?: Severity | 'off'; options?: Record<string, unknown> };

export interface CorpusSettings {
  repeatedLine?: { severity: Severity; options: RepeatedLineOptions };
  nearDuplicate?: { severity: Severity; options: NearDuplicateOptions };
}

/** The corpus rules' severities and options from a config's `rules` (absent: the defaults; 'off': left out). */
export function resolveCorpusSettings(rules: Record<string, CorpusRuleSetting | unknown> = {}): CorpusSettings {
  const resolve = <T>(mod: CorpusRuleModule): { severity: Severity; options: T } | undefined => {
    const setting = rules[mod.meta.id] as CorpusRuleSetting | undefined;
    let severity: Severity | 'off' = mod.meta.defaultSeverity;
    let options = { ...mod.meta.defaultOptions };
    if (typeof setting === 'string') severity = setting;
    else if (setting && typeof setting === 'object') {
      if (setting.severity) severity = setting.severity;
      options = { ...options, ...setting.options };
    }
    return severity === 'off' ? undefined : { severity, options: options as T };
  };
  return { repeatedLine: resolve<RepeatedLineOptions>(repeatedLine), nearDuplicate: resolve<NearDuplicateOptions>(nearDuplicate) };
}
