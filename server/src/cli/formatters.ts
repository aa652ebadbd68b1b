/** Output formats: stylish (people), json (ESLint's shape), sarif (2.1.0), github (workflow annotations). */
import * as path from 'node:path';
import type { Rule } from '../engine/index';
import type { FileResult } from './results';

export type FormatName = 'stylish' | 'json' | 'sarif' | 'github';
export const FORMATS: FormatName[] = ['stylish', 'json', 'sarif', 'github'];

export interface FormatContext {
  cwd: string;
  color: boolean;
  rules: readonly Rule[];
  docsUri: (ruleId: string) => string;
  version: string;
}

/** A path with control characters escaped, so a name with a newline cannot fake report lines. */
export function printablePath(p: string): string {
  return p.replace(/[\u0000-\u001f\u007f]/g, (c) => (c === '\n' ? '\\n' : c === '\t' ? '\\t' : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`));
}

const ansi = (code: number) => (s: string) => `\u001b[${code}m${s}\u001b[0m`;

export function formatStylish(results: FileResult[], ctx: FormatContext): string {
  const c = ctx.color
    ? { red: ansi(31), yellow: ansi(33), blue: ansi(34), dim: ansi(2), underline: ansi(4), bold: ansi(1) }
    : { red: (s: string) => s, yellow: (s: string) => s, blue: (s: string) => s, dim: (s: string) => s, underline: (s: string) => s, bold: (s: string) => s };
  let out = '';
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  let fixableErrors = 0;
  let fixableWarnings = 0;
  for (const r of results) {
    errors += r.errorCount;
    warnings += r.warningCount;
    infos += r.infoCount;
    fixableErrors += r.fixableErrorCount;
    fixableWarnings += r.fixableWarningCount;
    if (r.messages.length === 0) continue;
    out += `\n${c.underline(printablePath(path.relative(ctx.cwd, r.filePath) || r.filePath))}\n`;
    const rows = r.messages.map((m) => [
      `  ${m.line}:${m.column}`,
      m.level === 'error' ? c.red('error') : m.level === 'warning' ? c.yellow('warning') : c.blue('info'),
      m.message.trimEnd(),
      c.dim(m.ruleId ?? ''),
    ]);
    const plainWidth = (s: string) => s.replace(/\u001b\[\d+m/g, '').length;
    const widths = [0, 1].map((i) => Math.max(...rows.map((row) => plainWidth(row[i]))));
    for (const row of rows) {
      out += `${row[0].padEnd(widths[0] + (row[0].length - plainWidth(row[0])))}  ${row[1].padEnd(widths[1] + (row[1].length - plainWidth(row[1])))}  ${row[2]}  ${row[3]}\n`;
    }
  }
  const total = errors + warnings + infos;
  if (total === 0) return '';
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  const summary = `\n${total === 1 ? '1 problem' : `${total} problems`} (${plural(errors, 'error')}, ${plural(warnings, 'warning')}, ${infos} info)\n`;
  out += errors ? c.bold(c.red(summary)) : c.bold(c.yellow(summary));
  if (fixableErrors + fixableWarnings > 0) {
    out += `  ${plural(fixableErrors, 'error')} and ${plural(fixableWarnings, 'warning')} potentially fixable with the \`--fix\` option.\n`;
  }
  return out;
}

export function formatJson(results: FileResult[]): string {
  return JSON.stringify(results) + '\n';
}

/** GitHub workflow commands: one annotation per finding. */
export function formatGithub(results: FileResult[], ctx: FormatContext): string {
  const esc = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const escProp = (s: string) => esc(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
  let out = '';
  for (const r of results) {
    const file = path.relative(ctx.cwd, r.filePath) || r.filePath;
    for (const m of r.messages) {
      const kind = m.level === 'error' ? 'error' : m.level === 'warning' ? 'warning' : 'notice';
      const props = [`file=${escProp(file)}`, `line=${m.line}`, `col=${m.column}`, `endLine=${m.endLine}`, `endColumn=${m.endColumn}`, `title=${escProp(m.ruleId ?? 'seedlint')}`];
      out += `::${kind} ${props.join(',')}::${esc(m.message)}\n`;
    }
  }
  return out;
}

/** SARIF 2.1.0. Columns are UTF-16 code units, SARIF's default column kind. */
export function formatSarif(results: FileResult[], ctx: FormatContext): string {
  const rules = ctx.rules.map((r) => ({
    id: r.meta.id,
    shortDescription: { text: r.meta.description },
    fullDescription: { text: r.docs.split('\n\n')[0].replace(/\s+/g, ' ') },
    helpUri: ctx.docsUri(r.meta.id),
    help: { text: r.meta.description, markdown: r.docs },
    defaultConfiguration: { level: r.meta.defaultSeverity === 'info' ? 'note' : r.meta.defaultSeverity },
    properties: { category: r.meta.category },
  }));
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const sarifResults = results.flatMap((r) =>
    r.messages.map((m) => {
      const uri = path.relative(ctx.cwd, r.filePath).split(path.sep).join('/') || path.basename(r.filePath);
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
      return result;
    }),
  );
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'seedlint', version: ctx.version, informationUri: 'https://www.npmjs.com/package/seedlint', rules } },
        originalUriBaseIds: { '%SRCROOT%': { uri: 'file://' + ctx.cwd.split(path.sep).join('/').replace(/\/?$/, '/') } },
        columnKind: 'utf16CodeUnits',
        results: sarifResults,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

export function format(name: FormatName, results: FileResult[], ctx: FormatContext): string {
  switch (name) {
    case 'json':
      return formatJson(results);
    case 'sarif':
      return formatSarif(results, ctx);
    case 'github':
      return formatGithub(results, ctx);
    default:
      return formatStylish(results, ctx);
  }
}
