/**
 * Glob matching in time bounded by the product of the pattern's and the path's lengths: globs come
 * from the workspace's config, and a regular-expression matcher backtracks exponentially on
 * patterns like `**\/*a*a*a*a*a*b.txt`. minimatch's syntax with `dot: true`: `**` (any number of
 * path segments), `*`, `?`, `[...]` classes (`!` or `^` negates), `{a,b}` and `{1..3}` (expanded
 * by minimatch, at most BRACE_EXPAND_MAX patterns), `\` escapes, a leading `!` negates and a
 * leading `#` is a comment. Extended globs (`@(a|b)`) are not supported: their characters are
 * literal.
 */
import { braceExpand } from 'minimatch';

/** Longer patterns are refused, as minimatch refuses them. */
export const MAX_PATTERN_LENGTH = 64 * 1024;
/** A config is data from the workspace, and `{a,b}{c,d}…` grows exponentially. */
export const BRACE_EXPAND_MAX = 1000;

export class GlobError extends Error {}

const enum Kind {
  Char,
  Any,
  Star,
  Class,
}

type Token = { kind: Kind.Char; code: number } | { kind: Kind.Any } | { kind: Kind.Star } | { kind: Kind.Class; negated: boolean; ranges: number[] };

/** One path segment of a pattern: a literal name, a list of tokens, `**`, or any one segment (even empty). */
type Segment = { literal: string } | { tokens: Token[] } | 'globstar' | 'one';

function parseClass(s: string, at: number): { token: Token; next: number } | undefined {
  let i = at + 1;
  let negated = false;
  if (s[i] === '!' || s[i] === '^') {
    negated = true;
    i++;
  }
  const ranges: number[] = [];
  let first = true;
  while (i < s.length && (s[i] !== ']' || first)) {
    first = false;
    let c = s.charCodeAt(i);
    if (s[i] === '\\' && i + 1 < s.length) c = s.charCodeAt(++i);
    let hi = c;
    if (s[i + 1] === '-' && i + 2 < s.length && s[i + 2] !== ']') {
      hi = s.charCodeAt(i + 2);
      if (s[i + 2] === '\\' && i + 3 < s.length) hi = s.charCodeAt(i++ + 3);
      i += 2;
    }
    ranges.push(c, hi);
    i++;
  }
  if (i >= s.length) return undefined; // no closing bracket: the `[` is literal
  return { token: { kind: Kind.Class, negated, ranges }, next: i + 1 };
}

function parseSegment(s: string): Segment {
  if (s === '**') return 'globstar';
  const tokens: Token[] = [];
  let magic = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\' && i + 1 < s.length) tokens.push({ kind: Kind.Char, code: s.charCodeAt(++i) });
    else if (c === '*') {
      magic = true;
      // Consecutive stars are one star.
      if (tokens.length === 0 || tokens[tokens.length - 1].kind !== Kind.Star) tokens.push({ kind: Kind.Star });
    } else if (c === '?') {
      magic = true;
      tokens.push({ kind: Kind.Any });
    } else if (c === '[') {
      const cls = parseClass(s, i);
      if (cls) {
        magic = true;
        tokens.push(cls.token);
        i = cls.next - 1;
      } else tokens.push({ kind: Kind.Char, code: c.charCodeAt(0) });
    } else tokens.push({ kind: Kind.Char, code: s.charCodeAt(i) });
  }
  if (!magic) return { literal: tokens.map((t) => String.fromCharCode((t as { code: number }).code)).join('') };
  return { tokens };
}

function matchOne(t: Token, code: number): boolean {
  switch (t.kind) {
    case Kind.Char:
      return t.code === code;
    case Kind.Any:
      return true;
    case Kind.Class: {
      let hit = false;
      for (let k = 0; k < t.ranges.length && !hit; k += 2) hit = code >= t.ranges[k] && code <= t.ranges[k + 1];
      return hit !== t.negated;
    }
    default:
      return false;
  }
}

/**
 * Whether `name` matches the tokens: the classic two-pointer wildcard match, which on a mismatch
 * goes back only to the last star, so it takes at most len(tokens) * len(name) steps.
 */
function matchTokens(tokens: Token[], name: string): boolean {
  // A pattern with wildcards never matches an empty segment (as minimatch).
  if (name.length === 0) return false;
  let p = 0;
  let i = 0;
  let starP = -1;
  let starI = 0;
  while (i < name.length) {
    const t = tokens[p];
    if (t !== undefined && t.kind === Kind.Star) {
      starP = p++;
      starI = i;
    } else if (t !== undefined && matchOne(t, name.charCodeAt(i))) {
      p++;
      i++;
    } else if (starP >= 0) {
      p = starP + 1;
      i = ++starI;
    } else return false;
  }
  while (p < tokens.length && tokens[p].kind === Kind.Star) p++;
  return p === tokens.length;
}

function matchSegment(seg: Exclude<Segment, 'globstar'>, name: string): boolean {
  if (seg === 'one') return true;
  return 'literal' in seg ? seg.literal === name : matchTokens(seg.tokens, name);
}

/** The same two-pointer match over path segments, with `**` as the star. */
function matchSegments(segments: Segment[], parts: string[]): boolean {
  let p = 0;
  let i = 0;
  let starP = -1;
  let starI = 0;
  while (i < parts.length) {
    const s = segments[p];
    if (s === 'globstar') {
      starP = p++;
      starI = i;
    } else if (s !== undefined && matchSegment(s, parts[i])) {
      p++;
      i++;
    } else if (starP >= 0) {
      p = starP + 1;
      i = ++starI;
    } else return false;
  }
  while (p < segments.length && segments[p] === 'globstar') p++;
  return p === segments.length;
}

export interface Glob {
  readonly pattern: string;
  match(path: string): boolean;
}

/** Compiles a glob; throws GlobError for a pattern over MAX_PATTERN_LENGTH. */
export function compileGlob(pattern: string): Glob {
  if (pattern.length > MAX_PATTERN_LENGTH) throw new GlobError(`a glob of ${pattern.length} characters, over the ${MAX_PATTERN_LENGTH} the matcher takes`);
  let body = pattern;
  let negated = false;
  if (body.startsWith('#')) return { pattern, match: () => false };
  while (body.startsWith('!')) {
    negated = !negated;
    body = body.slice(1);
  }
  const alternatives = braceExpand(body, { braceExpandMax: BRACE_EXPAND_MAX })
    .slice(0, BRACE_EXPAND_MAX)
    .map((alt) => {
      const segments = alt.split('/').map(parseSegment);
      // A trailing `**` after something needs at least one more segment: `a/**` matches `a/` and `a/b`, not `a`.
      if (segments.length > 1 && segments[segments.length - 1] === 'globstar') segments.splice(segments.length - 1, 0, 'one');
      return segments;
    });
  const matches = (parts: string[]) => {
    for (const segments of alternatives) if (matchSegments(segments, parts)) return true;
    return false;
  };
  return {
    pattern,
    match(path: string): boolean {
      const parts = path.split('/');
      // A trailing slash may be left out: `*` matches `a/`.
      const hit = matches(parts) || (parts.length > 1 && parts[parts.length - 1] === '' && matches(parts.slice(0, -1)));
      return hit !== negated;
    },
  };
}
