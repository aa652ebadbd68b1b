/** The corpus report: a summary collected from results, rendered as HTML or Markdown. Pure: no I/O. */
export { CorpusReportBuilder, linkTo, MAX_CLUSTERS, MAX_FINDINGS_PER_FILE, MAX_REPEATED_LINES, MAX_TOP_FILES } from './summary';
export type { CorpusReport, FileSummary, LanguageSummary, ReportCluster, ReportFileInput, ReportLinks, ReportMessage, ReportOptions, RepeatedLineSummary, RuleSummary, SeverityCounts } from './summary';
export { renderHtmlReport, escapeHtml } from './html';
export { renderMarkdownReport, escapeMarkdown } from './markdown';
