// Measures the built CLI against the hand labels of real web pages (test/fixtures/web-pages/):
// recall and precision of the garbled family and of the figure rules, and precision per rule.
//
//   node scripts/eval-webpages.mjs [--split dev|heldout|all] [--show fp,miss] [--rule <id prefix>] [--json out.json]
//
// Matching: a finding matches a label when their spans overlap (a whole-line label spans its lines;
// a label with `text` spans that substring of its first line). Borderline labels count for neither
// side: a finding on one is left out of precision, and they are left out of recall.
// - garbled family: a `garbled/*` or `corpus/*` finding is right when it overlaps any garbled label.
//   Recall is over debris units: each labelled line of a whole-line label, and each partial label.
// - per rule: wrong-language must overlap a `foreign` label, stutter a `stutter` one, detached-hyphen
//   a `detached-hyphen` one, mojibake `mojibake`; other garbled rules any garbled label.
// - figures: `no-source` is right on an `unsourced` figure sentence, `vague-source` on a `vague` one.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SET = path.join(REPO, 'test/fixtures/web-pages');
const argv = process.argv.slice(2);
const opt = (name, dflt) => (argv.includes(`--${name}`) ? argv[argv.indexOf(`--${name}`) + 1] : dflt);
const splitWanted = opt('split', 'dev');
const show = new Set(String(opt('show', '')).split(',').filter(Boolean));
const ruleFilter = opt('rule', '');
const cli = opt('cli', path.join(REPO, 'dist/cli.js'));

const split = JSON.parse(fs.readFileSync(path.join(SET, 'split.json'), 'utf8'));
const labelled = fs
  .readdirSync(path.join(SET, 'labels'))
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.slice(0, -5))
  .filter((page) => splitWanted === 'all' || split[page] === splitWanted)
  .sort();
if (labelled.length === 0) throw new Error(`no labelled pages in split ${splitWanted}`);

// Lint copies, so that nothing (a config, a cache) can touch the fixtures.
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'seedlint-eval-'));
for (const page of labelled) fs.copyFileSync(path.join(SET, 'pages', page), path.join(work, page));
const out = path.join(work, 'out.json');
const run = spawnSync(process.execPath, [cli, work, '--format', 'json', '-o', out, '--workers', '1', ...String(opt('args', '')).split(' ').filter(Boolean)], { encoding: 'utf8' });
if (!fs.existsSync(out)) throw new Error(`seedlint failed: ${run.stderr}`);
const results = JSON.parse(fs.readFileSync(out, 'utf8'));
fs.rmSync(work, { recursive: true, force: true });

const FAMILY_KIND = { 'garbled/wrong-language': ['foreign'], 'garbled/stutter': ['stutter'], 'garbled/detached-hyphen': ['detached-hyphen'], 'garbled/mojibake': ['mojibake'] };
const FIGURE_KIND = { 'unattributed-figure/no-source': 'unsourced', 'unattributed-figure/vague-source': 'vague' };

/** A label's span as [line, startCol, endLine, endCol) in 1-based lines and 0-based UTF-16 columns. */
function labelSpan(label, lines) {
  const [a, b] = label.lines;
  if (label.text !== undefined) {
    const at = lines[a - 1]?.indexOf(label.text) ?? -1;
    if (at < 0) throw new Error(`label text not in line ${a}: ${JSON.stringify(label.text).slice(0, 80)}`);
    return { line: a, col: at, endLine: a, endCol: at + label.text.length };
  }
  return { line: a, col: 0, endLine: b, endCol: Infinity };
}

function overlaps(s, f) {
  // Both half-open in (line, column) order; an empty finding overlaps the span it sits in.
  const before = (l1, c1, l2, c2) => l1 < l2 || (l1 === l2 && c1 < c2);
  const fEnd = f.endLine === f.line && f.endCol === f.col ? { l: f.endLine, c: f.endCol + 1 } : { l: f.endLine, c: f.endCol };
  return before(f.line, f.col, s.endLine, s.endCol) && before(s.line, s.col, fEnd.l, fEnd.c);
}

const stats = {
  garbled: { tp: 0, fp: 0, units: 0, found: 0, labels: 0, labelsFound: 0 },
  figures: { unsourced: 0, unsourcedFound: 0, vague: 0, vagueFound: 0 },
  rules: {},
  missesByKind: {},
  unitsByKind: {},
};
const rule = (id) => (stats.rules[id] ??= { tp: 0, fp: 0, ignored: 0 });
const listed = { fp: [], miss: [] };

for (const page of labelled) {
  const text = fs.readFileSync(path.join(SET, 'pages', page), 'utf8');
  const lines = text.split(/\r?\n/);
  const { labels } = JSON.parse(fs.readFileSync(path.join(SET, 'labels', `${page}.json`), 'utf8'));
  const spans = labels.map((l) => ({ ...l, span: labelSpan(l, lines) }));
  const file = results.find((r) => path.basename(r.filePath) === page);
  const findings = (file?.messages ?? []).map((m) => ({ ...m, col: m.column - 1, endCol: m.endColumn - 1 }));

  for (const f of findings) {
    const id = f.ruleId;
    if (ruleFilter && !id.startsWith(ruleFilter)) continue;
    const hits = spans.filter((s) => overlaps(s.span, f));
    const where = `${page}:${f.line}:${f.column} ${id} ${f.message.slice(0, 110)}`;
    if (id.startsWith('garbled/') || id.startsWith('corpus/')) {
      const garbled = hits.filter((s) => s.category === 'garbled');
      const sure = garbled.filter((s) => !s.borderline);
      if (sure.length) stats.garbled.tp++;
      else if (garbled.length) rule(id).ignored++;
      else stats.garbled.fp++;
      const kinds = FAMILY_KIND[id];
      if (garbled.length && !sure.length) continue;
      const right = kinds ? sure.some((s) => kinds.includes(s.kind)) : sure.length > 0;
      if (right) rule(id).tp++;
      else {
        rule(id).fp++;
        listed.fp.push(`${where}${sure.length ? `  [label: ${sure.map((s) => s.kind).join(',')}]` : ''}`);
      }
    } else if (FIGURE_KIND[id]) {
      const figure = hits.filter((s) => s.category === 'figure');
      if (figure.some((s) => s.borderline) && !figure.some((s) => !s.borderline && s.kind === FIGURE_KIND[id])) {
        rule(id).ignored++;
        continue;
      }
      if (figure.some((s) => !s.borderline && s.kind === FIGURE_KIND[id])) rule(id).tp++;
      else {
        rule(id).fp++;
        const debris = hits.filter((s) => s.category === 'garbled').map((s) => s.kind);
        listed.fp.push(`${where}  [label: ${[...figure.map((s) => s.kind), ...debris.map((k) => `debris:${k}`)].join(',') || 'none'}]`);
      }
    } else {
      rule(id).fp++;
      listed.fp.push(where);
    }
  }

  for (const s of spans) {
    if (s.borderline) continue;
    if (s.category === 'garbled') {
      const units = s.text !== undefined ? 1 : s.lines[1] - s.lines[0] + 1;
      stats.garbled.units += units;
      stats.garbled.labels++;
      stats.unitsByKind[s.kind] = (stats.unitsByKind[s.kind] ?? 0) + units;
      const garbledFindings = findings.filter((f) => f.ruleId.startsWith('garbled/') || f.ruleId.startsWith('corpus/'));
      let found = 0;
      if (s.text !== undefined) found = garbledFindings.some((f) => overlaps(s.span, f)) ? 1 : 0;
      else {
        for (let l = s.lines[0]; l <= s.lines[1]; l++) {
          const lineSpan = { line: l, col: 0, endLine: l, endCol: Infinity };
          if (garbledFindings.some((f) => overlaps(lineSpan, f))) found++;
        }
      }
      stats.garbled.found += found;
      if (found > 0) stats.garbled.labelsFound++;
      if (found < units) {
        stats.missesByKind[s.kind] = (stats.missesByKind[s.kind] ?? 0) + units - found;
        listed.miss.push(`${page}:${s.lines.join('-')} ${s.kind} (${found}/${units}) ${(s.text ?? lines[s.lines[0] - 1]).slice(0, 90)}`);
      }
    } else if (s.category === 'figure' && (s.kind === 'unsourced' || s.kind === 'vague')) {
      const id = s.kind === 'unsourced' ? 'unattributed-figure/no-source' : 'unattributed-figure/vague-source';
      const hit = findings.some((f) => f.ruleId === id && overlaps(s.span, f));
      stats.figures[s.kind]++;
      if (hit) stats.figures[`${s.kind}Found`]++;
      else listed.miss.push(`${page}:${s.lines[0]} figure/${s.kind} ${s.figure ?? ''} | ${s.text?.slice(0, 90)}`);
    }
  }
}

const pct = (a, b) => (b === 0 ? 'n/a' : `${((100 * a) / b).toFixed(1)} %`);
const g = stats.garbled;
console.log(`${labelled.length} pages (split ${splitWanted})`);
console.log(`garbled: recall ${pct(g.found, g.units)} of ${g.units} debris units (${pct(g.labelsFound, g.labels)} of ${g.labels} labels touched); precision ${pct(g.tp, g.tp + g.fp)} (${g.tp} right, ${g.fp} wrong)`);
const fr = stats.figures;
const ns = stats.rules['unattributed-figure/no-source'] ?? { tp: 0, fp: 0 };
const vs = stats.rules['unattributed-figure/vague-source'] ?? { tp: 0, fp: 0 };
console.log(`figures: no-source precision ${pct(ns.tp, ns.tp + ns.fp)} (${ns.tp}/${ns.tp + ns.fp}), recall ${pct(fr.unsourcedFound, fr.unsourced)} of ${fr.unsourced}; vague-source precision ${pct(vs.tp, vs.tp + vs.fp)} (${vs.tp}/${vs.tp + vs.fp}), recall ${pct(fr.vagueFound, fr.vague)} of ${fr.vague}`);
console.log('per rule (right / wrong / on borderline labels):');
for (const [id, r] of Object.entries(stats.rules).sort()) console.log(`  ${id.padEnd(34)} ${pct(r.tp, r.tp + r.fp).padStart(8)}  ${r.tp} / ${r.fp} / ${r.ignored}`);
console.log('debris units missed by kind:');
for (const [k, n] of Object.entries(stats.unitsByKind).sort((a, b) => b[1] - a[1])) console.log(`  ${k.padEnd(16)} ${String(stats.missesByKind[k] ?? 0).padStart(5)} of ${n}`);
if (show.has('fp')) console.log(`\nwrong findings:\n${listed.fp.join('\n')}`);
if (show.has('miss')) console.log(`\nmisses:\n${listed.miss.join('\n')}`);
const json = opt('json');
if (json) fs.writeFileSync(json, JSON.stringify({ split: splitWanted, pages: labelled.length, stats }, null, 2));
