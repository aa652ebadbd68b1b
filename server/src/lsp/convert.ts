/** Engine findings to LSP shapes. The only place offsets become line/character. */
import { Diagnostic, DiagnosticSeverity, DiagnosticTag, Range, TextEdit } from 'vscode-languageserver';
import type { Category, Finding, Fix, LineIndex } from '../engine/index';
import type { FileProblem } from '../io/lintFile';
import { escapeControlCharacters } from '../io/printable';

/**
 * What a diagnostic carries to the code-action handler, as sent: the document version the finding
 * was computed on (actions from older ones are dropped), its fixes, and the hash of its fingerprint.
 * The rule id is the diagnostic's `code`; nothing else is repeated, as a large file's diagnostics
 * are serialised on every edit.
 */
export interface DiagnosticWireData {
  version: number;
  fixes: Fix[];
  /** The part of the finding's fingerprint after `<ruleId>:`. */
  hash?: string;
}

/** What the code-action handler reads from a diagnostic. */
export interface DiagnosticData {
  ruleId: string;
  category: Category;
  version: number;
  fixes: Fix[];
  fingerprint?: string;
}

function isFix(value: unknown): value is Fix {
  const f = value as Fix;
  return (
    typeof f === 'object' &&
    f !== null &&
    typeof f.title === 'string' &&
    typeof f.safe === 'boolean' &&
    Array.isArray(f.edits) &&
    f.edits.every((e) => typeof e === 'object' && e !== null && Number.isInteger(e.start) && Number.isInteger(e.end) && typeof e.text === 'string')
  );
}

/** A diagnostic's data as the client sent it back: anything malformed is treated as absent. */
export function diagnosticDataOf(diagnostic: Diagnostic): DiagnosticData | undefined {
  const ruleId = diagnostic.code;
  const d = diagnostic.data as DiagnosticWireData;
  if (typeof ruleId !== 'string' || !/^[\w-]+\/[\w-]+$/.test(ruleId)) return undefined;
  if (typeof d !== 'object' || d === null || !Number.isInteger(d.version)) return undefined;
  if (!Array.isArray(d.fixes) || !d.fixes.every(isFix)) return undefined;
  if (d.hash !== undefined && typeof d.hash !== 'string') return undefined;
  // Rule ids are <category>/<name> (test/unit/meta.test.ts holds every rule to that).
  const category = ruleId.slice(0, ruleId.indexOf('/')) as Category;
  return { ruleId, category, version: d.version, fixes: d.fixes, fingerprint: d.hash === undefined ? undefined : `${ruleId}:${d.hash}` };
}

export function toRange(index: LineIndex, start: number, end: number): Range {
  return { start: index.positionAt(start), end: index.positionAt(end) };
}

export function toTextEdits(index: LineIndex, fix: Fix): TextEdit[] {
  return fix.edits.map((e) => ({ range: toRange(index, e.start, e.end), newText: e.text }));
}

const SEVERITY: Record<string, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/**
 * A finding marks text that should go when one of its fixes deletes exactly that text, give or
 * take surrounding whitespace (a stray space, a repeated line with its line break): editors show it faded.
 */
function marksRemovableText(f: Finding, text: string): boolean {
  if (f.end <= f.start) return false;
  return f.fixes.some((fix) => {
    if (fix.edits.length !== 1 || fix.edits[0].text !== '') return false;
    const { start, end } = fix.edits[0];
    if (start > f.start || end < f.end) return false;
    return /^\s*$/.test(text.slice(start, f.start)) && /^\s*$/.test(text.slice(f.end, end));
  });
}

/** One `codeDescription` object per rule's doc link, shared by its diagnostics (a large file has thousands). */
const descriptions = new Map<string, { href: string }>();

function describedAt(href: string): { href: string } {
  let d = descriptions.get(href);
  if (!d) descriptions.set(href, (d = Object.freeze({ href })));
  return d;
}

export function toDiagnostic(f: Finding, index: LineIndex, version: number, docUri: (id: string) => string): Diagnostic {
  const fp = f.fingerprint;
  const id = f.ruleId;
  // `<ruleId>:<hash>`, tested without building the prefix: this runs for thousands of diagnostics per edit.
  const hash = fp !== undefined && fp.charCodeAt(id.length) === 0x3a && fp.startsWith(id) ? fp.slice(id.length + 1) : undefined;
  const data: DiagnosticWireData = { version, fixes: f.fixes, hash };
  const d: Diagnostic = {
    range: toRange(index, f.start, f.end),
    severity: SEVERITY[f.severity] ?? DiagnosticSeverity.Warning,
    code: f.ruleId,
    codeDescription: describedAt(docUri(f.ruleId)),
    source: 'seedlint',
    message: escapeControlCharacters(f.message),
    data,
  };
  if (marksRemovableText(f, index.text)) d.tags = [DiagnosticTag.Unnecessary];
  return d;
}

/** A problem with the file itself (binary, too large, invalid UTF-8, too many findings), as the CLI reports it. */
export function problemDiagnostic(p: FileProblem, index: LineIndex): Diagnostic {
  return { range: toRange(index, p.start, p.end), severity: SEVERITY[p.severity] ?? DiagnosticSeverity.Error, code: p.ruleId, source: 'seedlint', message: p.message };
}
