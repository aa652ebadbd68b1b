/** Output formats: stylish (people), json (ESLint's shape), sarif (2.1.0), github (workflow annotations). */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { escapeControlCharacters } from '../io/printable';
import type { Rule } from '../engine/index';
import type { FileResult } from './results';

export type FormatName = 'stylish' | 'json' | 'sarif' | 'github';
export const FORMATS: FormatName[] = ['stylish', 'json', 'sarif', 'github'];

export interface FormatContext {
  cwd: string;
  color: boolean;
  rules: readonly Rule[];
  /** A public page for a rule: SARIF's helpUri, left out unless it is an http(s) URL (never the machine's file:// path). */
  docsUri?: (ruleId: string) => string | undefined;
  version: string;
}

/** What the report says after the results: the verdict of --max-warnings. */
export interface ReportEnd {
  /** Set when there were more warnings than --max-warnings allows: that maximum. */
  tooManyWarnings?: number;
}

/** ESLint's words for an exit caused by --max-warnings. */
export function tooManyWarningsMessage(max: number): string {
  return `seedlint found too many warnings (maximum: ${max}).`;
}

/** Whether a format's report has a place for the --max-warnings verdict (json's array has none); the others get it on stderr. */
export function reportsTooManyWarnings(name: FormatName): boolean {
  return name === 'stylish' || name === 'github' || name === 'sarif';
}

/** A path with control characters escaped, so a name with a newline cannot fake report lines. */
export function printablePath(p: string): string {
  return escapeControlCharacters(p);
}

const ansi = (code: number) => (s: string) => `\u001b[${code}m${s}\u001b[0m`;

/**
 * A report written as it goes: `file` gives the text for one more file's result (results arrive
 * in report order), `end` the text that closes the report. The concatenation is byte for byte the
 * report of all the results at once, so the CLI can write each file's part as soon as it is known
 * and keep no results in memory.
 */
export interface Reporter {
  file(result: FileResult): string;
  end(summary?: ReportEnd): string;
}

export function createReporter(name: FormatName, ctx: FormatContext): Reporter {
  switch (name) {
    case 'json':
      return jsonReporter();
    case 'sarif':
      return sarifReporter(ctx);
    case 'github':
      return githubReporter(ctx);
    default:
      return stylishReporter(ctx);
  }
}

/** The whole report of `results` at once. */
export function format(name: FormatName, results: FileResult[], ctx: FormatContext, summary?: ReportEnd): string {
  const reporter = createReporter(name, ctx);
  let out = '';
  for (const r of results) out += reporter.file(r);
  return out + reporter.end(summary);
}

function stylishReporter(ctx: FormatContext): Reporter {
  const c = ctx.color
    ? { red: ansi(31), yellow: ansi(33), blue: ansi(34), dim: ansi(2), underline: ansi(4), bold: ansi(1) }
    : { red: (s: string) => s, yellow: (s: string) => s, blue: (s: string) => s, dim: (s: string) => s, underline: (s: string) => s, bold: (s: string) => s };
  const plainWidth = (s: string) => s.replace(/\u001b\[\d+m/g, '').length;
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  let fixableErrors = 0;
  let fixableWarnings = 0;
  return {
    file(r) {
      errors += r.errorCount;
      warnings += r.warningCount;
      infos += r.infoCount;
      fixableErrors += r.fixableErrorCount;
      fixableWarnings += r.fixableWarningCount;
      if (r.messages.length === 0) return '';
      let out = `\n${c.underline(printablePath(path.relative(ctx.cwd, r.filePath) || r.filePath))}\n`;
      const rows = r.messages.map((m) => [
        `  ${m.line}:${m.column}`,
        m.level === 'error' ? c.red('error') : m.level === 'warning' ? c.yellow('warning') : c.blue('info'),
        m.message.trimEnd(),
        c.dim(m.ruleId ?? ''),
      ]);
      const widths = [0, 0];
      for (const row of rows) for (const i of [0, 1]) widths[i] = Math.max(widths[i], plainWidth(row[i]));
      for (const row of rows) {
        out += `${row[0].padEnd(widths[0] + (row[0].length - plainWidth(row[0])))}  ${row[1].padEnd(widths[1] + (row[1].length - plainWidth(row[1])))}  ${row[2]}  ${row[3]}\n`;
      }
      return out;
    },
    end(summary) {
      const verdict = summary?.tooManyWarnings !== undefined ? `\n${c.bold(c.red(tooManyWarningsMessage(summary.tooManyWarnings)))}\n` : '';
      // A file's counts are those of its messages, so no file section was written when there is no problem.
      const total = errors + warnings + infos;
      if (total === 0) return verdict;
      const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
      const line = `\n${total === 1 ? '1 problem' : `${total} problems`} (${plural(errors, 'error')}, ${plural(warnings, 'warning')}, ${infos} info)\n`;
      let out = errors ? c.bold(c.red(line)) : c.bold(c.yellow(line));
      if (fixableErrors + fixableWarnings > 0) {
        out += `  ${plural(fixableErrors, 'error')} and ${plural(fixableWarnings, 'warning')} potentially fixable with the \`--fix\` option.\n`;
      }
      return out + verdict;
    },
  };
}

/** `JSON.stringify(results) + '\n'`, one element at a time. */
function jsonReporter(): Reporter {
  let first = true;
  return {
    file(r) {
      const out = (first ? '[' : ',') + JSON.stringify(r);
      first = false;
      return out;
    },
    end: () => (first ? '[' : '') + ']\n',
  };
}

/** GitHub workflow commands: one annotation per finding. */
function githubReporter(ctx: FormatContext): Reporter {
  const esc = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const escProp = (s: string) => esc(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
  return {
    file(r) {
      let out = '';
      // CR and LF are the workflow command's own escapes (%0D, %0A, decoded by the runner); other controls are written as text.
      const file = (path.relative(ctx.cwd, r.filePath) || r.filePath).replace(/[^\r\n]+/g, escapeControlCharacters);
      for (const m of r.messages) {
        const kind = m.level === 'error' ? 'error' : m.level === 'warning' ? 'warning' : 'notice';
        const props = [`file=${escProp(file)}`, `line=${m.line}`, `col=${m.column}`, `endLine=${m.endLine}`, `endColumn=${m.endColumn}`, `title=${escProp(m.ruleId ?? 'seedlint')}`];
        out += `::${kind} ${props.join(',')}::${esc(m.message)}\n`;
      }
      return out;
    },
    end: (summary) => (summary?.tooManyWarnings !== undefined ? `::error title=seedlint::${esc(tooManyWarningsMessage(summary.tooManyWarnings))}\n` : ''),
  };
}

/**
 * SARIF 2.1.0. Columns are UTF-16 code units, SARIF's default column kind. The log is
 * `JSON.stringify(log, null, 2)`: written as the text around an empty `results` array, with each
 * result stringified on its own and indented to its depth (JSON.stringify puts line breaks only
 * between tokens, never inside strings, so re-indenting a part gives the bytes of the whole).
 */
function sarifReporter(ctx: FormatContext): Reporter {
  const rules = ctx.rules.map((r) => ({
    id: r.meta.id,
    shortDescription: { text: r.meta.description },
    fullDescription: { text: r.docs.split('\n\n')[0].replace(/\s+/g, ' ') },
    ...publicUri(ctx.docsUri?.(r.meta.id)),
    help: { text: r.meta.description, markdown: r.docs },
    defaultConfiguration: { level: r.meta.defaultSeverity === 'info' ? 'note' : r.meta.defaultSeverity },
    properties: { category: r.meta.category },
  }));
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'seedlint', version: ctx.version, informationUri: 'https://www.npmjs.com/package/seedlint', rules } },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(ctx.cwd).href.replace(/\/?$/, '/') } },
        columnKind: 'utf16CodeUnits',
        results: [],
      },
    ],
  };
  const empty = JSON.stringify(log, null, 2) + '\n';
  // `results` is the run's last key, and quotes inside strings are escaped: this is the key itself.
  const at = empty.lastIndexOf('"results": []');
  const head = empty.slice(0, at + '"results": ['.length);
  const depth = at - empty.lastIndexOf('\n', at) - 1;
  const itemIndent = '\n' + ' '.repeat(depth + 2);
  /** The log with no results, as it ends; with the --max-warnings verdict as the run's invocation (after `results`). */
  const closing = (summary: ReportEnd | undefined) => {
    if (summary?.tooManyWarnings === undefined) return empty;
    const invocations = [{ executionSuccessful: true, toolExecutionNotifications: [{ level: 'error', message: { text: tooManyWarningsMessage(summary.tooManyWarnings) } }] }];
    return JSON.stringify({ ...log, runs: [{ ...log.runs[0], invocations }] }, null, 2) + '\n';
  };
  const tail = (summary: ReportEnd | undefined) => {
    const text = closing(summary);
    return text.slice(text.lastIndexOf('"results": []') + '"results": []'.length);
  };
  let first = true;
  return {
    file(r) {
      let out = '';
      const uri = artifactUri(path.relative(ctx.cwd, r.filePath).split(path.sep).join('/') || path.basename(r.filePath));
      for (const m of r.messages) {
        const result: Record<string, unknown> = {
          ruleId: m.ruleId ?? 'seedlint/file',
          level: m.level === 'info' ? 'note' : m.level,
          message: { text: m.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri, uriBaseId: '%SRCROOT%' },
                region: { startLine: m.line, startColumn: m.column, endLine: m.endLine, endColumn: m.endColumn },
              },
            },
          ],
        };
        const idx = m.ruleId ? ruleIndex.get(m.ruleId) : undefined;
        if (idx !== undefined) result.ruleIndex = idx;
        out += (first ? head : ',') + itemIndent + JSON.stringify(result, null, 2).replace(/\n/g, itemIndent);
        first = false;
      }
      return out;
    },
    end: (summary) => (first ? closing(summary) : '\n' + ' '.repeat(depth) + ']' + tail(summary)),
  };
}

/** `{helpUri}` for a public http(s) page; nothing for anything else (a file:// path names the machine that ran the lint). */
function publicUri(uri: string | undefined): { helpUri?: string } {
  return uri !== undefined && /^https?:\/\//.test(uri) ? { helpUri: uri } : {};
}

/** A relative path as a URI reference: each segment percent-encoded (`#`, `?`, `%`, CR, LF and the rest), so it decodes to the path again. */
export function artifactUri(relative: string): string {
  return relative
    .split('/')
    .map((segment) => encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))
    .join('/');
}
