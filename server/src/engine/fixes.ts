/** Applying fixes: lists of edits applied together or not at all, never two that overlap. */
import type { Fix, TextEdit } from './types';

function envelope(fix: Fix): [number, number] {
  let start = Infinity;
  let end = -Infinity;
  for (const e of fix.edits) {
    start = Math.min(start, e.start);
    end = Math.max(end, e.end);
  }
  return [start, end];
}

/** Applies edits that do not overlap; `edits` must already be free of overlaps. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let pos = 0;
  for (const e of sorted) {
    if (e.start < pos) throw new Error(`overlapping edits at ${e.start}`);
    out += text.slice(pos, e.start) + e.text;
    pos = e.end;
  }
  return out + text.slice(pos);
}

export interface FixPass {
  text: string;
  applied: Fix[];
  skipped: Fix[];
}

/**
 * Applies as many fixes as fit without overlapping, in document order (the first one wins).
 * A fix whose edits overlap each other or leave the text's bounds is refused.
 */
export function applyFixes(text: string, fixes: readonly Fix[]): FixPass {
  const candidates = fixes
    .filter((f) => f.edits.length > 0)
    .map((f) => ({ fix: f, env: envelope(f) }))
    .sort((a, b) => a.env[0] - b.env[0] || a.env[1] - b.env[1]);
  const applied: Fix[] = [];
  const skipped: Fix[] = [];
  const edits: TextEdit[] = [];
  let lastEnd = -1;
  let lastWasInsertAt = -1;
  for (const { fix, env } of candidates) {
    const inBounds = fix.edits.every((e) => 0 <= e.start && e.start <= e.end && e.end <= text.length);
    const own = [...fix.edits].sort((a, b) => a.start - b.start);
    const selfOverlap = own.some((e, i) => i > 0 && e.start < own[i - 1].end);
    const isInsert = env[0] === env[1];
    const clash = env[0] < lastEnd || (isInsert && env[0] === lastWasInsertAt);
    if (!inBounds || selfOverlap || clash) {
      skipped.push(fix);
      continue;
    }
    applied.push(fix);
    edits.push(...fix.edits);
    lastEnd = Math.max(lastEnd, env[1]);
    lastWasInsertAt = isInsert ? env[0] : -1;
  }
  return { text: applyEdits(text, edits), applied, skipped };
}
