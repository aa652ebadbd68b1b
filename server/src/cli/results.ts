/** The CLI's result shape: ESLint's JSON formatter shape, with 1-based UTF-16 columns. */
import { LineIndex, type Finding, type Fix } from '../engine/index';
import type { FileProblem, LintedFile } from '../io/lintFile';
import { escapeControlCharacters } from '../io/printable';

export interface Message {
  ruleId: string | null;
  category?: string;
  /** 1 = warning, 2 = error (as ESLint), 3 = info (as textlint): the counts below go by it. */
  severity: 1 | 2 | 3;
  level: 'error' | 'warning' | 'info';
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** The first safe fix, as one replacement of [start, end) (UTF-16 offsets). */
  fix?: { range: [number, number]; text: string };
  /** Problems with the file itself (unreadable, binary, too large): nothing else was checked. */
  fatal?: boolean;
}

export interface FileResult {
  filePath: string;
  messages: Message[];
  errorCount: number;
  warningCount: number;
  infoCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
  /** Only with --fix: how many fixes were written. */
  fixesApplied?: number;
  /** Only with --fix-dry-run, when fixes changed the text: the fixed text (ESLint's `output`). */
  output?: string;
}

/** One replacement equivalent to a fix's edits (the text between edits is kept). */
export function fixAsReplacement(text: string, fix: Fix): { range: [number, number]; text: string } {
  const edits = [...fix.edits].sort((a, b) => a.start - b.start);
  const start = edits[0].start;
  const end = edits[edits.length - 1].end;
  let out = '';
  let pos = start;
  for (const e of edits) {
    out += text.slice(pos, e.start) + e.text;
    pos = e.end;
  }
  return { range: [start, end], text: out };
}

const SEVERITY: Record<Message['level'], Message['severity']> = { error: 2, warning: 1, info: 3 };

export function toMessage(f: Finding, index: LineIndex): Message {
  const s = index.positionAt(f.start);
  const e = index.positionAt(f.end);
  const safe = f.fixes.find((x) => x.safe);
  return {
    ruleId: f.ruleId,
    category: f.category,
    severity: SEVERITY[f.severity],
    level: f.severity,
    // Messages quote the file: what reaches a terminal or a log must not be able to drive it.
    message: escapeControlCharacters(f.message),
    line: s.line + 1,
    column: s.character + 1,
    endLine: e.line + 1,
    endColumn: e.character + 1,
    ...(safe ? { fix: fixAsReplacement(index.text, safe) } : {}),
  };
}

export function fileResult(filePath: string, messages: Message[]): FileResult {
  const r: FileResult = { filePath, messages, errorCount: 0, warningCount: 0, infoCount: 0, fixableErrorCount: 0, fixableWarningCount: 0 };
  for (const m of messages) {
    if (m.level === 'error') r.errorCount++;
    else if (m.level === 'warning') r.warningCount++;
    else r.infoCount++;
    if (m.fix && m.level === 'error') r.fixableErrorCount++;
    if (m.fix && m.level === 'warning') r.fixableWarningCount++;
  }
  return r;
}

export function fatalResult(filePath: string, ruleId: string, message: string, line = 1, column = 1): FileResult {
  return fileResult(filePath, [{ ruleId, severity: 2, level: 'error', message, line, column, endLine: line, endColumn: column, fatal: true }]);
}

/** A file problem as a message (line 1, column 1 when the file was not read). */
export function problemMessage(p: FileProblem, index: LineIndex): Message {
  const s = index.positionAt(p.start);
  const e = index.positionAt(p.end);
  const m: Message = { ruleId: p.ruleId, severity: SEVERITY[p.severity], level: p.severity, message: p.message, line: s.line + 1, column: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1 };
  if (p.fatal) m.fatal = true;
  return m;
}

/** The CLI's result for a linted file: its problems and findings by position. */
export function fileResultOf(linted: LintedFile): FileResult {
  const { index } = linted;
  const messages: Message[] = [];
  for (const p of linted.problems) messages.push(problemMessage(p, index));
  for (const f of linted.findings) messages.push(toMessage(f, index));
  messages.sort((a, b) => a.line - b.line || a.column - b.column);
  const r = fileResult(linted.filePath, messages);
  if (linted.fixesApplied !== undefined) r.fixesApplied = linted.fixesApplied;
  return r;
}
