/** What the server should report, computed with the engine in-process: the CLI's results, in LSP terms. */
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { allRules, lint, resolveConfig, type ConfigFile, type Finding } from '../../server/src/engine/index';
import { rangeOf } from './lspText';

const SEVERITY = { error: 1, warning: 2, info: 3 } as const;

export function engineFindings(text: string, config: ConfigFile = {}, reviewed?: ReadonlySet<string>): Finding[] {
  return lint(text, resolveConfig(config, allRules), { reviewed }).findings;
}

/** One line per diagnostic: range, severity, code and message. */
export function describeDiagnostic(d: Pick<Diagnostic, 'range' | 'severity' | 'code' | 'message'>): string {
  const { start, end } = d.range;
  return `${start.line}:${start.character}-${end.line}:${end.character} ${d.severity} ${d.code} ${d.message}`;
}

export function expectedDiagnostics(text: string, config: ConfigFile = {}, reviewed?: ReadonlySet<string>): string[] {
  return engineFindings(text, config, reviewed).map((f) =>
    describeDiagnostic({ range: rangeOf(text, f.start, f.end), severity: SEVERITY[f.severity], code: f.ruleId, message: f.message }),
  );
}

export function describeAll(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map(describeDiagnostic);
}

export function codes(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((d) => String(d.code));
}
