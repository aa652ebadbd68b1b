/** Hover on a finding: its message and its rule's documentation. */
import { MarkupKind, type Hover } from 'vscode-languageserver';
import { allRules, type Finding, type LineIndex } from '../engine/index';
import { escapeControlCharacters } from '../io/printable';
import { toRange } from './convert';

/** The hover for the findings covering `offset`, or null when there is none. */
export function hoverFor(findings: readonly Finding[], offset: number, index: LineIndex, docUri: (ruleId: string) => string): Hover | null {
  const hits = findings.filter((f) => f.start <= offset && offset <= f.end);
  if (hits.length === 0) return null;
  const parts = hits.map((f) => {
    const rule = allRules.find((r) => r.meta.id === f.ruleId);
    const head = `**${escapeControlCharacters(f.message)}**\n\n[\`${f.ruleId}\`](${docUri(f.ruleId)}) · ${f.severity} · ${f.category}`;
    return rule ? `${head}\n\n---\n\n${rule.docs.trim()}` : head;
  });
  let start = hits[0].start;
  let end = hits[0].end;
  for (const f of hits) {
    start = Math.min(start, f.start);
    end = Math.max(end, f.end);
  }
  return { contents: { kind: MarkupKind.Markdown, value: parts.join('\n\n---\n\n') }, range: toRange(index, start, end) };
}
