/**
 * Linting one document again and again as it is edited, re-doing only what the edit touched.
 *
 * Every lint still builds a fresh SeedDocument and runs every rule, so results are those of
 * `lint()` by construction; what is kept between versions is paragraph-local work, keyed by the
 * paragraph's text and its context (see SeedDocument.paragraphMemo): sentence splitting, paragraph
 * languages, the document language (keyed by its 2 KB sample), the figure analysis. A one-character
 * edit re-does that work for one paragraph; whole-document passes (lines, header, duplicate lines)
 * are linear scans and stay cheap. A rule makes its own per-paragraph work incremental by going
 * through `doc.paragraphMemo(kind, paragraph, compute)` with offsets relative to the paragraph.
 *
 * One IncrementalLinter per open document. Not for sharing between documents: entries are dropped
 * when no lint of the last two used them.
 */
import type { ResolvedConfig } from './config';
import { SeedDocument } from './document';
import { lintDocument, type LintOptions, type LintResult } from './lint';
import { DocumentMemo } from './memo';

export class IncrementalLinter {
  private readonly memo = new DocumentMemo();
  private configKey?: string;
  private languages?: ResolvedConfig['languages'];

  lint(text: string, config: ResolvedConfig, options: LintOptions = {}): LintResult {
    // Another configuration (languages, rule options): nothing kept is valid.
    if (config.key !== this.configKey || config.languages !== this.languages) {
      this.memo.clear();
      this.configKey = config.key;
      this.languages = config.languages;
    }
    this.memo.nextGeneration();
    this.memo.startVersion(text);
    return lintDocument(new SeedDocument(text, config.languages, this.memo), config, options);
  }

  /** Lookups answered from earlier versions / computed afresh, since this linter was made. */
  get stats(): { hits: number; misses: number; entries: number } {
    return { hits: this.memo.hits, misses: this.memo.misses, entries: this.memo.size };
  }
}
