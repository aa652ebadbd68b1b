/** Code actions: quick fixes per finding, fix-all per rule and per file, review and disable commands. */
import { CodeAction, CodeActionKind, type Diagnostic, type TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { applyFixes, fixText, LineIndex, type Finding, type Fix, type ResolvedConfig } from '../engine/index';
import { toTextEdits, type DiagnosticData } from './convert';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.seedlint`;
export const COMMAND_MARK_REVIEWED = 'seedlint.markReviewed';
export const COMMAND_DISABLE_RULE = 'seedlint.disableRule';

/** Categories whose findings may be accepted by a person instead of fixed. */
const REVIEWABLE = new Set(['unattributed-figure', 'garbled']);

function edit(doc: TextDocument, edits: TextEdit[]) {
  return { documentChanges: [{ textDocument: { uri: doc.uri, version: doc.version }, edits }] };
}

/** Edits turning `before` into `after`, as small as a common prefix and suffix allow. */
export function diffEdits(before: string, after: string): TextEdit[] {
  if (before === after) return [];
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let endB = before.length;
  let endA = after.length;
  while (endB > start && endA > start && before.charCodeAt(endB - 1) === after.charCodeAt(endA - 1)) {
    endB--;
    endA--;
  }
  // Never split a surrogate pair.
  if (start > 0 && /[\ud800-\udbff]/.test(before[start - 1])) start--;
  if (endB < before.length && /[\udc00-\udfff]/.test(before[endB])) {
    endB++;
    endA++;
  }
  const index = new LineIndex(before);
  return [{ range: { start: index.positionAt(start), end: index.positionAt(endB) }, newText: after.slice(start, endA) }];
}

/** Edits of all safe fixes (optionally of one rule): one pass in place when that suffices, else a diff. */
export function fixAllEdits(doc: TextDocument, config: ResolvedConfig, findings: Finding[], ruleId?: string): TextEdit[] {
  const text = doc.getText();
  const pick = (f: Finding, fix: Fix) => fix.safe && (!ruleId || f.ruleId === ruleId);
  const fixes = findings.flatMap((f) => f.fixes.filter((x) => pick(f, x)).slice(0, 1));
  if (fixes.length === 0) return [];
  const pass = applyFixes(text, fixes);
  if (pass.skipped.length === 0) {
    const index = new LineIndex(text);
    return pass.applied.flatMap((fix) => toTextEdits(index, fix));
  }
  return diffEdits(text, fixText(text, config, { select: pick }).text);
}

export function codeActionsFor(
  doc: TextDocument,
  diagnostics: Diagnostic[],
  findings: Finding[],
  config: ResolvedConfig,
  only: string[] | undefined,
): CodeAction[] {
  const wants = (kind: string) => !only || only.some((o) => kind === o || kind.startsWith(o + '.'));
  const actions: CodeAction[] = [];
  const index = new LineIndex(doc.getText());
  const seenRules = new Set<string>();
  if (wants(CodeActionKind.QuickFix)) {
    for (const d of diagnostics) {
      if (d.source !== 'seedlint' || !d.data) continue;
      const data = d.data as DiagnosticData;
      if (data.version !== doc.version) continue; // stale: the text moved on since the finding
      data.fixes.forEach((fix, i) => {
        const action = CodeAction.create(fix.safe ? fix.title : `${fix.title} (check it)`, edit(doc, toTextEdits(index, fix)), CodeActionKind.QuickFix);
        action.diagnostics = [d];
        action.isPreferred = fix.safe && i === 0;
        actions.push(action);
      });
      const ofRule = findings.filter((f) => f.ruleId === data.ruleId && f.fixes.some((x) => x.safe));
      if (ofRule.length > 1 && !seenRules.has(data.ruleId)) {
        seenRules.add(data.ruleId);
        const edits = fixAllEdits(doc, config, findings, data.ruleId);
        if (edits.length) {
          const action = CodeAction.create(`Fix all ${data.ruleId} problems in this file`, edit(doc, edits), CodeActionKind.QuickFix);
          action.diagnostics = [d];
          actions.push(action);
        }
      }
      if (REVIEWABLE.has(data.category) && data.fingerprint) {
        const excerpt = doc.getText(d.range).slice(0, 120);
        actions.push(
          CodeAction.create('Mark as reviewed (recorded in .seedlint-reviewed.json)', { title: 'Mark as reviewed', command: COMMAND_MARK_REVIEWED, arguments: [{ uri: doc.uri, ruleId: data.ruleId, fingerprint: data.fingerprint, excerpt }] }, CodeActionKind.QuickFix),
        );
      }
      actions.push(
        CodeAction.create(`Disable ${data.ruleId} in seedlint.config.json`, { title: 'Disable rule', command: COMMAND_DISABLE_RULE, arguments: [{ uri: doc.uri, ruleId: data.ruleId }] }, CodeActionKind.QuickFix),
      );
    }
  }
  if (only && wants(FIX_ALL_KIND)) {
    const edits = fixAllEdits(doc, config, findings);
    if (edits.length) actions.push(CodeAction.create('Fix all safe seedlint problems', edit(doc, edits), FIX_ALL_KIND));
  }
  return actions;
}
