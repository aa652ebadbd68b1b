/** The contract of a rule module: metadata, docs and a pure, synchronous check. */
import type { SeedDocument } from './document';
import type { Fix, Report, RuleMeta } from './types';

export interface RuleContext {
  doc: SeedDocument;
  /** The rule's options: its defaults merged with the config's. */
  options: Record<string, unknown>;
  /** "Today", injected so that future-date checks are testable. */
  now: Date;
  report(report: Report): void;
  /**
   * Reports `kept` (a report kept from an earlier lint, relative to the unchanged text it was found
   * in, now at offsets `delta` to `delta + length`) as `moved()` builds it: the engine may hand back
   * the finding it made last time, or that finding moved.
   */
  reportMoved?(kept: Report, delta: number, length: number, moved: () => Report): void;
}

export interface Rule {
  meta: RuleMeta;
  /** The rule's documentation in Markdown: what it finds, why, how to fix, examples. */
  docs: string;
  check(context: RuleContext): void;
}

/** Declares a rule; the identity function keeps rule modules typed and uniform. */
export function defineRule(rule: Rule): Rule {
  return rule;
}

/** Fixes with every edit moved by `delta` code units. */
export function shiftFixes(fixes: readonly Fix[], delta: number): Fix[] {
  return fixes.map((f) => ({ ...f, edits: f.edits.map((e) => ({ start: e.start + delta, end: e.end + delta, text: e.text })) }));
}

/** A report moved by `delta` code units, its fixes' edits with it. */
function moveReport(r: Report, delta: number): Report {
  return { ...r, start: r.start + delta, end: r.end + delta, fixes: r.fixes && shiftFixes(r.fixes, delta) };
}

/**
 * Reports of work that depends only on `text` (a paragraph or a line of the document, starting at
 * offset `base`), the document's language and what `kind` names (the rule, its options, any other
 * document-wide input), kept across edits when the document is linted by an IncrementalLinter.
 * `check` reports with document offsets as usual, and only inside `text`; a later version where the
 * text has moved gets the same reports, moved with it. Without a memo `check` simply runs.
 */
export function reportLocal(context: RuleContext, kind: () => string, base: number, text: string, check: (report: (r: Report) => void) => void): void {
  const { doc, report } = context;
  if (!doc.remembers) {
    check(report);
    return;
  }
  const kept = doc.memoAt(kind(), base, text, () => {
    const out: Report[] = [];
    check((r) => out.push(moveReport(r, -base)));
    return out;
  });
  for (const r of kept) {
    if (context.reportMoved) context.reportMoved(r, base, text.length, () => moveReport(r, base));
    else report(moveReport(r, base));
  }
}

/** Templates split at their placeholders, once: odd entries are placeholder names. */
const compiledTemplates = new Map<string, string[]>();

/** Fills `{name}` placeholders of a message template. */
export function formatMessage(template: string, data: Record<string, string | number> = {}): string {
  let parts = compiledTemplates.get(template);
  if (!parts) compiledTemplates.set(template, (parts = template.split(/\{(\w+)\}/)));
  let out = parts[0];
  for (let i = 1; i < parts.length; i += 2) {
    const key = parts[i];
    out += (Object.hasOwn(data, key) ? String(data[key]) : `{${key}}`) + parts[i + 1];
  }
  return out;
}
