/** The report as results arrive, and the totals behind the exit code. */
import pkg from '../../../package.json';
import { allRules } from '../engine/index';
import type { CliArgs } from './args';
import { createReporter, type Reporter, type ReportEnd } from './formatters';
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
    // No helpUri in SARIF: the rule docs ship inside the package, and a file:// path would name this machine.
    this.reporter = createReporter(args.format, { cwd: io.cwd, color: Boolean(color), rules: allRules, version: pkg.version });
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

  /** The text that ends the report, with the --max-warnings verdict where the format has room for it. */
  end(): string {
    return this.reporter.end(this.summary);
  }

  /** Set when there are more warnings than --max-warnings allows (warnings hidden by --quiet count too, as in ESLint). */
  get tooManyWarnings(): boolean {
    return this.args.maxWarnings >= 0 && this.warnings > this.args.maxWarnings;
  }

  get summary(): ReportEnd {
    return this.tooManyWarnings ? { tooManyWarnings: this.args.maxWarnings } : {};
  }

  get exitCode(): number {
    return this.errors > 0 || this.tooManyWarnings ? 1 : 0;
  }
}

