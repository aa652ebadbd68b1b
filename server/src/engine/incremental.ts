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

/** What the changes noted since the last lint left alone, and the text's length after them. */
interface NotedChanges {
  prefix: number;
  suffix: number;
  length: number;
}

export class IncrementalLinter {
  private readonly memo = new DocumentMemo();
  private configKey?: string;
  private languages?: ResolvedConfig['languages'];
  /** Length of the text linted last; changes noted since then; a change of unknown extent among them. */
  private length?: number;
  private noted?: NotedChanges;
  private unknownChange = false;

  /**
   * Notes an edit of the document since the last lint (an editor's change range): `start` and `end`
   * are offsets in the text before this change, `inserted` the length of the text put there. The next
   * lint takes what the changes left alone from these instead of comparing texts (and checks it).
   */
  noteChange(start: number, end: number, inserted: number): void;
  /** Notes a change of unknown extent (a whole new text): the next lint compares texts. */
  noteChange(): void;
  noteChange(start?: number, end?: number, inserted?: number): void {
    if (this.length === undefined) return;
    if (start === undefined || end === undefined || inserted === undefined) {
      this.unknownChange = true;
      return;
    }
    const n = this.noted ?? { prefix: this.length, suffix: this.length, length: this.length };
    this.noted = { prefix: Math.min(n.prefix, start), suffix: Math.min(n.suffix, n.length - end), length: n.length - (end - start) + inserted };
  }

  lint(text: string, config: ResolvedConfig, options: LintOptions = {}): LintResult {
    // Another configuration (languages, rule options): nothing kept is valid.
    if (config.key !== this.configKey || config.languages !== this.languages) {
      this.memo.clear();
      this.configKey = config.key;
      this.languages = config.languages;
    }
    this.memo.nextGeneration();
    this.memo.startVersion(text, this.hint(text));
    this.length = text.length;
    this.noted = undefined;
    this.unknownChange = false;
    return lintDocument(new SeedDocument(text, config.languages, this.memo), config, options);
  }

  /** What the noted changes left unchanged, when every change was noted (the lengths agree). */
  private hint(text: string): UnchangedHint | undefined {
    if (this.length === undefined || this.unknownChange) return undefined;
    if (!this.noted) return text.length === this.length ? { prefix: text.length, suffix: 0 } : undefined;
    const { prefix, suffix, length } = this.noted;
    if (length !== text.length) return undefined;
    const room = Math.min(this.length, text.length);
    const p = Math.max(0, Math.min(prefix, room));
    return { prefix: p, suffix: Math.max(0, Math.min(suffix, room - p)) };
  }

  /** Lookups answered from earlier versions / computed afresh, and hints used / found wrong, since this linter was made. */
  get stats(): { hits: number; misses: number; entries: number; hintsUsed: number; hintsRejected: number } {
    return { hits: this.memo.hits, misses: this.memo.misses, entries: this.memo.size, hintsUsed: this.memo.hintsUsed, hintsRejected: this.memo.hintsRejected };
  }
}
