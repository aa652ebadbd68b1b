/** Finding seed files: walking directories and globs, with links kept inside the corpus root. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { compileGlob, type Glob } from './glob';
import { describeError } from './read';

export const ALWAYS_EXCLUDED = ['**/node_modules/**', '**/.git/**'];
/** What a directory named on the command line is walked for when the config names no `include`. */
export const ANY_TEXT_FILE = ['**/*.txt'];

export interface WalkProblem {
  path: string;
  message: string;
}

export interface Collected {
  files: string[];
  problems: WalkProblem[];
  /** Arguments that matched nothing (a usage error). */
  missing: string[];
  /**
   * The folder each file found by walking a directory or a glob was found under (the corpus root,
   * or the directory walked when it lies outside the root): `--fix` writes such a file only while
   * it still resolves inside that folder. Files named on the command line are not in it.
   */
  walkedUnder: Map<string, string>;
}

const GLOB_MAGIC = /[*?[\]{}]/;

export { describeError };

interface Matchers {
  include: Glob[];
  exclude: Glob[];
}

const ALWAYS_EXCLUDED_MATCHERS = ALWAYS_EXCLUDED.map(compileGlob);

function matchers(include: string[], exclude: string[]): Matchers {
  return { include: include.map(compileGlob), exclude: exclude.map(compileGlob) };
}

/** Every file below `top` whose path relative to `base` matches include and not exclude (depth first, without recursion). */
function walk(top: string, base: string, globs: Matchers, out: Collected, seen: Set<string>): void {
  const realBase = safeRealpath(base);
  const stack = [top];
  while (stack.length > 0) {
    const dir = stack.pop()!;
    let real: string;
    try {
      real = fs.realpathSync(dir);
    } catch (e) {
      out.problems.push({ path: dir, message: `Cannot read the directory: ${describeError(e)}.` });
      continue;
    }
    if (seen.has(real)) continue; // a symlink loop, or a directory reached twice
    seen.add(real);
    let entries: Array<fs.Dirent<Buffer>>;
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true, encoding: 'buffer' });
    } catch (e) {
      out.problems.push({ path: dir, message: `Cannot read the directory: ${describeError(e)}.` });
      continue;
    }
    const named = entries.map((entry) => ({ entry, name: entry.name.toString('utf8') }));
    named.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const subdirs: string[] = [];
    for (const { entry, name } of named) {
      const full = path.join(dir, name);
      if (!Buffer.from(name, 'utf8').equals(entry.name)) {
        out.problems.push({ path: full, message: 'The file name is not valid UTF-8 (shown with U+FFFD), so it cannot be reported reliably: rename it to lint it.' });
        continue;
      }
      const rel = path.relative(base, full).split(path.sep).join('/');
      if (ALWAYS_EXCLUDED_MATCHERS.some((m) => m.match(rel + '/')) || globs.exclude.some((m) => m.match(rel))) continue;
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          const st = fs.statSync(full);
          isDir = st.isDirectory();
          isFile = st.isFile();
        } catch (e) {
          out.problems.push({ path: full, message: `Cannot follow the symbolic link: ${describeError(e)}.` });
          continue;
        }
        // A corpus is read from inside its root only: a link out of it is not followed.
        if (!isDir && !isFile) continue;
        if (!within(realBase, safeRealpath(full))) {
          if (isFile && globs.include.some((m) => m.match(rel))) out.problems.push({ path: full, message: 'The symbolic link leads outside the corpus root: not followed.' });
          continue;
        }
      }
      if (isDir) subdirs.push(full);
      else if (isFile && globs.include.some((m) => m.match(rel))) {
        out.files.push(full);
        out.walkedUnder.set(full, base);
      }
    }
    for (let k = subdirs.length - 1; k >= 0; k--) stack.push(subdirs[k]);
  }
}

/**
 * What a directory named on the command line is walked for when the include globs find nothing in
 * it (it lies outside them): files named as they name files, anywhere below (`**\/*.txt` for
 * `seeds/**\/*.txt`).
 */
export function namePatterns(include: readonly string[]): string[] {
  return [...new Set(include.map((g) => `**/${g.slice(g.lastIndexOf('/') + 1)}`))];
}

/**
 * Turns CLI arguments (files, directories, globs) into a sorted list of files. Explicit files are
 * taken whatever their name; directories are walked with the include/exclude globs, and with
 * `fallbackInclude` when the include globs find nothing in a directory named explicitly.
 */
export function collectFiles(args: string[], cwd: string, base: string, include: string[], exclude: string[], fallbackInclude?: string[]): Collected {
  const out: Collected = { files: [], problems: [], missing: [], walkedUnder: new Map() };
  const seen = new Set<string>();
  for (const arg of args) {
    const abs = path.resolve(cwd, arg);
    let st: fs.Stats | undefined;
    try {
      st = fs.statSync(abs);
    } catch (e) {
      if (GLOB_MAGIC.test(arg)) {
        const before = out.files.length;
        const prefix = arg.split('/').findIndex((part) => GLOB_MAGIC.test(part));
        const root = path.resolve(cwd, arg.split('/').slice(0, prefix).join('/') || '.');
        const pattern = path.relative(root, abs).split(path.sep).join('/');
        walk(root, root, matchers([pattern], exclude), out, new Set());
        if (out.files.length === before) out.missing.push(`${arg}: no file matches`);
        continue;
      }
      out.missing.push(`${arg}: ${describeError(e)}`);
      continue;
    }
    if (st.isDirectory()) {
      const before = out.files.length;
      const problemsBefore = out.problems.length;
      const seenBefore = fallbackInclude ? new Set(seen) : seen;
      const walkBase = abs.startsWith(base + path.sep) || abs === base ? base : abs;
      walk(abs, walkBase, matchers(include, exclude), out, seen);
      if (out.files.length === before && fallbackInclude) {
        // The include globs do not reach into this directory, but the user named it: lint its seed-named files.
        out.problems.length = problemsBefore;
        walk(abs, walkBase, matchers(fallbackInclude, exclude), out, seenBefore);
        for (const dir of seenBefore) seen.add(dir);
      }
      if (out.files.length === before) out.missing.push(`${arg}: no seed files (${(fallbackInclude ?? include).join(', ')}) in this directory`);
    } else out.files.push(abs);
  }
  out.files = [...new Set(out.files)].sort();
  return out;
}

function safeRealpath(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch {
    return path.resolve(p);
  }
}

function within(root: string, p: string): boolean {
  return p === root || p.startsWith(root.endsWith(path.sep) ? root : root + path.sep);
}

/** Whether `file` (after following links) lies inside `root`. */
export function isInside(root: string, file: string): boolean {
  let real: string;
  let realRoot: string;
  try {
    real = fs.realpathSync(file);
    realRoot = fs.realpathSync(root);
  } catch {
    return false;
  }
  return real === realRoot || real.startsWith(realRoot.endsWith(path.sep) ? realRoot : realRoot + path.sep);
}
