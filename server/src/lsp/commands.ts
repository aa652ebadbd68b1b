/**
 * The server's commands: they write the review sidecar or the config, never the corpus text, and
 * only inside an open workspace folder: real paths are checked, no write goes through a symbolic
 * link, and JSON is edited in place (jsonc-parser), so what the command does not change keeps its
 * bytes (formatting, large numbers, duplicate keys).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
// The ES module build: the default (UMD) one requires its parts at run time, which a bundle cannot follow.
import { applyEdits, findNodeAtLocation, modify, parseTree, type Edit, type JSONPath } from 'jsonc-parser/lib/esm/main.js';
import { ErrorCodes, LSPErrorCodes, ResponseError, type ExecuteCommandParams } from 'vscode-languageserver';
import { addReviewed, allRules, CONFIG_FILE_NAME, emptyReviewed, MAX_CONFIG_BYTES, MAX_REVIEWED_BYTES, parseReviewed, REVIEWED_FILE_NAME, type ReviewedEntry } from '../engine/index';
import { describeError, readRegularFile, type FileSnapshot } from '../io/read';
import { writeFileAtomic, WriteRefused } from '../io/write';
import { uriToPath, type ConfigStore, type FolderConfig } from './workspace';

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

function realpathOrSelf(p: string): string {
  try {
    return fs.realpathSync.native(p);
  } catch {
    return path.resolve(p);
  }
}

function isWithin(dir: string, p: string): boolean {
  return p === dir || p.startsWith(dir.endsWith(path.sep) ? dir : dir + path.sep);
}

/** The workspace folders as real paths. */
export class Workspace {
  private readonly real: string[];

  constructor(folders: readonly string[]) {
    this.real = folders.map(realpathOrSelf);
  }

  /** Whether `p`, with every link in it resolved, lies inside a workspace folder. */
  contains(p: string): boolean {
    return this.real.some((f) => isWithin(f, realpathOrSelf(p)));
  }

  /**
   * The path to write `file` at: its folder resolved to a real path inside a workspace folder, and
   * the file itself not a link. Throws a message for the user otherwise.
   */
  writable(file: string): string {
    let dir: string;
    try {
      dir = fs.realpathSync.native(path.dirname(file));
    } catch (e) {
      throw new Error(`cannot write ${file}: ${describeError(e)}`);
    }
    const real = path.join(dir, path.basename(file));
    if (!this.real.some((f) => isWithin(f, real))) throw new Error(`${file} is outside the open workspace folders: seedlint writes only inside them`);
    try {
      if (fs.lstatSync(real).isSymbolicLink()) throw new Error(`${file} is a symbolic link: seedlint does not write through links`);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    return real;
  }
}

/** A JSON file as read for an edit: its text (without a BOM), whether it had one, and what it was on disk. */
interface JsonFile {
  text: string;
  bom: boolean;
  snapshot?: FileSnapshot;
}

function readJsonFile(file: string, maxBytes: number): JsonFile | undefined {
  let read;
  try {
    read = readRegularFile(file, maxBytes);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`cannot read ${file}: ${describeError(e)}`);
  }
  const text = read.bytes.toString('utf8');
  const bom = text.charCodeAt(0) === 0xfeff;
  return { text: bom ? text.slice(1) : text, bom, snapshot: read.snapshot };
}

/**
 * The edits that set `value` at `jsonPath`, touching nothing else: jsonc-parser's own formatting
 * would re-lay neighbouring values, so the edit is made bare and only the line break and indentation
 * of the new member are added, copied from the member before it, when its parent spans lines.
 */
function editJson(text: string, jsonPath: JSONPath, value: unknown, arrayInsertion = false): Edit[] {
  const edits = modify(text, jsonPath, value, { isArrayInsertion: arrayInsertion });
  const parent = findNodeAtLocation(parseTree(text)!, jsonPath.slice(0, -1));
  if (!parent || !text.slice(parent.offset, parent.offset + parent.length).includes('\n')) return edits;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  return edits.map((e) => {
    if (e.length !== 0) return e;
    const lineStart = text.lastIndexOf('\n', e.offset - 1) + 1;
    const indent = /^[ \t]*/.exec(text.slice(lineStart))![0];
    if (e.content.startsWith(',')) return { ...e, content: `,${eol}${indent}${e.content.slice(1)}` };
    if (e.content.endsWith(',')) return { ...e, content: `${e.content}${eol}${indent}` };
    return e;
  });
}

function writeJson(target: string, old: JsonFile | undefined, text: string): void {
  try {
    writeFileAtomic(target, (old?.bom ? '\ufeff' : '') + text, { links: 'refuse', create: old === undefined, expect: old?.snapshot });
  } catch (e) {
    if (e instanceof WriteRefused) throw new Error(`${target} not written: ${e.message}`);
    throw new Error(`${target} not written: ${describeError(e)}`);
  }
}

/** Records a finding as reviewed in `.seedlint-reviewed.json` at the corpus root; returns the sidecar's path. */
export function markReviewed(folder: FolderConfig, file: string, args: MarkReviewedArgs, today: Date, workspace: Workspace): string {
  const rule = allRules.find((r) => r.meta.id === args.ruleId);
  if (!rule) throw new Error(`unknown rule "${args.ruleId}"`);
  if (!REVIEWABLE.has(rule.meta.category)) throw new Error(`${args.ruleId} findings cannot be marked as reviewed: fix them instead`);
  const sidecar = workspace.writable(path.join(folder.root, REVIEWED_FILE_NAME));
  const entry: ReviewedEntry = { fingerprint: args.fingerprint, ruleId: args.ruleId, file: path.relative(folder.root, file).split(path.sep).join('/') };
  if (args.excerpt !== undefined) entry.excerpt = args.excerpt.slice(0, 200);
  entry.reviewedAt = today.toISOString().slice(0, 10);
  const old = readJsonFile(sidecar, MAX_REVIEWED_BYTES);
  if (!old) {
    writeJson(sidecar, undefined, addReviewed(emptyReviewed(), entry));
    return sidecar;
  }
  const current = parseReviewed(old.text);
  if (current.reviewed.some((e) => e.fingerprint === entry.fingerprint)) return sidecar;
  // In fingerprint order, as addReviewed keeps a new sidecar, without touching the other entries.
  let at = current.reviewed.findIndex((e) => e.fingerprint.localeCompare(entry.fingerprint) > 0);
  if (at < 0) at = current.reviewed.length;
  writeJson(sidecar, old, applyEdits(old.text, editJson(old.text, ['reviewed', at], entry, true)));
  return sidecar;
}

/** Sets the rule to "off" in the folder's `seedlint.config.json` (created at the corpus root if absent); returns its path. */
export function disableRule(folder: FolderConfig, args: DisableRuleArgs, workspace: Workspace): string {
  if (!allRules.some((r) => r.meta.id === args.ruleId)) throw new Error(`unknown rule "${args.ruleId}"`);
  const file = workspace.writable(folder.file ?? path.join(folder.root, CONFIG_FILE_NAME));
  const old = readJsonFile(file, MAX_CONFIG_BYTES);
  if (!old) {
    writeJson(file, undefined, JSON.stringify({ rules: { [args.ruleId]: 'off' } }, null, 2) + '\n');
    return file;
  }
  let current: unknown;
  try {
    current = JSON.parse(old.text);
  } catch (e) {
    throw new Error(`${file} is not valid JSON (${(e as Error).message}): fix it before disabling a rule from the editor`);
  }
  if (typeof current !== 'object' || current === null || Array.isArray(current)) throw new Error(`${file} must hold a JSON object`);
  const rules = (current as { rules?: unknown }).rules;
  let edits;
  if (typeof rules !== 'object' || rules === null || Array.isArray(rules)) edits = editJson(old.text, ['rules'], { [args.ruleId]: 'off' });
  else {
    const setting = Object.hasOwn(rules, args.ruleId) ? (rules as Record<string, unknown>)[args.ruleId] : undefined;
    // Keep the rule's options, if any, so that turning it back on restores them.
    const isObject = typeof setting === 'object' && setting !== null && !Array.isArray(setting);
    edits = editJson(old.text, isObject ? ['rules', args.ruleId, 'severity'] : ['rules', args.ruleId], 'off');
  }
  writeJson(file, old, applyEdits(old.text, edits));
  return file;
}

export interface CommandContext {
  configs: ConfigStore;
  workspaceFolders(): readonly string[];
  now: Date;
}

/** workspace/executeCommand: runs a command and returns the file it wrote; throws a ResponseError for the client. */
export function executeCommand(params: ExecuteCommandParams, ctx: CommandContext): { file: string } {
  const arg: unknown = params.arguments?.[0];
  try {
    const known = params.command === COMMAND_MARK_REVIEWED || params.command === COMMAND_DISABLE_RULE;
    if (!known) throw new ResponseError(ErrorCodes.InvalidParams, `seedlint: unknown command ${params.command}`);
    const valid = params.command === COMMAND_MARK_REVIEWED ? isMarkReviewedArgs(arg) : isDisableRuleArgs(arg);
    const file = valid ? uriToPath((arg as { uri: string }).uri) : undefined;
    if (!file) {
      const shape = params.command === COMMAND_MARK_REVIEWED ? '{ uri (a file), ruleId, fingerprint }' : '{ uri (a file), ruleId }';
      throw new ResponseError(ErrorCodes.InvalidParams, `seedlint: ${params.command === COMMAND_MARK_REVIEWED ? 'mark as reviewed' : 'disable rule'} needs ${shape}`);
    }
    const workspace = new Workspace(ctx.workspaceFolders());
    if (!workspace.contains(file)) throw new Error(`${file} is outside the open workspace folders: seedlint writes only inside them`);
    const folder = ctx.configs.forDir(path.dirname(file));
    const written = params.command === COMMAND_MARK_REVIEWED ? markReviewed(folder, file, arg as MarkReviewedArgs, ctx.now, workspace) : disableRule(folder, arg as DisableRuleArgs, workspace);
    return { file: written };
  } catch (e) {
    if (e instanceof ResponseError) throw e;
    throw new ResponseError(LSPErrorCodes.RequestFailed, `seedlint: ${(e as Error).message}`);
  }
}
