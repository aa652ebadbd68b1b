/** Engine findings to LSP shapes. The only place offsets become line/character. */
import { CodeDescription, Diagnostic, DiagnosticSeverity, DiagnosticTag, Range, TextEdit } from 'vscode-languageserver';
import type { Finding, Fix, LineIndex } from '../engine/index';

/** What a diagnostic carries to the code-action handler. */
export interface DiagnosticData {
  ruleId: string;
  category: string;
  /** The document version the finding was computed on: older ones are dropped. */
  version: number;
  fixes: Fix[];
  fingerprint?: string;
}

export function toRange(index: LineIndex, start: number, end: number): Range {
  return { start: index.positionAt(start), end: index.positionAt(end) };
}

export function toTextEdits(index: LineIndex, fix: Fix): TextEdit[] {
  return fix.edits.map((e) => ({ range: toRange(index, e.start, e.end), newText: e.text }));
}

const SEVERITY: Record<string, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/** Rules whose findings mark text that should go: shown faded. */
const UNNECESSARY = new Set(['garbled/duplicate-line', 'garbled/boilerplate', 'garbled/stutter', 'garbled/table-debris']);

export function toDiagnostic(f: Finding, index: LineIndex, version: number, docUri: (id: string) => string): Diagnostic {
  const data: DiagnosticData = { ruleId: f.ruleId, category: f.category, version, fixes: f.fixes, fingerprint: f.fingerprint };
  const d: Diagnostic = {
    range: toRange(index, f.start, f.end),
    severity: SEVERITY[f.severity],
    code: f.ruleId,
    codeDescription: CodeDescription.is({ href: docUri(f.ruleId) }) ? { href: docUri(f.ruleId) } : undefined,
    source: 'seedlint',
    message: f.message,
    data,
  };
  if (UNNECESSARY.has(f.ruleId)) d.tags = [DiagnosticTag.Unnecessary];
  return d;
}
