/** The engine's public surface, shared by the CLI and the language server. Pure: no I/O. */
export { allRules } from '../rules/index';
export * from './config';
export * from './decode';
export { SeedDocument, splitSentences } from './document';
export { applyEdits, applyFixes } from './fixes';
export { LanguageRegistry, DEFAULT_LANGUAGES } from './language/index';
export { lint, lintDocument, fixText, hashText, MAX_FIX_PASSES } from './lint';
export { IncrementalLinter } from './incremental';
export type { UnchangedHint } from './memo';
export type { LintOptions, LintResult, FixResult, RuleFailure } from './lint';
export { LineIndex } from './positions';
export * from './reviewed';
export type { Analysis, LineText, ParagraphText, Rule, RuleContext, RuleOptions, TextSpan, UnitContext, UnitScope } from './rule';
export * from './types';
export { LANGUAGE_DATA_VERSION } from '../languages/index';
