/** The server's commands: they write the review sidecar or the config, never the corpus text. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { addReviewed, allRules, CONFIG_FILE_NAME, emptyReviewed, parseReviewed, REVIEWED_FILE_NAME } from '../engine/index';
import { writeFileAtomic } from '../io/write';
import type { FolderConfig } from './workspace';

export const COMMAND_MARK_REVIEWED = 'seedlint.markReviewed';
export const COMMAND_DISABLE_RULE = 'seedlint.disableRule';

/** Categories whose findings a person may accept instead of fixing. */
export const REVIEWABLE = new Set<string>(['unattributed-figure', 'garbled']);

export interface MarkReviewedArgs {
  uri: string;
  ruleId: string;
  fingerprint: string;
  excerpt?: string;
}

export interface DisableRuleArgs {
  uri: string;
  ruleId: string;
}

export function isMarkReviewedArgs(value: unknown): value is MarkReviewedArgs {
  const a = value as MarkReviewedArgs;
  return (
    typeof a === 'object' &&
    a !== null &&
    typeof a.uri === 'string' &&
    typeof a.ruleId === 'string' &&
    typeof a.fingerprint === 'string' &&
    a.fingerprint.startsWith(`${a.ruleId}:`) &&
    (a.excerpt === undefined || typeof a.excerpt === 'string')
  );
}

export function isDisableRuleArgs(value: unknown): value is DisableRuleArgs {
  const a = value as DisableRuleArgs;
  return typeof a === 'object' && a !== null && typeof a.uri === 'string' && typeof a.ruleId === 'string';
}

function writeText(file: string, text: string): void {
  if (fs.existsSync(file)) writeFileAtomic(file, text);
  else fs.writeFileSync(file, text, { flag: 'wx' });
}

/** Records a finding as reviewed in `.seedlint-reviewed.json` at the corpus root; returns the sidecar's path. */
export function markReviewed(folder: FolderConfig, file: string, args: MarkReviewedArgs, today: Date): string {
  const rule = allRules.find((r) => r.meta.id === args.ruleId);
  if (!rule) throw new Error(`unknown rule "${args.ruleId}"`);
  if (!REVIEWABLE.has(rule.meta.category)) throw new Error(`${args.ruleId} findings cannot be marked as reviewed: fix them instead`);
  const sidecar = path.join(folder.root, REVIEWED_FILE_NAME);
  const current = fs.existsSync(sidecar) ? parseReviewed(fs.readFileSync(sidecar, 'utf8')) : emptyReviewed();
  const text = addReviewed(current, {
    fingerprint: args.fingerprint,
    ruleId: args.ruleId,
    file: path.relative(folder.root, file).split(path.sep).join('/'),
    excerpt: args.excerpt?.slice(0, 200),
    reviewedAt: today.toISOString().slice(0, 10),
  });
  writeText(sidecar, text);
  return sidecar;
}

/** Sets the rule to "off" in the folder's `seedlint.config.json` (created at the corpus root if absent); returns its path. */
export function disableRule(folder: FolderConfig, args: DisableRuleArgs): string {
  if (!allRules.some((r) => r.meta.id === args.ruleId)) throw new Error(`unknown rule "${args.ruleId}"`);
  const file = folder.file ?? path.join(folder.root, CONFIG_FILE_NAME);
  let current: { rules?: Record<string, unknown> } & Record<string, unknown> = {};
  if (fs.existsSync(file)) {
    const text = fs.readFileSync(file, 'utf8');
    try {
      current = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
    } catch (e) {
      throw new Error(`${file} is not valid JSON (${(e as Error).message}): fix it before disabling a rule from the editor`);
    }
    if (typeof current !== 'object' || current === null || Array.isArray(current)) throw new Error(`${file} must hold a JSON object`);
  }
  const rules = typeof current.rules === 'object' && current.rules !== null ? current.rules : {};
  const setting = rules[args.ruleId];
  // Keep the rule's options, if any, so that turning it back on restores them.
  rules[args.ruleId] = typeof setting === 'object' && setting !== null ? { ...setting, severity: 'off' } : 'off';
  current.rules = rules;
  writeText(file, JSON.stringify(current, null, 2) + '\n');
  return file;
}
