/** The engine's entry points: lint a text, and fix it to a fixed point. Pure: no I/O. */
import type { ResolvedConfig, ResolvedRule } from './config';
import { SeedDocument } from './document';
import { applyFixes } from './fixes';
import type { UnitReports } from './memo';
import type { WorkSlot } from './document';
import { compileTemplate, fillTemplate, type Analysis, type ParagraphText, type Rule, type RuleContext, type RuleOptions, type UnitContext } from './rule';
import type { LanguageRegistry, Lexicon } from './language/index';
import type { Finding, Fix, Report, RuleMeta } from './types';

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

/** Fixes with every edit moved by `delta` code units. */
function shiftFixes(fixes: readonly Fix[], delta: number): Fix[] {
  return fixes.map((f) => ({ ...f, edits: f.edits.map((e) => ({ start: e.start + delta, end: e.end + delta, text: e.text })) }));
}

/** A finding moved by `delta`: same message and fingerprint, fixes moved with it. Spelled out: one shape for every finding. */
function moveFinding(f: Finding, delta: number): Finding {
  return {
    ruleId: f.ruleId,
    category: f.category,
    messageId: f.messageId,
    message: f.message,
    severity: f.severity,
    start: f.start + delta,
    end: f.end + delta,
    fixes: f.fixes.length === 0 ? f.fixes : shiftFixes(f.fixes, delta),
    fingerprint: f.fingerprint,
  };
}

/** Each rule's message templates, split at their placeholders once. */
const templatesOf = new WeakMap<RuleMeta, Map<string, string[]>>();

function templates(meta: RuleMeta): Map<string, string[]> {
  let t = templatesOf.get(meta);
  if (!t) templatesOf.set(meta, (t = new Map(Object.entries(meta.messages).map(([id, text]) => [id, compileTemplate(text)]))));
  return t;
}

/** A unit check that found nothing: shared, never changed. */
const NO_REPORTS: UnitReports = Object.freeze({ reports: Object.freeze([]) as readonly Report[] });

/** Runs one rule over a document: its unit checks, unit by unit, then its whole-document check. */
class RuleRun<P> implements UnitContext<P> {
  readonly language: string;
  readonly lexicon?: Lexicon;
  readonly languages: LanguageRegistry;
  readonly prepared: P;
  private readonly meta: RuleMeta;
  private readonly messages: Map<string, string[]>;
  /** The unit being checked: its kind and index, its offset, and where its reports go (kept reports, or findings at once). */
  private unit: 'paragraph' | 'line' = 'paragraph';
  private index = 0;
  private base = 0;
  private collected?: Report[];

  constructor(
    private readonly doc: SeedDocument,
    private readonly resolved: ResolvedRule,
    readonly options: RuleOptions,
    private readonly push: (f: Finding) => void,
  ) {
    const rule = resolved.rule as Rule<P>;
    this.meta = rule.meta;
    this.messages = templates(rule.meta);
    this.language = doc.language;
    this.lexicon = doc.lexicon;
    this.languages = doc.languages;
    this.prepared = rule.prepare ? rule.prepare(doc, options) : (undefined as P);
  }

  // Properties, not methods: checks may take them out of the context.
  readonly report = (r: Report): void => {
    if (this.collected) this.collected.push(r);
    else this.push(this.findingOf(r, this.base));
  };

  readonly analyse = <T, I>(analysis: Analysis<ParagraphText, T, I>, input: I): T => {
    if (this.unit !== 'paragraph' || analysis.unit !== 'paragraph') throw new Error(`${this.meta.id}: a line check asked for an analysis of a paragraph`);
    return this.doc.analyse(analysis, this.doc.paragraphs[this.index], input);
  };

  run(now: Date): void {
    const rule = this.resolved.rule as Rule<P>;
    const { doc } = this;
    const { checkParagraph, checkLine } = rule;
    if (checkParagraph || checkLine) this.slot = doc.remembers ? doc.workSlot(rule, `rule:${this.meta.id}`, this.prepared) : undefined;
    if (checkParagraph) {
      this.unit = 'paragraph';
      for (const p of doc.paragraphs) {
        this.index = p.index;
        this.base = p.start;
        if (this.slot) this.kept(doc.lines[p.line], p.text.length);
        else checkParagraph.call(rule, doc.paragraphUnit(p), this);
      }
    }
    if (checkLine) {
      this.unit = 'line';
      for (const line of doc.lines) {
        this.index = line.index;
        this.base = line.start;
        if (this.slot) this.kept(line, line.text.length);
        else checkLine.call(rule, line, this);
      }
    }
    if (rule.check) {
      const context: RuleContext<P> = { doc, options: this.options, now, prepared: this.prepared, report: (r) => this.push(this.findingOf(r, 0)) };
      rule.check(context);
    }
  }

  /** Where the document keeps this rule's unit reports across edits; undefined when it keeps nothing. */
  private slot?: WorkSlot;

  /** The current unit's reports, relative to it: only asked for when they are not kept. */
  private readonly checkUnit = (): UnitReports => {
    const rule = this.resolved.rule as Rule<P>;
    const reports: Report[] = (this.collected = []);
    try {
      if (this.unit === 'paragraph') rule.checkParagraph!(this.doc.paragraphUnit(this.doc.paragraphs[this.index]), this);
      else rule.checkLine!(this.doc.lines[this.index], this);
    } finally {
      this.collected = undefined;
    }
    return reports.length === 0 ? NO_REPORTS : { reports };
  };

  /**
   * The current unit's findings when the document keeps work across edits: its reports are kept relative
   * to it, and so are the findings last made of them. When the unit has not moved and its line around it
   * is the same, those are the findings; when it has only moved, they are moved (same message and
   * fingerprint, since both depend on the unit's text and line alone).
   */
  private kept(line: { start: number; end: number }, length: number): void {
    const kept = this.doc.unitValue(this.slot!, this.unit, this.index, this.checkUnit);
    if (kept.reports.length === 0) return;
    const { base } = this;
    const text = this.doc.text;
    const before = text.slice(line.start, base);
    const after = text.slice(base + length, line.end);
    const made = kept.made;
    if (made && made.before === before && made.after === after) {
      if (made.delta !== base) {
        const shift = base - made.delta;
        made.findings = made.findings.map((f) => moveFinding(f, shift));
        made.delta = base;
      }
      for (const f of made.findings) this.push(f);
      return;
    }
    const findings = kept.reports.map((r) => this.findingOf(r, base));
    kept.made = { delta: base, before, after, findings };
    for (const f of findings) this.push(f);
  }

  /** The finding for a report whose offsets are relative to `delta`. */
  findingOf(r: Report, delta: number): Finding {
    const { meta, doc } = this;
    const template = this.messages.get(r.messageId);
    if (template === undefined) throw new Error(`${meta.id} reported unknown messageId "${r.messageId}"`);
    if (r.fixes?.length && !meta.fixable) throw new Error(`${meta.id} offered a fix but does not declare fixable`);
    const start = Math.max(0, Math.min(r.start + delta, doc.text.length));
    const end = Math.max(start, Math.min(r.end + delta, doc.text.length));
    const context = r.fingerprintText ?? `${boundedContext(doc, start, end)}\u0000${doc.text.slice(start, Math.min(end, start + 200))}`;
    const { severity, severityFromConfig } = this.resolved;
    return {
      ruleId: meta.id,
      category: meta.category,
      messageId: r.messageId,
      message: fillTemplate(template, r.data),
      severity: severityFromConfig ? severity : (r.severity ?? severity),
      start,
      end,
      fixes: r.fixes ? (delta === 0 || r.fixes.length === 0 ? r.fixes : shiftFixes(r.fixes, delta)) : [],
      fingerprint: `${meta.id}:${hashText(capForHash(context))}`,
    };
  }
}

/** Runs one configured rule over a document, handing its findings to `push` (throws what the rule throws). */
export function runRule(doc: SeedDocument, resolved: ResolvedRule, now: Date, push: (f: Finding) => void): void {
  new RuleRun(doc, resolved, resolved.options, push).run(now);
}

export function lintDocument(doc: SeedDocument, config: ResolvedConfig, options: LintOptions = {}): LintResult {
  const findings: Finding[] = [];
  const failures: RuleFailure[] = [];
  const now = options.now ?? new Date();
  const push = options.reviewed?.size ? (f: Finding) => (options.reviewed!.has(f.fingerprint!) ? undefined : findings.push(f)) : (f: Finding) => findings.push(f);
  for (const resolved of config.rules) {
    const { meta } = resolved.rule;
    try {
      runRule(doc, resolved, now, push);
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
