/** Linting one file's bytes: decoding problems, the engine, and --fix. Used by the CLI and its workers. */
import { decodeBytes, fixText, lint, LineIndex, type LintOptions, type ResolvedConfig } from '../engine/index';
import { fatalResult, fileResult, toMessage, type FileResult, type Message } from './results';

export interface FileOutcome {
  result: FileResult;
  /** With --fix, the new bytes when they differ from the old. */
  fixed?: Uint8Array;
}

export function lintBytes(filePath: string, bytes: Uint8Array, config: ResolvedConfig, options: LintOptions & { fix?: boolean }): FileOutcome {
  const decoded = decodeBytes(bytes);
  if (decoded.binary) {
    return { result: fatalResult(filePath, 'file/binary', 'Binary file (it contains NUL bytes): not a seed file, not linted.') };
  }
  const extra: Message[] = [];
  let text = decoded.text;
  let fixed: Uint8Array | undefined;
  let fixesApplied: number | undefined;
  if (decoded.invalidUtf8At !== undefined) {
    // Position of the first replacement character: decode the valid prefix to count UTF-16 units.
    const prefix = new TextDecoder().decode(bytes.subarray(decoded.bom ? 3 : 0, decoded.invalidUtf8At));
    const pos = new LineIndex(text).positionAt(prefix.length);
    extra.push({
      ruleId: 'file/invalid-utf8',
      severity: 2,
      level: 'error',
      message: `Invalid UTF-8 at byte offset ${decoded.invalidUtf8At}: shown as U+FFFD; the rest of the file was linted. --fix does not write this file.`,
      line: pos.line + 1,
      column: pos.character + 1,
      endLine: pos.line + 1,
      endColumn: pos.character + 2,
    });
  }
  let result;
  if (options.fix && decoded.invalidUtf8At === undefined) {
    const out = fixText(text, config, options);
    if (out.text !== text) {
      text = out.text;
      fixed = Buffer.from((decoded.bom ? '\ufeff' : '') + text, 'utf8');
      fixesApplied = out.applied.length;
    }
    result = out.result;
  } else {
    result = lint(text, config, options);
  }
  const index = result.document.lineIndex;
  const messages = [...extra, ...result.findings.map((f) => toMessage(f, index))];
  messages.sort((a, b) => a.line - b.line || a.column - b.column);
  const r = fileResult(filePath, messages);
  if (fixesApplied !== undefined) r.fixesApplied = fixesApplied;
  return { result: r, fixed };
}

export { fatalResult };
