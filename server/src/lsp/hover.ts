/** Hover on a finding: its message and its rule's documentation. */
import { MarkupKind, type Hover } from 'vscode-languageserver';
import { allRules, type Finding, type LineIndex } from '../engine/index';
import { toRange } from './convert';

/** The hover for the findings covering `offset`, or null when there is none. */
export function hoverFor(findings: readonly Finding[], offset: number, index: LineIndex, docUri: (ruleId: string) => string): Hover | null {
  const hits = findings.filter((f) => f.start <= offset && offset <= f.end);
  if (hits.length === 0) return null;
  const parts = hits.map((f) => {
    const rule = allRules.find((r) => r.meta.id === f.ruleId);
    const head = `**${f.message}**\n\n[\`${f.ruleId}\`](${docUri(f.ruleId)}) · ${f.severity} · ${f.category}`;
    return rule ? `${head}\n\n---\n\n${rule.docs.trim()}` : head;
  });
  const start = Math.min(...hits.map((f) => f.start));
  const end = Math.max(...hits.map((f) => f.end));
  return { contents: { kind: MarkupKind.Markdown, value: parts.join('\n\n---\n\n') }, range: toRange(index, start, end) };
}
