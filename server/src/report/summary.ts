/**
 * What a corpus report shows, collected file by file as a lint run produces results: totals per rule,
 * per language and per severity, the files with the most findings, the most repeated lines and the
 * duplicate clusters. Memory is bounded: counts, plus the top entries of each list.
 */
import type { Severity } from '../engine/types';

/** A finding as the CLI reports it (its Message has these fields): 1-based line and UTF-16 column. */
export interface ReportMessage {
  ruleId: string | null;
  category?: string;
  level: Severity;
  message: string;
  line: number;
  column: number;
  /** The text the finding covers, when the caller has it (the report lists the most repeated lines by it). */
  excerpt?: string;
}

export interface ReportFileInput {
  /** As the report shows it and links to it: relative to the corpus root, with / separators. */
  path: string;
  /** ISO 639-1, or 'und'. */
  language?: string;
  messages: readonly ReportMessage[];
}

export interface ReportCluster {
  exact: boolean;
  similarity: number;
  files: string[];
}

export type SeverityCounts = Record<Severity, number>;

export interface RuleSummary {
  ruleId: string;
  category: string;
  findings: number;
  files: number;
  severities: SeverityCounts;
}

export interface LanguageSummary {
  language: string;
  files: number;
  filesWithFindings: number;
  findings: number;
  /** Findings per rule in files of this language. */
  rules: Record<string, number>;
}

export interface FileSummary {
  path: string;
  language: string;
  findings: number;
  severities: SeverityCounts;
  rules: Record<string, number>;
  /** Its first findings in line order, at most MAX_FINDINGS_PER_FILE. */
  first: Array<{ ruleId: string; level: Severity; message: string; line: number; column: number }>;
}

export interface RepeatedLineSummary {
  text: string;
  /** Files where the report saw it flagged. */
  files: number;
  /** One of them, and where. */
  example: { path: string; line: number; column: number };
}

/** How the report links to files: relative to where it is written, or into VS Code (vscode://file/...). */
export type ReportLinks = { kind: 'relative'; base: string } | { kind: 'vscode'; root: string } | { kind: 'none' };

export interface CorpusReport {
  title: string;
  tool: { name: string; version: string };
  /** ISO 8601, given by the caller: the renderers read no clock. */
  generatedAt: string;
  /** The corpus root as the report names it. */
  root: string;
  links: ReportLinks;
  files: number;
  filesWithFindings: number;
  findings: number;
  severities: SeverityCounts;
  /** Most findings first. */
  rules: RuleSummary[];
  /** Most files first. */
  languages: LanguageSummary[];
  /** Most findings first, at most MAX_TOP_FILES. */
  topFiles: FileSummary[];
  /** Most files first, at most MAX_REPEATED_LINES (only when messages carry excerpts). */
  repeatedLines: RepeatedLineSummary[];
  /** Largest first, at most MAX_CLUSTERS. */
  clusters: ReportCluster[];
  /** Clusters in all, when more than the report lists. */
  clusterCount: number;
  /** Rule documentation links, by rule id, when the caller has them. */
  docs: Record<string, string>;
}

export const MAX_TOP_FILES = 25;
export const MAX_FINDINGS_PER_FILE = 10;
export const MAX_REPEATED_LINES = 25;
export const MAX_CLUSTERS = 50;

const zero = (): SeverityCounts => ({ error: 0, warning: 0, info: 0 });

export interface ReportOptions {
  title?: string;
  tool?: { name: string; version: string };
  generatedAt: string;
  root: string;
  links?: ReportLinks;
  docs?: Record<string, string>;
}

/** Collects a corpus report from results, file by file. */
export class CorpusReportBuilder {
  private files = 0;
  private filesWithFindings = 0;
  private findings = 0;
  private readonly severities = zero();
  private readonly rules = new Map<string, RuleSummary>();
  private readonly languages = new Map<string, LanguageSummary>();
  private top: FileSummary[] = [];
  private readonly repeated = new Map<string, RepeatedLineSummary>();
  private clusterList: ReportCluster[] = [];
  private clusterCount = 0;

  constructor(private readonly options: ReportOptions) {}

  addFile(file: ReportFileInput): void {
    this.files++;
    const language = file.language ?? 'und';
    let lang = this.languages.get(language);
    if (!lang) this.languages.set(language, (lang = { language, files: 0, filesWithFindings: 0, findings: 0, rules: {} }));
    lang.files++;
    if (file.messages.length === 0) return;
    this.filesWithFindings++;
    lang.filesWithFindings++;
    const summary: FileSummary = { path: file.path, language, findings: 0, severities: zero(), rules: {}, first: [] };
    const seenRules = new Set<string>();
    const seenLines = new Set<string>();
    for (const m of [...file.messages].sort((a, b) => a.line - b.line || a.column - b.column)) {
      const ruleId = m.ruleId ?? '(file)';
      this.findings++;
      this.severities[m.level]++;
      lang.findings++;
      lang.rules[ruleId] = (lang.rules[ruleId] ?? 0) + 1;
      let rule = this.rules.get(ruleId);
      if (!rule) this.rules.set(ruleId, (rule = { ruleId, category: m.category ?? ruleId.split('/')[0], findings: 0, files: 0, severities: zero() }));
      rule.findings++;
      rule.severities[m.level]++;
      if (!seenRules.has(ruleId)) {
        seenRules.add(ruleId);
        rule.files++;
      }
      summary.findings++;
      summary.severities[m.level]++;
      summary.rules[ruleId] = (summary.rules[ruleId] ?? 0) + 1;
      if (summary.first.length < MAX_FINDINGS_PER_FILE) summary.first.push({ ruleId, level: m.level, message: m.message, line: m.line, column: m.column });
      if (ruleId === 'corpus/repeated-line' && m.excerpt) this.countRepeated(m.excerpt, file.path, m, seenLines);
    }
    this.top.push(summary);
    // Sorted and cut now and then: the list stays short however many files come.
    if (this.top.length >= 4 * MAX_TOP_FILES) this.top = byFindings(this.top).slice(0, MAX_TOP_FILES);
  }

  /** The duplicate clusters of the corpus pass (paths as the report shows them). */
  addClusters(clusters: readonly ReportCluster[]): void {
    this.clusterCount += clusters.length;
    this.clusterList = [...this.clusterList, ...clusters].sort((a, b) => b.files.length - a.files.length || b.similarity - a.similarity || a.files[0].localeCompare(b.files[0])).slice(0, MAX_CLUSTERS);
  }

  build(): CorpusReport {
    const o = this.options;
    return {
      title: o.title ?? 'Corpus report',
      tool: o.tool ?? { name: 'seedlint', version: '' },
      generatedAt: o.generatedAt,
      root: o.root,
      links: o.links ?? { kind: 'relative', base: '' },
      files: this.files,
      filesWithFindings: this.filesWithFindings,
      findings: this.findings,
      severities: { ...this.severities },
      rules: [...this.rules.values()].sort((a, b) => b.findings - a.findings || a.ruleId.localeCompare(b.ruleId)),
      languages: [...this.languages.values()].sort((a, b) => b.files - a.files || a.language.localeCompare(b.language)),
      topFiles: byFindings(this.top).slice(0, MAX_TOP_FILES),
      repeatedLines: [...this.repeated.values()].sort((a, b) => b.files - a.files || a.text.localeCompare(b.text)).slice(0, MAX_REPEATED_LINES),
      clusters: this.clusterList,
      clusterCount: this.clusterCount,
      docs: o.docs ?? {},
    };
  }

  /** Counts a flagged line once per file, under its text normalised as the rule compares lines. */
  private countRepeated(excerpt: string, path: string, m: ReportMessage, seen: Set<string>): void {
    const text = excerpt.length > 200 ? `${excerpt.slice(0, 199)}…` : excerpt;
    const key = text.toLowerCase().replace(/\s+/g, ' ').replace(/\d+/g, '0');
    if (seen.has(key)) return;
    seen.add(key);
    const entry = this.repeated.get(key);
    if (entry) entry.files++;
    else if (this.repeated.size < 20 * MAX_REPEATED_LINES) this.repeated.set(key, { text, files: 1, example: { path, line: m.line, column: m.column } });
  }
}

function byFindings(files: FileSummary[]): FileSummary[] {
  return [...files].sort((a, b) => b.findings - a.findings || b.severities.error - a.severities.error || a.path.localeCompare(b.path));
}

/** The link to a place in a file, as the report's links say; undefined for none. */
export function linkTo(links: ReportLinks, path: string, line = 1, column = 1): string | undefined {
  const encoded = path.split('/').map(encodeURIComponent).join('/');
  switch (links.kind) {
    case 'vscode': {
      // A Windows drive ("C:") keeps its colon; every other segment is encoded like the path.
      const root = links.root.replace(/\\/g, '/').split('/').filter((s, i) => s || i === 0).map((s) => (/^[A-Za-z]:$/.test(s) ? s : encodeURIComponent(s))).join('/');
      return `vscode://file${root.startsWith('/') ? '' : '/'}${root}/${encoded}:${line}:${column}`;
    }
    case 'relative':
      return `${links.base}${encoded}`;
    default:
      return undefined;
  }
}
