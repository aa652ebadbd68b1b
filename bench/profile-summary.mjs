// Summarises a .cpuprofile: top functions by self time, and by total (inclusive) time.
//   node bench/profile-summary.mjs <file.cpuprofile> [top=25]
import * as fs from 'node:fs';
import { SourceMap } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Source maps of the bundles a profile ran, by URL: a frame is named by its source file and line. */
const sourceMaps = new Map();
function sourceMapOf(url) {
  if (!sourceMaps.has(url)) {
    let map = null;
    try {
      const file = url.startsWith('file:') ? fileURLToPath(url) : url;
      if (file.endsWith('.js') && fs.existsSync(`${file}.map`)) map = new SourceMap(JSON.parse(fs.readFileSync(`${file}.map`, 'utf8')));
    } catch {
      map = null;
    }
    sourceMaps.set(url, map);
  }
  return sourceMaps.get(url);
}

/** `file:line` of a frame: in the original source when the bundle has a source map. */
function whereOf(f) {
  const entry = f.url ? sourceMapOf(f.url)?.findEntry(f.lineNumber, f.columnNumber) : undefined;
  if (entry?.originalSource) return `${entry.originalSource.split('/').slice(-1)[0]}:${entry.originalLine + 1}`;
  const file = (f.url || '').split('/').slice(-1)[0];
  return file ? `${file}:${f.lineNumber + 1}` : '';
}

export function summarize(file, top = 25) {
  const prof = JSON.parse(fs.readFileSync(file, 'utf8'));
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const dt = prof.timeDeltas;
  const counts = new Map();
  for (let i = 0; i < prof.samples.length; i++) counts.set(prof.samples[i], (counts.get(prof.samples[i]) ?? 0) + (dt[i] ?? 0));
  const parent = new Map();
  for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const label = (n) => {
    const f = n.callFrame;
    const where = whereOf(f);
    return `${f.functionName || '(anonymous)'}${where ? ` ${where}` : ''}`;
  };
  const total = new Map();
  let all = 0;
  for (const [id, t] of counts) {
    all += t;
    const n = byId.get(id);
    const l = label(n);
    self.set(l, (self.get(l) ?? 0) + t);
    // inclusive: each distinct label on the stack once
    const seen = new Set();
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      const lab = label(byId.get(cur));
      if (seen.has(lab)) continue;
      seen.add(lab);
      total.set(lab, (total.get(lab) ?? 0) + t);
    }
  }
  const fmt = (m) => [...m].sort((a, b) => b[1] - a[1]).slice(0, top).map(([l, t]) => ({ fn: l, ms: Math.round(t / 1000), pct: +((100 * t) / all).toFixed(1) }));
  return { totalMs: Math.round(all / 1000), self: fmt(self), inclusive: fmt(total) };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url) && process.argv[2]) {
  const s = summarize(process.argv[2], Number(process.argv[3] ?? 25));
  console.log(`total ${s.totalMs} ms\n-- self`);
  for (const r of s.self) console.log(`${String(r.pct).padStart(5)}%  ${String(r.ms).padStart(7)} ms  ${r.fn}`);
  console.log('-- inclusive');
  for (const r of s.inclusive) console.log(`${String(r.pct).padStart(5)}%  ${String(r.ms).padStart(7)} ms  ${r.fn}`);
}
