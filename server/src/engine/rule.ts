/** The contract of a rule module: metadata, docs and a pure, synchronous check. */
import type { SeedDocument } from './document';
import type { Report, RuleMeta } from './types';

export interface RuleContext {
  doc: SeedDocument;
  /** The rule's options: its defaults merged with the config's. */
  options: Record<string, unknown>;
  /** "Today", injected so that future-date checks are testable. */
  now: Date;
  report(report: Report): void;
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

/** Fills `{name}` placeholders of a message template. */
export function formatMessage(template: string, data: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in data ? String(data[key]) : whole));
}
