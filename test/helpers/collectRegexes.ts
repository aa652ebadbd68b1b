/**
 * Every regular expression of the project: literals found by parsing the TypeScript sources,
 * and expressions built at run time (from language data and templates), recorded by wrapping
 * the RegExp constructor while the engine loads and lints sample documents.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';

export interface FoundRegex {
  source: string;
  flags: string;
  where: string;
}

const ROOT = path.resolve(__dirname, '../..');

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...sourceFiles(p));
    else if (e.name.endsWith('.ts')) out.push(p);
  }
  return out;
}

/** Regex literals in server/src and client/src. */
export function regexLiterals(): FoundRegex[] {
  const found: FoundRegex[] = [];
  for (const file of [...sourceFiles(path.join(ROOT, 'server/src')), ...sourceFiles(path.join(ROOT, 'client/src'))]) {
    const text = fs.readFileSync(file, 'utf8');
    const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node) => {
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const literal = node.getText(sf);
        const slash = literal.lastIndexOf('/');
        const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
        found.push({ source: literal.slice(1, slash), flags: literal.slice(slash + 1), where: `${path.relative(ROOT, file)}:${line}` });
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return found;
}

/** The script the child process runs: wraps RegExp, loads the engine, lints the seeds and clean samples. */
export const RUNTIME_PROBE = `
const seen = new Map();
const Native = RegExp;
globalThis.RegExp = new Proxy(Native, {
  construct(target, args) {
    const r = Reflect.construct(target, args);
    const stack = new Error().stack.split('\\n').slice(2).find((l) => l.includes('/server/src/')) || '';
    seen.set(r.source + '\\u0000' + r.flags, stack.trim().replace(/^at /, ''));
    return r;
  },
});
const fs = require('node:fs');
const path = require('node:path');
const engine = require(${JSON.stringify(path.join(ROOT, 'server/src/engine/index.ts'))});
const config = engine.resolveConfig({}, engine.allRules);
const texts = [];
for (const dir of [${JSON.stringify(path.join(ROOT, 'seeds'))}, ${JSON.stringify(path.join(ROOT, 'test/fixtures/clean'))}]) {
  for (const f of fs.readdirSync(dir).filter((f) => f.endsWith('.txt')).slice(0, 60)) texts.push(fs.readFileSync(path.join(dir, f), 'utf8').slice(0, 6000));
}
for (const t of texts) { engine.lint(t, config); engine.fixText(t, config); }
process.stdout.write(JSON.stringify([...seen].map(([k, where]) => { const [source, flags] = k.split('\\u0000'); return { source, flags, where }; })));
`;
