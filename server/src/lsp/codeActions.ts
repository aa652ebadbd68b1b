/** Code actions: quick fixes per finding, fix-all per rule and per file, review and disable commands. */
import { CodeAction, CodeActionKind, type Diagnostic, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { fixText, LineIndex, type Finding, type Fix, type ResolvedConfig } from '../engine/index';
import { COMMAND_DISABLE_RULE, COMMAND_MARK_REVIEWED, REVIEWABLE, type DisableRuleArgs, type MarkReviewedArgs } from './commands';
import { diagnosticDataOf, toTextEdits } from './convert';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.seedlint`;

export interface CodeActionInput {
  doc: TextDocument;
  /** The diagnostics the client sent in the request's context. */
  diagnostics: Diagnostic[];
  /** Findings of `doc` at its current version. */
  findings: Finding[];
  config: ResolvedConfig;
  reviewed: ReadonlySet<string>;
  only: string[] | undefined;
  /** Whether the client accepts versioned `documentChanges` (else plain `changes`). */
  documentChanges: boolean;
}

function workspaceEdit(input: CodeActionInput, edits: TextEdit[]): WorkspaceEdit {
  const { doc } = input;
  if (input.documentChanges) return { documentChanges: [{ textDocument: { uri: doc.uri, version: doc.version }, edits }] };
  return { changes: { [doc.uri]: edits } };
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

/**
 * Edits applying every safe fix (optionally of one rule) to a fixed point, like `seedlint --fix`.
 * When one pass reaches it, the edits are the fixes' own (small, and markers elsewhere stay put);
 * otherwise one edit spanning the changed text.
 */
export function fixAllEdits(doc: TextDocument, config: ResolvedConfig, reviewed: ReadonlySet<string>, ruleId?: string): TextEdit[] {
  const text = doc.getText();
  const select = (f: Finding, fix: Fix) => fix.safe && (!ruleId || f.ruleId === ruleId);
  const fixed = fixText(text, config, { select, reviewed });
  if (fixed.passes === 0) return [];
  if (fixed.passes === 1) {
    const index = new LineIndex(text);
    return fixed.applied.flatMap((fix) => toTextEdits(index, fix));
  }
  return diffEdits(text, fixed.text);
}

export function codeActionsFor(input: CodeActionInput): CodeAction[] {
  const { doc, findings, only } = input;
  const wants = (kind: string) => !only || only.some((o) => kind === o || kind.startsWith(o + '.'));
  const actions: CodeAction[] = [];
  const text = doc.getText();
  const index = new LineIndex(text);
  const fixAllOffered = new Set<string>();
  const disableOffered = new Set<string>();
  if (wants(CodeActionKind.QuickFix)) {
    for (const d of input.diagnostics) {
      if (d.source !== 'seedlint') continue;
      const data = diagnosticDataOf(d);
      // Without data, or computed on another version of the text, a diagnostic's offsets cannot be trusted.
      if (!data || data.version !== doc.version) continue;
      data.fixes.forEach((fix, i) => {
        if (fix.edits.some((e) => e.start < 0 || e.end < e.start || e.end > text.length)) return;
        const action = CodeAction.create(fix.safe ? fix.title : `${fix.title} (check the result)`, workspaceEdit(input, toTextEdits(index, fix)), CodeActionKind.QuickFix);
        action.diagnostics = [d];
        action.isPreferred = fix.safe && i === 0;
        actions.push(action);
      });
      if (!fixAllOffered.has(data.ruleId)) {
        fixAllOffered.add(data.ruleId);
        const ofRule = findings.filter((f) => f.ruleId === data.ruleId && f.fixes.some((x) => x.safe));
        if (ofRule.length > 1) {
          const edits = fixAllEdits(doc, input.config, input.reviewed, data.ruleId);
          if (edits.length) {
            const action = CodeAction.create(`Fix all ${data.ruleId} problems in this file`, workspaceEdit(input, edits), CodeActionKind.QuickFix);
            action.diagnostics = [d];
            actions.push(action);
          }
        }
      }
      if (REVIEWABLE.has(data.category) && data.fingerprint) {
        const args: MarkReviewedArgs = { uri: doc.uri, ruleId: data.ruleId, fingerprint: data.fingerprint, excerpt: doc.getText(d.range).slice(0, 200) };
        const action = CodeAction.create(
          'Mark as reviewed (recorded in .seedlint-reviewed.json)',
          { title: 'Mark as reviewed', command: COMMAND_MARK_REVIEWED, arguments: [args] },
          CodeActionKind.QuickFix,
        );
        action.diagnostics = [d];
        actions.push(action);
      }
      if (!disableOffered.has(data.ruleId)) {
        disableOffered.add(data.ruleId);
        const args: DisableRuleArgs = { uri: doc.uri, ruleId: data.ruleId };
        const action = CodeAction.create(
          `Disable ${data.ruleId} in seedlint.config.json`,
          { title: 'Disable rule', command: COMMAND_DISABLE_RULE, arguments: [args] },
          CodeActionKind.QuickFix,
        );
        action.diagnostics = [d];
        actions.push(action);
      }
    }
  }
  // Source actions only when asked for by kind (the source menu, codeActionsOnSave), never on the light bulb.
  if (only && wants(FIX_ALL_KIND)) {
    const edits = fixAllEdits(doc, input.config, input.reviewed);
    if (edits.length) actions.push(CodeAction.create('Fix all safe seedlint problems', workspaceEdit(input, edits), FIX_ALL_KIND));
  }
  return actions;
}
