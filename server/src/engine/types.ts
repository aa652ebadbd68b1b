/** Core types shared by the engine, the rules, the CLI and the server. Offsets are UTF-16 code units. */

export type Category = 'date-header' | 'unattributed-figure' | 'garbled';
export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';

/** One replacement of the half-open range [start, end) by `text`. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/** A titled list of edits applied together or not at all. Only safe fixes are applied in bulk. */
export interface Fix {
  title: string;
  edits: TextEdit[];
  safe: boolean;
}

export interface Finding {
  ruleId: string;
  category: Category;
  messageId: string;
  message: string;
  severity: Severity;
  start: number;
  end: number;
  fixes: Fix[];
  /** A stable key for "mark as reviewed": survives edits elsewhere in the file. */
  fingerprint?: string;
}

/** What a rule hands to `report`. */
export interface Report {
  messageId: string;
  data?: Record<string, string | number>;
  start: number;
  end: number;
  fixes?: Fix[];
  /** Overrides the rule's severity when the config does not set one explicitly. */
  severity?: Severity;
  /** Text that identifies the finding for "mark as reviewed" (defaults to the reported text). */
  fingerprintText?: string;
}

export interface RuleMeta {
  id: string;
  category: Category;
  defaultSeverity: Severity;
  /** One line, shown in the rules table and in hovers. */
  description: string;
  /** Message templates by id; `{name}` placeholders come from Report.data. */
  messages: Record<string, string>;
  /** Whether the rule may offer fixes; a fix from a rule that does not declare it is refused. */
  fixable: boolean;
  /** Default options; the config may override any of them. */
  defaultOptions?: Record<string, unknown>;
}
