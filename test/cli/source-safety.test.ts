/**
 * Source checks for the shells and the file edge: no spread of an array into a call's arguments
 * (`push(...xs)`, `Math.max(...xs)` overflow the stack on large inputs), and no import cycle.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO } from '../helpers/cli';

function sources(dir: string): string[] {
  const out: string[] = [];
  const stack = [dir];
  while (stack.length > 0) {
    const d = stack.pop()!;
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) stack.push(full);
      else if (/\.ts$/.test(e.name)) out.push(full);
    }
  }
  return out.sort();
}

/** The shells and the file edge: what this check holds to it (the engine and rules have their own). */
const SHELL_SOURCES = ['server/src/io', 'server/src/cli', 'server/src/lsp', 'server/src/boot', 'client/src']
  .flatMap((d) => sources(path.join(REPO, d)))
  .concat(['server/src/server.ts', 'server/src/worker.ts'].map((f) => path.join(REPO, f)));

/** A call whose argument list spreads something: `f(...x)`, `f(a, ...x)`. Array literals (`[...x]`) are fine. */
const SPREAD_CALL = /\b[\w$]+\s*\((?:[^()[\]{}]*,)?\s*\.\.\.(?![\w$]+\??\s*:)[\w$.]/;

describe('source safety', () => {
  it('the shells and the file edge spread no array into a call', () => {
    const found: string[] = [];
    for (const file of SHELL_SOURCES) {
      fs.readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (!line.trim().startsWith('//') && !line.trim().startsWith('*') && SPREAD_CALL.test(line)) found.push(`${path.relative(REPO, file)}:${i + 1}: ${line.trim()}`);
        });
    }
    assert.deepEqual(found, []);
  });

  it('the check finds what it must', () => {
    for (const bad of ['out.push(...items);', 'Math.max(...rows.map((r) => r.length))', 'String.fromCharCode(...codes)', 'f(a, ...rest)']) assert.ok(SPREAD_CALL.test(bad), bad);
    for (const ok of ['const all = [...a, ...b];', 'const o = { ...x };', 'function f(...args: string[]) {', 'x as (...args: unknown[]) => void']) assert.ok(!SPREAD_CALL.test(ok), ok);
  });

  it('the server\'s import graph has no cycle', () => {
    const root = path.join(REPO, 'server/src');
    const files = sources(root);
    const edges = new Map<string, string[]>();
    for (const file of files) {
      const deps: string[] = [];
      for (const m of fs.readFileSync(file, 'utf8').matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+'(\.[^']+)'|import\('(\.[^']+)'\)/g)) {
        const spec = m[1] ?? m[2];
        const target = [`${spec}.ts`, `${spec}/index.ts`, spec].map((s) => path.resolve(path.dirname(file), s)).find((p) => fs.existsSync(p) && p.endsWith('.ts'));
        if (target) deps.push(target);
      }
      edges.set(file, deps);
    }
    const state = new Map<string, 'open' | 'done'>();
    const cycles: string[] = [];
    for (const start of files) {
      // Depth first without recursion: a stack of [file, next dependency index].
      const stack: Array<[string, number]> = [[start, 0]];
      if (state.has(start)) continue;
      state.set(start, 'open');
      while (stack.length > 0) {
        const top = stack[stack.length - 1];
        const deps = edges.get(top[0]) ?? [];
        if (top[1] >= deps.length) {
          state.set(top[0], 'done');
          stack.pop();
          continue;
        }
        const next = deps[top[1]++];
        if (state.get(next) === 'open') {
          const at = stack.findIndex(([f]) => f === next);
          cycles.push(stack.slice(at).map(([f]) => path.relative(root, f)).concat(path.relative(root, next)).join(' -> '));
        } else if (!state.has(next)) {
          state.set(next, 'open');
          stack.push([next, 0]);
        }
      }
    }
    assert.deepEqual(cycles, []);
  });
});
