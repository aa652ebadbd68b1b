/**
 * CPU time per rule over the benchmark corpus, in process: where a lint's time goes.
 * Bundled and run by bench/run.mjs (or: npx tsx bench/rule-times.ts [dir] [maxFiles]).
 * Rules share per-document work (the figure analysis, paragraph languages): the first rule to
 * ask pays for it, as in a real lint.
 */
import '../test/helpers/markdown.cjs';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { allRules, decodeBytes, lint, resolveConfig, SeedDocument } from '../server/src/engine/index';
import { LanguageRegistry } from '../server/src/engine/language/index';
import { runRule } from '../server/src/engine/lint';

function listFiles(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) listFiles(full, out);
    else if (e.name.endsWith('.txt')) out.push(full);
  }
  return out;
}

const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/**
 * Counts the calls of the registry's two doors to franc (every language identification of the engine
 * goes through one of them) and their time, which the rows below also hold: the rules' floor. Wall
 * time, not process CPU: franc runs in this thread, and the process's CPU during a call also holds
 * what the collector's and compiler's threads do meanwhile, which doubles the figure.
 */
function countFranc(): { calls: number; ms: number } {
  const franc = { calls: 0, ms: 0 };
  const proto = LanguageRegistry.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
  for (const method of ['identify', 'identifyAll']) {
    const original = proto[method];
    proto[method] = function (this: unknown, ...args: unknown[]) {
      const t = performance.now();
      try {
        return original.apply(this, args);
      } finally {
        franc.calls++;
        franc.ms += performance.now() - t;
      }
    };
  }
  return franc;
}

export function ruleTimes(dir: string, maxFiles = Infinity, only?: RegExp) {
  const franc = countFranc();
  const files = listFiles(dir).slice(0, maxFiles);
  const config = resolveConfig({}, only ? allRules.filter((r) => only.test(r.meta.id)) : allRules);
  const times = new Map<string, number>();
  const add = (k: string, ms: number) => times.set(k, (times.get(k) ?? 0) + ms);
  let bytes = 0;
  const now = new Date('2025-06-01T00:00:00Z');
  const start = cpu();
  for (const f of files) {
    let t = cpu();
    const buf = fs.readFileSync(f);
    bytes += buf.length;
    const text = decodeBytes(buf).text;
    add('(read + decode)', cpu() - t);
    t = cpu();
    const doc = new SeedDocument(text, config.languages);
    add('(document: lines, header, language, sentences)', cpu() - t);
    for (const resolved of config.rules) {
      t = cpu();
      try {
        runRule(doc, resolved, now, () => {});
      } catch {
        /* counted as time anyway */
      }
      add(resolved.rule.meta.id, cpu() - t);
    }
  }
  const total = cpu() - start;
  return {
    files: files.length,
    bytes,
    totalMs: total,
    franc: { calls: franc.calls, ms: Math.round(franc.ms) },
    rows: [...times].sort((a, b) => b[1] - a[1]).map(([name, ms]) => ({ name, ms: Math.round(ms), pct: +((100 * ms) / total).toFixed(1) })),
  };
}

/** Lints the files one after another, as the CLI's worker does: the workload of bench/run.mjs's ceiling test. */
export function plainLint(dir: string, maxFiles = Infinity): { files: number; findings: number } {
  const files = listFiles(dir).slice(0, maxFiles);
  const config = resolveConfig({}, allRules);
  const now = new Date('2025-06-01T00:00:00Z');
  let findings = 0;
  for (const f of files) findings += lint(decodeBytes(fs.readFileSync(f)).text, config, { now }).findings.length;
  return { files: files.length, findings };
}

if (require.main === module) {
  const dir = process.argv[2] ?? path.join(__dirname, 'corpus/files');
  const max = Number(process.argv[3] ?? Infinity);
  if (process.argv.includes('--plain')) console.log(JSON.stringify(plainLint(dir, max)));
  else console.log(JSON.stringify(ruleTimes(dir, max, process.env.RULES ? new RegExp(process.env.RULES) : undefined)));
}
