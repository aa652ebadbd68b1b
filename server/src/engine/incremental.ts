/**
 * Linting one document again and again as it is edited, re-doing only what the edit touched.
 *
 * Every lint still builds a fresh SeedDocument and runs every rule, so results are those of
 * `lint()` by construction; what is kept between versions is unit work, keyed by the unit's text and
 * what else it depends on: sentence splitting, paragraph languages, analyses and unit checks (see
 * engine/rule.ts). A one-character edit re-does that work for one paragraph; whole-document checks
 * run again, and are linear scans.
 *
 * One IncrementalLinter per open document. Not for sharing between documents: entries are dropped
 * when no lint of the last two used them.
 */
import type { ResolvedConfig } from './config';
import { SeedDocument } from './document';
import { lintDocument, type LintOptions, type LintResult } from './lint';
import { DocumentMemo, type UnchangedHint } from './memo';

export class IncrementalLinter {
  private readonly memo = new DocumentMemo();
  private configKey?: string;
  private languages?: ResolvedConfig['languages'];

  /**
   * Lints `text`, a later version of the document linted last. `hint`, from the editor's change ranges
   * since then, says how much of the text at its start and at its end is unchanged: the engine takes it
   * instead of comparing the texts, once it has checked it (a wrong hint costs time, not results).
   */
  lint(text: string, config: ResolvedConfig, options: LintOptions = {}, hint?: UnchangedHint): LintResult {
    // Another configuration (languages, rule options): nothing kept is valid.
    if (config.key !== this.configKey || config.languages !== this.languages) {
      this.memo.clear();
      this.configKey = config.key;
      this.languages = config.languages;
    }
    this.memo.nextGeneration();
    this.memo.startVersion(text, hint);
    return lintDocument(new SeedDocument(text, config.languages, this.memo), config, options);
  }

  /** Lookups answered from earlier versions / computed afresh, and hints taken / found wrong, since this linter was made. */
  get stats(): { hits: number; misses: number; entries: number; hintsUsed: number; hintsRejected: number } {
    return { hits: this.memo.hits, misses: this.memo.misses, entries: this.memo.size, hintsUsed: this.memo.hintsUsed, hintsRejected: this.memo.hintsRejected };
  }
}
