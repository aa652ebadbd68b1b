/** The engine's entry points: lint a text, and fix it to a fixed point. Pure: no I/O. */
import type { ResolvedConfig } from './config';
import { SeedDocument } from './document';
import { applyFixes } from './fixes';
import { formatMessage, shiftFixes, type RuleContext } from './rule';
import type { Finding, Fix, Report } from './types';

export interface LintOptions {
  /** Today's date, for "date in the future"; defaults to the clock. */
  now?: Date;
  /** Fingerprints marked as reviewed (from `.seedlint-reviewed.json`): such findings are dropped. */
  reviewed?: ReadonlySet<string>;
}

export interface RuleFailure {
  ruleId: string;
  error: Error;
}

export interface LintResult {
  findings: Finding[];
  document: SeedDocument;
  /** Rules that threw: each is also one finding, so the rest of the results still stand. */
  failures: RuleFailure[];
}

/** FNV-1a, 53 bits: a short, stable fingerprint of text. */
export function hashText(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
  }
  return ((h2 >>> 0) & 0x1fffff).toString(16).padStart(6, '0') + (h1 >>> 0).toString(16).padStart(8, '0');
}

/** Long texts are fingerprinted by their ends and length: hashing a whole huge line per finding would be quadratic. */
function capForHash(text: string): string {
  return text.length <= 2048 ? text : `${text.slice(0, 1024)}\u0000${text.length}\u0000${text.slice(-1024)}`;
}

/** The finding's line, or a window of it around the finding when the line is long. */
function boundedContext(doc: SeedDocument, start: number, end: number): string {
  const line = doc.lines[doc.lineOf(start)];
  if (line.end - line.start <= 2048) return line.text;
  return doc.text.slice(Math.max(line.start, start - 512), Math.min(line.end, end + 512));
}

/** Findings made for reports kept across lints (see reportLocal), with what they were made under. */
const keptFindings = new WeakMap<Report, { delta: number; before: string; after: string; severity: string; fromConfig: boolean; finding: Finding }>();

export function lintDocument(doc: SeedDocument, config: ResolvedConfig, options: LintOptions = {}): LintResult {
  const findings: Finding[] = [];
  const failures: RuleFailure[] = [];
  const now = options.now ?? new Date();
  for (const { rule, severity, severityFromConfig, options: ruleOptions } of config.rules) {
    const { meta } = rule;
    /** The finding for a report; `push` drops it when it is marked as reviewed. */
    const findingOf = (r: Report): Finding => {
      const template = meta.messages[r.messageId];
      if (template === undefined) throw new Error(`${meta.id} reported unknown messageId "${r.messageId}"`);
      if (r.fixes?.length && !meta.fixable) throw new Error(`${meta.id} offered a fix but does not declare fixable`);
      const start = Math.max(0, Math.min(r.start, doc.text.length));
      const end = Math.max(start, Math.min(r.end, doc.text.length));
      const context = r.fingerprintText ?? `${boundedContext(doc, start, end)}\u0000${doc.text.slice(start, Math.min(end, start + 200))}`;
      return {
        ruleId: meta.id,
        category: meta.category,
        messageId: r.messageId,
        message: formatMessage(template, r.data),
        severity: severityFromConfig ? severity : (r.severity ?? severity),
        start,
        end,
        fixes: r.fixes ?? [],
        fingerprint: `${meta.id}:${hashText(capForHash(context))}`,
      };
    };
    const push = (f: Finding) => {
      if (!options.reviewed?.has(f.fingerprint!)) findings.push(f);
    };
    const context: RuleContext = {
      doc,
      options: ruleOptions,
      now,
      report(r: Report) {
        push(findingOf(r));
      },
      reportMoved(kept: Report, delta: number, length: number, moved: () => Report) {
        // A report kept from an earlier lint, in text that has not changed. Its fingerprint also holds
        // its line, which may reach outside that text (the indent before a paragraph, say): the
        // finding made last time stands when those parts of the line are the same.
        const line = doc.lines[doc.lineOf(Math.max(0, Math.min(kept.start + delta, doc.text.length)))];
        const before = doc.text.slice(line.start, Math.max(line.start, Math.min(delta, line.end)));
        const after = doc.text.slice(Math.max(line.start, Math.min(delta + length, line.end)), line.end);
        const cached = keptFindings.get(kept);
        if (cached && cached.before === before && cached.after === after && cached.severity === severity && cached.fromConfig === severityFromConfig) {
          if (cached.delta === delta) {
            push(cached.finding);
            return;
          }
          // Moved by an edit before it: same message and fingerprint (its text and line are the
          // same), at the new place, fixes and all. Most findings after a keystroke are of this kind.
          const shift = delta - cached.delta;
          const last = cached.finding;
          // Spelled out rather than spread: one shape for every finding, and no copy of unknown keys.
          const finding: Finding = {
            ruleId: last.ruleId,
            category: last.category,
            messageId: last.messageId,
            message: last.message,
            severity: last.severity,
            start: last.start + shift,
            end: last.end + shift,
            fixes: last.fixes.length === 0 ? last.fixes : shiftFixes(last.fixes, shift),
            fingerprint: last.fingerprint,
          };
          cached.delta = delta;
          cached.finding = finding;
          push(finding);
          return;
        }
        const finding = findingOf(moved());
        keptFindings.set(kept, { delta, before, after, severity, fromConfig: severityFromConfig, finding });
        push(finding);
      },
    };
    try {
      rule.check(context);
    } catch (e) {
      const error = e instanceof Error ? e : new Error(String(e));
      failures.push({ ruleId: meta.id, error });
      findings.push({
        ruleId: meta.id,
        category: meta.category,
        messageId: 'ruleFailed',
        message: `Rule ${meta.id} failed on this document and was skipped: ${error.message}`,
        severity: 'error',
        start: 0,
        end: 0,
        fixes: [],
      });
    }
  }
  findings.sort((a, b) => a.start - b.start || a.end - b.end || a.ruleId.localeCompare(b.ruleId));
  return { findings, document: doc, failures };
}

export function lint(text: string, config: ResolvedConfig, options: LintOptions = {}): LintResult {
  return lintDocument(new SeedDocument(text, config.languages), config, options);
}

export interface FixResult {
  text: string;
  /** Fixes applied over all passes. */
  applied: Fix[];
  passes: number;
  /** Findings of the final text. */
  result: LintResult;
}

export const MAX_FIX_PASSES = 10;

/**
 * Applies safe fixes (or those `select` picks) in passes until none applies, at most
 * MAX_FIX_PASSES times: a fix may only become possible once an overlapping one has landed.
 */
export function fixText(
  text: string,
  config: ResolvedConfig,
  options: LintOptions & { select?: (f: Finding, fix: Fix) => boolean } = {},
): FixResult {
  const select = options.select ?? ((_f: Finding, fix: Fix) => fix.safe);
  const applied: Fix[] = [];
  let current = text;
  let result = lint(current, config, options);
  let passes = 0;
  while (passes < MAX_FIX_PASSES) {
    const fixes = result.findings.flatMap((f) => f.fixes.filter((fix) => select(f, fix)).slice(0, 1));
    if (fixes.length === 0) break;
    const pass = applyFixes(current, fixes);
    if (pass.applied.length === 0 || pass.text === current) break;
    passes++;
    applied.push(...pass.applied);
    current = pass.text;
    result = lint(current, config, options);
  }
  return { text: current, applied, passes, result };
}
