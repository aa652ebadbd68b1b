/** The report as results arrive, and the totals behind the exit code. */
import pkg from '../../../package.json';
import { allRules } from '../engine/index';
import { ruleDocUri } from '../io/docs';
import type { CliArgs } from './args';
import { createReporter, type Reporter } from './formatters';
import type { FileResult } from './results';
import type { CliIo } from './setup';

/**
 * The report as results arrive: the text for each file (errors only with --quiet), the totals
 * behind the exit code and the --fix summary. Keeps no results.
 */
export class Report {
  errors = 0;
  warnings = 0;
  filesFixed = 0;
  fixes = 0;
  private readonly reporter: Reporter;

  constructor(private readonly args: CliArgs, io: CliIo) {
    const color = args.color ?? (io.isTTY && !io.env.NO_COLOR && args.format === 'stylish' && !args.outputFile);
    this.reporter = createReporter(args.format, { cwd: io.cwd, color: Boolean(color), rules: allRules, docsUri: ruleDocUri, version: pkg.version });
  }

  /** The report's text for one more result. */
  add(r: FileResult): string {
    this.errors += r.errorCount;
    this.warnings += r.warningCount;
    if (r.fixesApplied) {
      this.filesFixed++;
      this.fixes += r.fixesApplied;
    }
    const shown = this.args.quiet ? { ...r, messages: r.messages.filter((m) => m.level === 'error'), warningCount: 0, infoCount: 0, fixableWarningCount: 0 } : r;
    return this.reporter.file(shown);
  }

  /** The text that ends the report. */
  end(): string {
    return this.reporter.end();
  }

  get exitCode(): number {
    return this.errors > 0 || (this.args.maxWarnings >= 0 && this.warnings > this.args.maxWarnings) ? 1 : 0;
  }
}

