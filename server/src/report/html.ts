/**
 * The corpus report as one self-contained HTML page: inline CSS, inline SVG bars, no script, no
 * network. A pure function of the report.
 */
import languageNames from '../languages/names.json';
import { linkTo, type CorpusReport, type SeverityCounts } from './summary';

const NAMES = languageNames as Record<string, string>;

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const number = (n: number) => n.toLocaleString('en-US');
const percent = (part: number, whole: number) => (whole === 0 ? '0 %' : `${((100 * part) / whole).toFixed(part * 1000 < whole ? 1 : 0)} %`);

export function languageLabel(code: string): string {
  const name = NAMES[code];
  return name && !code.startsWith('$') ? `${name} (${code})` : code === 'und' ? 'undetermined (und)' : code;
}

function anchor(href: string | undefined, text: string, cls = ''): string {
  const c = cls ? ` class="${cls}"` : '';
  return href ? `<a href="${escapeHtml(href)}"${c}>${escapeHtml(text)}</a>` : `<span${c}>${escapeHtml(text)}</span>`;
}

const BAR_WIDTH = 360;
const BAR_HEIGHT = 14;

/** One bar of stacked segments, scaled so that `max` fills BAR_WIDTH. */
function bar(segments: Array<{ value: number; cls: string; title: string }>, max: number): string {
  let x = 0;
  const rects: string[] = [];
  for (const s of segments) {
    if (s.value <= 0) continue;
    const w = Math.max(1, (s.value / Math.max(1, max)) * BAR_WIDTH);
    rects.push(`<rect class="${s.cls}" x="${x.toFixed(1)}" y="0" width="${w.toFixed(1)}" height="${BAR_HEIGHT}"><title>${escapeHtml(s.title)}</title></rect>`);
    x += w;
  }
  return `<svg class="bar" width="${BAR_WIDTH}" height="${BAR_HEIGHT}" viewBox="0 0 ${BAR_WIDTH} ${BAR_HEIGHT}" role="img" aria-hidden="true">${rects.join('')}</svg>`;
}

function severitySegments(s: SeverityCounts, what: string): Array<{ value: number; cls: string; title: string }> {
  return (['error', 'warning', 'info'] as const).map((level) => ({ value: s[level], cls: level, title: `${number(s[level])} ${level}${s[level] === 1 ? '' : 's'} ${what}` }));
}

const LANGUAGE_COLOURS = 10;

export function renderHtmlReport(report: CorpusReport): string {
  const link = (path: string, line?: number, column?: number) => linkTo(report.links, path, line, column);
  const maxRule = Math.max(0, ...report.rules.map((r) => r.findings));
  const maxLanguage = Math.max(0, ...report.languages.map((l) => l.findings));
  const cards = [
    ['files', number(report.files)],
    ['files with findings', `${number(report.filesWithFindings)} <small>(${percent(report.filesWithFindings, report.files)})</small>`],
    ['findings', number(report.findings)],
    ['errors', number(report.severities.error)],
    ['warnings', number(report.severities.warning)],
    ['info', number(report.severities.info)],
    ['languages', number(report.languages.length)],
    ['duplicate clusters', number(report.clusterCount)],
  ];
  const out: string[] = [];
  out.push(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(report.title)}: ${escapeHtml(report.root)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${escapeHtml(report.title)}</h1>
<p class="meta"><code>${escapeHtml(report.root)}</code> · ${escapeHtml(report.generatedAt)} · ${escapeHtml(`${report.tool.name} ${report.tool.version}`.trim())}</p>
</header>
<main>
<section class="cards" aria-label="Totals">
${cards.map(([label, value]) => `<div class="card"><div class="value">${value}</div><div class="label">${escapeHtml(label)}</div></div>`).join('\n')}
</section>`);

  out.push(`<section id="rules">
<h2>Findings per rule</h2>
${
  report.rules.length === 0
    ? '<p class="empty">No findings.</p>'
    : `<table class="chart">
<thead><tr><th>rule</th><th class="num">findings</th><th class="num">files</th><th><span class="key error"></span>error <span class="key warning"></span>warning <span class="key info"></span>info</th></tr></thead>
<tbody>
${report.rules
  .map((r) => `<tr><th scope="row">${anchor(report.docs[r.ruleId], r.ruleId, 'rule')}</th><td class="num">${number(r.findings)}</td><td class="num">${number(r.files)}</td><td>${bar(severitySegments(r.severities, `of ${r.ruleId}`), maxRule)}</td></tr>`)
  .join('\n')}
</tbody>
</table>`
}
</section>`);

  out.push(`<section id="languages">
<h2>Findings per language</h2>
<table class="chart">
<thead><tr><th>language</th><th class="num">files</th><th class="num">findings</th><th class="num">per file</th><th>findings</th></tr></thead>
<tbody>
${report.languages
  .map((l) => {
    const top = Object.entries(l.rules).sort((a, b) => b[1] - a[1]).slice(0, 3).map(([id, n]) => `${id} ${number(n)}`).join(', ');
    return `<tr><th scope="row">${escapeHtml(languageLabel(l.language))}</th><td class="num">${number(l.files)}</td><td class="num">${number(l.findings)}</td><td class="num">${(l.findings / Math.max(1, l.files)).toFixed(2)}</td><td>${bar([{ value: l.findings, cls: 'findings', title: top || 'no findings' }], maxLanguage)}</td></tr>`;
  })
  .join('\n')}
</tbody>
</table>
</section>`);

  // The language mix: one bar of the corpus's files, a segment per language (the smallest grouped).
  const shown = report.languages.slice(0, LANGUAGE_COLOURS - 1);
  const rest = report.languages.slice(LANGUAGE_COLOURS - 1).reduce((n, l) => n + l.files, 0);
  const mix = [...shown.map((l, i) => ({ label: languageLabel(l.language), files: l.files, cls: `lang${i}` })), ...(rest ? [{ label: `${report.languages.length - shown.length} other languages`, files: rest, cls: `lang${LANGUAGE_COLOURS - 1}` }] : [])];
  out.push(`<section id="mix">
<h2>Language mix</h2>
${bar(mix.map((m) => ({ value: m.files, cls: m.cls, title: `${m.label}: ${number(m.files)} files` })), report.files).replace('class="bar"', 'class="bar mix" preserveAspectRatio="none"')}
<ul class="legend">
${mix.map((m) => `<li><span class="key ${m.cls}"></span>${escapeHtml(m.label)} <span class="count">${number(m.files)} (${percent(m.files, report.files)})</span></li>`).join('\n')}
</ul>
</section>`);

  out.push(`<section id="files">
<h2>Files with the most findings</h2>
${
  report.topFiles.length === 0
    ? '<p class="empty">No file has findings.</p>'
    : `<table class="files">
<thead><tr><th>file</th><th>language</th><th class="num">findings</th><th>rules</th></tr></thead>
<tbody>
${report.topFiles
  .map((f) => {
    const rules = Object.entries(f.rules).sort((a, b) => b[1] - a[1]).map(([id, n]) => `${escapeHtml(id)} ${number(n)}`).join(', ');
    const first = f.first[0];
    const findings = f.first
      .map((x) => `<li>${anchor(link(f.path, x.line, x.column), `${f.path}:${x.line}:${x.column}`, 'loc')} <span class="sev ${x.level}">${x.level}</span> ${escapeHtml(x.message)} <span class="rule">${escapeHtml(x.ruleId)}</span></li>`)
      .join('');
    return `<tr><td>${anchor(link(f.path, first.line, first.column), `${f.path}:${first.line}`, 'loc')}<details><summary>${number(f.first.length)} of ${number(f.findings)}</summary><ul class="findings">${findings}</ul></details></td><td>${escapeHtml(f.language)}</td><td class="num">${number(f.findings)}</td><td>${rules}</td></tr>`;
  })
  .join('\n')}
</tbody>
</table>`
}
</section>`);

  if (report.repeatedLines.length) {
    out.push(`<section id="repeated">
<h2>Most repeated lines</h2>
<table class="files">
<thead><tr><th>line</th><th class="num">files</th><th>for example</th></tr></thead>
<tbody>
${report.repeatedLines.map((r) => `<tr><td><q>${escapeHtml(r.text)}</q></td><td class="num">${number(r.files)}</td><td>${anchor(link(r.example.path, r.example.line, r.example.column), `${r.example.path}:${r.example.line}`, 'loc')}</td></tr>`).join('\n')}
</tbody>
</table>
</section>`);
  }

  out.push(`<section id="clusters">
<h2>Duplicate clusters</h2>
${
  report.clusters.length === 0
    ? '<p class="empty">No exact copies or near-duplicates.</p>'
    : `<ol class="clusters">
${report.clusters
  .map((c) => `<li><span class="badge ${c.exact ? 'exact' : 'near'}">${c.exact ? 'exact copies' : c.similarity >= 0.995 ? 'near-duplicates, the same prose' : `near-duplicates, similarity ≥ ${c.similarity.toFixed(2)}`}</span> <span class="count">${number(c.files.length)} files</span><ul>${c.files.map((p) => `<li>${anchor(link(p, 1, 1), `${p}:1`, 'loc')}</li>`).join('')}</ul></li>`)
  .join('\n')}
</ol>${report.clusterCount > report.clusters.length ? `\n<p class="more">${number(report.clusterCount - report.clusters.length)} more clusters not listed.</p>` : ''}`
}
</section>
</main>
<footer>Made by ${escapeHtml(`${report.tool.name} ${report.tool.version}`.trim())}. Self-contained: this page loads nothing from the network.</footer>
</body>
</html>
`);
  return out.join('\n');
}

const STYLE = `
:root { color-scheme: light dark; --fg: #1f2328; --muted: #59636e; --bg: #ffffff; --panel: #f6f8fa; --line: #d1d9e0; --link: #0969da;
  --error: #cf222e; --warning: #bf8700; --info: #0969da; --findings: #8250df;
  --l0: #0969da; --l1: #1a7f37; --l2: #bf8700; --l3: #cf222e; --l4: #8250df; --l5: #1b7c83; --l6: #bc4c00; --l7: #6e7781; --l8: #d4a72c; --l9: #a0a7b0; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --muted: #9198a1; --bg: #0d1117; --panel: #151b23; --line: #3d444d; --link: #4493f8;
  --error: #f85149; --warning: #d29922; --info: #4493f8; --findings: #ab7df8; } }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: var(--bg); }
header, main, footer { max-width: 1100px; margin: 0 auto; padding: 0 24px; }
header { padding-top: 24px; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 32px 0 12px; padding-bottom: 6px; border-bottom: 1px solid var(--line); }
.meta, footer, .count, .more, .empty, small { color: var(--muted); }
footer { margin: 40px auto 24px; font-size: 12px; }
a { color: var(--link); text-decoration: none; }
a:hover { text-decoration: underline; }
code, .loc, .rule { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); gap: 12px; margin-top: 20px; }
.card { background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 12px 16px; }
.card .value { font-size: 22px; font-weight: 600; }
.card .label { color: var(--muted); }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 4px 10px 4px 0; vertical-align: top; border-bottom: 1px solid var(--line); }
thead th { color: var(--muted); font-weight: 500; }
tbody th { font-weight: 400; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.chart td:last-child { width: ${BAR_WIDTH + 10}px; }
svg.bar { display: block; margin-top: 3px; }
svg.mix { width: 100%; height: 22px; }
rect.error { fill: var(--error); } rect.warning { fill: var(--warning); } rect.info { fill: var(--info); } rect.findings { fill: var(--findings); }
${Array.from({ length: LANGUAGE_COLOURS }, (_, i) => `rect.lang${i}, .key.lang${i} { fill: var(--l${i}); background: var(--l${i}); }`).join('\n')}
.key { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin: 0 4px 0 8px; }
.key.error { background: var(--error); } .key.warning { background: var(--warning); } .key.info { background: var(--info); }
.legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 4px 16px; }
.legend .key { margin-left: 0; }
details summary { cursor: pointer; color: var(--muted); font-size: 12px; }
ul.findings { margin: 4px 0 8px; padding-left: 18px; }
.sev { font-size: 11px; text-transform: uppercase; padding: 0 4px; border-radius: 3px; color: var(--bg); }
.sev.error { background: var(--error); } .sev.warning { background: var(--warning); } .sev.info { background: var(--info); }
.rule { color: var(--muted); }
q { quotes: "“" "”"; }
ol.clusters > li { margin-bottom: 10px; }
ol.clusters ul { margin: 4px 0; padding-left: 18px; }
.badge { font-size: 12px; padding: 1px 6px; border-radius: 10px; border: 1px solid var(--line); background: var(--panel); }
.badge.exact { border-color: var(--error); } .badge.near { border-color: var(--warning); }
`;
