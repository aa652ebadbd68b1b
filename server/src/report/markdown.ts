/** The corpus report as Markdown for a CI job summary (GitHub's step summary): short tables, no HTML. A pure function of the report. */
import { languageLabel } from './html';
import { linkTo, type CorpusReport } from './summary';

/** Rows per table: a step summary should stay a page or two. */
export const MARKDOWN_ROWS = 10;

/**
 * Text safe in a Markdown table cell: no line breaks, and the characters that would start markup
 * escaped (an underscore only where it could: GitHub leaves one inside a word alone).
 */
export function escapeMarkdown(s: string): string {
  return s.replace(/\r?\n|\r/g, ' ').replace(/[\\`*_[\]<>|~]/g, (c, i: number, all: string) => (c === '_' && /[\p{L}\p{N}]/u.test(all[i - 1] ?? '') && /[\p{L}\p{N}]/u.test(all[i + 1] ?? '') ? c : `\\${c}`));
}

function code(s: string): string {
  // A code span cannot hold its own fence; such paths are escaped text instead.
  return s.includes('`') || /[\r\n|]/.test(s) ? escapeMarkdown(s) : `\`${s}\``;
}

const number = (n: number) => n.toLocaleString('en-US');
const plural = (n: number, word: string) => (n === 1 ? word : `${word}s`);

function blocks(value: number, max: number, width = 20): string {
  if (value <= 0 || max <= 0) return '';
  return '█'.repeat(Math.max(1, Math.round((value / max) * width)));
}

export function renderMarkdownReport(report: CorpusReport): string {
  const link = (text: string, path: string, line?: number, column?: number) => {
    const href = linkTo(report.links, path, line, column);
    return href && report.links.kind !== 'vscode' ? `[${escapeMarkdown(text)}](${href.replace(/[()\s]/g, encodeURIComponent)})` : code(text);
  };
  const lines: string[] = [];
  lines.push(`## ${escapeMarkdown(report.title)}: ${code(report.root)}`);
  lines.push('');
  const { error, warning, info } = report.severities;
  lines.push(
    `**${number(report.findings)}** ${plural(report.findings, 'finding')} in **${number(report.filesWithFindings)}** of ${number(report.files)} ${plural(report.files, 'file')} (${number(error)} ${plural(error, 'error')}, ${number(warning)} ${plural(warning, 'warning')}, ${number(info)} info); ${number(report.languages.length)} ${plural(report.languages.length, 'language')}; ${number(report.clusterCount)} duplicate ${plural(report.clusterCount, 'cluster')}.`,
  );
  if (report.rules.length) {
    const max = report.rules[0].findings;
    lines.push('', '### Findings per rule', '', '| rule | findings | files | |', '|---|--:|--:|---|');
    for (const r of report.rules) {
      const doc = report.docs[r.ruleId];
      lines.push(`| ${doc ? `[${code(r.ruleId)}](${doc})` : code(r.ruleId)} | ${number(r.findings)} | ${number(r.files)} | ${blocks(r.findings, max)} |`);
    }
  }
  if (report.languages.length) {
    const max = Math.max(...report.languages.map((l) => l.files));
    lines.push('', '### Languages', '', '| language | files | findings | per file | |', '|---|--:|--:|--:|---|');
    for (const l of report.languages.slice(0, MARKDOWN_ROWS)) lines.push(`| ${escapeMarkdown(languageLabel(l.language))} | ${number(l.files)} | ${number(l.findings)} | ${(l.findings / Math.max(1, l.files)).toFixed(2)} | ${blocks(l.files, max)} |`);
    if (report.languages.length > MARKDOWN_ROWS) lines.push(`| ${number(report.languages.length - MARKDOWN_ROWS)} more | ${number(report.languages.slice(MARKDOWN_ROWS).reduce((n, l) => n + l.files, 0))} | ${number(report.languages.slice(MARKDOWN_ROWS).reduce((n, l) => n + l.findings, 0))} | | |`);
  }
  if (report.topFiles.length) {
    lines.push('', '### Files with the most findings', '', '| file | findings | first finding |', '|---|--:|---|');
    for (const f of report.topFiles.slice(0, MARKDOWN_ROWS)) {
      const first = f.first[0];
      lines.push(`| ${link(`${f.path}:${first.line}`, f.path, first.line, first.column)} | ${number(f.findings)} | ${code(first.ruleId)} ${escapeMarkdown(first.message)} |`);
    }
  }
  if (report.repeatedLines.length) {
    lines.push('', '### Most repeated lines', '', '| line | files |', '|---|--:|');
    for (const r of report.repeatedLines.slice(0, MARKDOWN_ROWS)) lines.push(`| ${escapeMarkdown(r.text)} | ${number(r.files)} |`);
  }
  if (report.clusters.length) {
    lines.push('', '### Duplicate clusters', '');
    for (const c of report.clusters.slice(0, MARKDOWN_ROWS)) {
      const shown = c.files.slice(0, 5).map((p) => link(p, p, 1, 1));
      const more = c.files.length > 5 ? ` and ${number(c.files.length - 5)} more` : '';
      lines.push(`- ${c.exact ? 'exact copies' : c.similarity >= 0.995 ? 'near-duplicates (the same prose)' : `near-duplicates (similarity ≥ ${c.similarity.toFixed(2)})`}: ${shown.join(', ')}${more}`);
    }
    if (report.clusterCount > MARKDOWN_ROWS) lines.push(`- ${number(report.clusterCount - Math.min(MARKDOWN_ROWS, report.clusters.length))} more clusters`);
  }
  lines.push('', `_${escapeMarkdown(`${report.tool.name} ${report.tool.version}`.trim())}, ${escapeMarkdown(report.generatedAt)}_`, '');
  return lines.join('\n');
}
