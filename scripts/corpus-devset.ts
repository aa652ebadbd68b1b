// A labelled corpus for the corpus rules, built from real web pages, and the rules' recall and
// precision on it.
//
//   npx tsx scripts/corpus-devset.ts [--pages ../shared/corpora/web-pages] [--out /tmp/seedlint-corpus-devset] [--seed 1]
//
// Pages are grouped by language into invented "sites"; each site's files get its menu and footer
// (menu items are real short lines of other pages of that language; footers are copyright, button,
// dated and newsletter lines), each line kept with some probability as real pages vary. Some pages
// get near-copies made by real edits (a paragraph removed, the title changed, comments appended,
// the end cut, resaved under another date, syndicated to another site). Pages are split into a
// development part and a held-out part (a third, by name) so that tuning can be checked on pages it
// did not see. The corpus is written under --out (never committed: the pages belong to their publishers).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { prng, type Prng } from '../bench/prng.mjs';
import { allRules, lintDocument, resolveConfig, SeedDocument } from '../server/src/engine/index';
import { CorpusReportBuilder, renderHtmlReport, renderMarkdownReport, type ReportMessage } from '../server/src/report/index';
import { splitWords } from '../server/src/engine/words';
import { CorpusIndex, lineHash, resolveCorpusSettings, signatureOf, type CorpusFinding, type SignatureOptions } from '../server/src/corpus/index';
import { hash32 } from '../server/src/corpus/hash';
import { SHINGLE_WORDS } from '../server/src/corpus/minhash';
import { sketchTokensOf } from '../server/src/corpus/signature';
import { bundledLanguages as languageData } from '../server/src/languages/index';

export interface Page {
  name: string;
  language: string;
  text: string;
}

export type FurnitureKind = 'menu' | 'copyright' | 'button' | 'dated' | 'newsletter';
export type EditKind = 'paragraph-removed' | 'title-changed' | 'comments-appended' | 'end-cut' | 'resaved' | 'syndicated';

export interface DevsetFile {
  path: string;
  text: string;
  language: string;
  site?: string;
  /** Files of one story are copies of one another (the original page's name). */
  story: string;
  edit?: EditKind;
  /** Injected furniture: 1-based line number and kind. */
  furniture: Array<{ line: number; kind: FurnitureKind }>;
}

export interface DevsetOptions {
  seed?: number;
  /** Share of pages that get near-copies. */
  copyShare?: number;
  /** Share of pages of a language with sites that stay siteless (clean extractions). */
  siteless?: number;
  /** Pairs of page names that are already the same story (natural duplicates among the pages). */
  sameStory?: Array<[string, string]>;
}

/** "All rights reserved", "Updated" and a newsletter sentence, per language (English for the rest). */
const LOCAL: Record<string, { rights: string; updated: string; newsletter: string }> = {
  en: { rights: 'All rights reserved.', updated: 'Updated', newsletter: 'Sign up for our newsletter to get the best of {site} delivered to your inbox every morning.' },
  de: { rights: 'Alle Rechte vorbehalten.', updated: 'Aktualisiert am', newsletter: 'Melden Sie sich für unseren Newsletter an, um jeden Morgen die wichtigsten Nachrichten von {site} zu erhalten.' },
  es: { rights: 'Todos los derechos reservados.', updated: 'Actualizado el', newsletter: 'Suscríbete a nuestro boletín para recibir cada mañana las noticias más importantes de {site}.' },
  fr: { rights: 'Tous droits réservés.', updated: 'Mis à jour le', newsletter: "Inscrivez-vous à notre newsletter pour recevoir chaque matin l'essentiel de l'actualité de {site}." },
  pl: { rights: 'Wszelkie prawa zastrzeżone.', updated: 'Aktualizacja:', newsletter: 'Zapisz się do naszego newslettera, aby codziennie rano otrzymywać najważniejsze wiadomości z {site}.' },
  pt: { rights: 'Todos os direitos reservados.', updated: 'Atualizado em', newsletter: 'Assine a nossa newsletter para receber todas as manhãs as principais notícias do {site}.' },
  zh: { rights: '版权所有', updated: '更新时间', newsletter: '订阅{site}的新闻简报，每天早上把最重要的新闻送到您的邮箱。' },
  ar: { rights: 'جميع الحقوق محفوظة', updated: 'آخر تحديث', newsletter: 'اشترك في النشرة الإخبارية من {site} لتصلك أهم الأخبار كل صباح.' },
};
const BUTTONS: Record<string, string[]> = { zh: ['分享到微博', '分享到微信', '订阅我们的新闻简报', '责任编辑'], ar: ['شارك على فيسبوك', 'شارك على تويتر', 'اشترك في النشرة الإخبارية', 'اقرأ أيضا'] };
const SITE_NAMES = ['Courier', 'Herald', 'Tribune', 'Post', 'Gazette', 'Observer', 'Chronicle', 'Monitor', 'Express', 'Ledger', 'Sentinel', 'Dispatch', 'Standard', 'Journal'];

const TERMINAL = /[.!?…。！？؟]["'”’»)]*$/;

function bodyLines(text: string): string[] {
  const lines = text.split(/\r?\n/);
  if (/^date\s/i.test(lines[0] ?? '')) lines.shift();
  while (lines.length && !lines[lines.length - 1].trim()) lines.pop();
  return lines;
}

function shuffle<T>(rng: Prng, xs: T[]): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

function wordCount(line: string): number {
  return splitWords(line).length;
}

/** Short lines of real pages: what menus are made of. */
function menuPool(pages: Page[]): string[] {
  const out = new Set<string>();
  for (const p of pages) {
    for (const l of bodyLines(p.text).slice(1)) {
      const t = l.trim();
      const n = wordCount(t);
      if (n >= 1 && n <= 3 && t.length <= 30 && !TERMINAL.test(t) && !/\d/.test(t)) out.add(t);
    }
  }
  return [...out];
}

interface Site {
  name: string;
  language: string;
  header: Array<{ text: string; kind: FurnitureKind }>;
  footer: Array<{ text: string; kind: FurnitureKind }>;
}

function makeSite(rng: Prng, language: string, index: number, pool: string[]): Site {
  const name = `${SITE_NAMES[index % SITE_NAMES.length]} ${String.fromCharCode(65 + Math.floor(index / SITE_NAMES.length))}${index}`;
  const local = LOCAL[language] ?? LOCAL.en;
  const menu = new Set<string>();
  const size = 4 + rng.int(6);
  for (let tries = 0; menu.size < size && tries < 100; tries++) menu.add(rng.pick(pool));
  const header = [...menu].map((text) => ({ text: rng.chance(0.5) ? `* ${text}` : text, kind: 'menu' as const }));
  const buttons = BUTTONS[language] ?? languageData.find((d) => d.code === language)?.boilerplate.filter((b) => !b.includes('{n}')) ?? languageData.find((d) => d.code === 'en')!.boilerplate;
  const footer: Site['footer'] = [];
  for (const b of shuffle(rng, buttons).slice(0, 1 + rng.int(3))) footer.push({ text: b, kind: 'button' });
  if (rng.chance(0.5)) footer.push({ text: local.newsletter.replace('{site}', name), kind: 'newsletter' });
  if (rng.chance(0.6)) footer.push({ text: `${local.updated} {dd}.{mm}.{yyyy} {hh}:{mi}`, kind: 'dated' });
  footer.push({ text: `© {yyyy} ${name}. ${local.rights}`, kind: 'copyright' });
  return { name, language, header, footer };
}

function fillDigits(rng: Prng, text: string): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return text
    .replace('{dd}', two(1 + rng.int(28)))
    .replace('{mm}', two(1 + rng.int(12)))
    .replace('{yyyy}', String(2018 + rng.int(7)))
    .replace('{hh}', two(rng.int(24)))
    .replace('{mi}', two(rng.int(60)));
}

type Line = { text: string; kind?: FurnitureKind };

function dress(rng: Prng, site: Site | undefined, body: string[]): Line[] {
  const out: Line[] = [];
  if (site) for (const f of site.header) if (rng.chance(0.9)) out.push({ text: f.text, kind: f.kind });
  for (const l of body) out.push({ text: l });
  if (site) for (const f of site.footer) if (rng.chance(0.85)) out.push({ text: fillDigits(rng, f.text), kind: f.kind });
  return out;
}

function render(date: string, lines: Line[]): { text: string; furniture: DevsetFile['furniture'] } {
  const furniture: DevsetFile['furniture'] = [];
  lines.forEach((l, i) => l.kind && furniture.push({ line: i + 2, kind: l.kind }));
  return { text: [`date ${date}`, ...lines.map((l) => l.text)].join('\n') + '\n', furniture };
}

/** Lines of a page that read as paragraphs of its article (long, sentence-ended). */
function paragraphIndexes(body: string[]): number[] {
  const out: number[] = [];
  body.forEach((l, i) => {
    if (i > 0 && wordCount(l) >= 15 && TERMINAL.test(l.trim())) out.push(i);
  });
  return out;
}

function edited(rng: Prng, kind: EditKind, page: Page, others: Page[]): string[] | undefined {
  const body = bodyLines(page.text);
  const paragraphs = paragraphIndexes(body);
  const sameLanguage = others.filter((o) => o.language === page.language && o.name !== page.name);
  switch (kind) {
    case 'paragraph-removed': {
      if (paragraphs.length < 4) return undefined;
      const drop = rng.pick(paragraphs);
      return body.filter((_, i) => i !== drop);
    }
    case 'title-changed': {
      // An editor's new title: the site's suffix dropped, or a word of update added.
      const title = body[0].replace(/\s+[|–-]\s+[^|–-]+$/, '');
      return [title !== body[0] ? title : `${body[0]} (${(LOCAL[page.language] ?? LOCAL.en).updated.split(' ')[0]})`, ...body.slice(1)];
    }
    case 'comments-appended': {
      const donor = sameLanguage.length ? rng.pick(sameLanguage) : rng.pick(others);
      const comments = paragraphIndexes(bodyLines(donor.text)).map((i) => bodyLines(donor.text)[i]);
      if (comments.length === 0) return undefined;
      const n = 2 + rng.int(4);
      const start = rng.int(Math.max(1, comments.length - n));
      return [...body, ...comments.slice(start, start + n)];
    }
    case 'end-cut': {
      if (paragraphs.length < 6) return undefined;
      const cut = paragraphs[Math.floor(paragraphs.length * 0.88)];
      return body.slice(0, cut);
    }
    case 'resaved':
      return body;
    case 'syndicated':
      // Another site's furniture (see buildDevset) and its name after the title.
      return [`${body[0]} | ${rng.pick(SITE_NAMES)}`, ...body.slice(1)];
  }
}

const EDITS: EditKind[] = ['paragraph-removed', 'title-changed', 'comments-appended', 'end-cut', 'resaved', 'syndicated'];

/** The labelled corpus: the pages dressed by their sites, plus near-copies of some of them. */
export function buildDevset(pages: Page[], options: DevsetOptions = {}): DevsetFile[] {
  const rng = prng(options.seed ?? 1);
  const story = new Map(pages.map((p) => [p.name, p.name]));
  for (const [a, b] of options.sameStory ?? []) if (story.has(a) && story.has(b)) story.set(b, story.get(a)!);
  const byLanguage = new Map<string, Page[]>();
  for (const p of pages) byLanguage.set(p.language, [...(byLanguage.get(p.language) ?? []), p]);
  const siteOf = new Map<string, Site>();
  const sites: Site[] = [];
  for (const [language, group] of [...byLanguage].sort()) {
    const pool = menuPool(group);
    const dressed = shuffle(rng, group).filter(() => !rng.chance(options.siteless ?? 0.15));
    if (dressed.length < 3 || pool.length < 10) continue;
    let i = 0;
    while (i < dressed.length) {
      let size = 3 + rng.int(5);
      if (dressed.length - (i + size) < 3) size = dressed.length - i;
      const site = makeSite(rng, language, sites.length, pool);
      sites.push(site);
      for (const p of dressed.slice(i, i + size)) siteOf.set(p.name, site);
      i += size;
    }
  }
  const files: DevsetFile[] = [];
  const dateOf = (p: Page) => /^date\s+(\S+)/i.exec(p.text)?.[1] ?? '2020-06-15';
  for (const p of pages) {
    const site = siteOf.get(p.name);
    const { text, furniture } = render(dateOf(p), dress(rng, site, bodyLines(p.text)));
    files.push({ path: `${p.name}`, text, language: p.language, site: site?.name, story: story.get(p.name)!, furniture });
  }
  for (const p of pages) {
    if (!rng.chance(options.copyShare ?? 0.35)) continue;
    const copies = rng.chance(0.3) ? 2 : 1;
    for (let c = 0; c < copies; c++) {
      const kind = rng.pick(EDITS);
      const body = edited(rng, kind, p, pages);
      if (!body) continue;
      let site = siteOf.get(p.name);
      if (kind === 'syndicated') {
        const elsewhere = sites.filter((s) => s.language === p.language && s !== site);
        site = elsewhere.length ? rng.pick(elsewhere) : undefined;
      }
      const date = kind === 'resaved' ? '2024-01-02' : dateOf(p);
      const { text, furniture } = render(date, dress(rng, site, body));
      files.push({ path: `${p.name.replace(/\.txt$/, '')}.copy${c + 1}-${kind}.txt`, text, language: p.language, site: site?.name, story: story.get(p.name)!, edit: kind, furniture });
    }
  }
  return files;
}

// ---- measuring ----

export interface Measures {
  files: number;
  repeatedLine: { expected: number; found: number; missed: Record<string, number>; recallByKind: Record<string, string>; recall: number; findings: number; truePositives: number; precision: number; falsePositives: string[] };
  nearDuplicate: { positivePairs: number; foundPairs: number; recall: number; precision: number; byEdit: Record<string, string>; missed: string[]; falsePairs: string[]; fidelity: { pairsAtThreshold: number; foundAtThreshold: number } };
  msPerFile: number;
}


export function measure(files: DevsetFile[], signatureOptions: SignatureOptions = {}, settings = resolveCorpusSettings()): Measures {
  const config = resolveConfig({}, allRules);
  const index = new CorpusIndex(settings);
  const tokens = new Map<string, Set<number>>();
  let ms = 0;
  for (const f of files) {
    const doc = new SeedDocument(f.text, config.languages);
    const t0 = performance.now();
    const sig = signatureOf(doc, signatureOptions);
    ms += performance.now() - t0;
    index.set(f.path, sig);
    const t = sketchTokensOf(doc, signatureOptions);
    const shingles = new Set<number>();
    for (let i = 0; i + SHINGLE_WORDS <= t.length; i++) shingles.add(hash32(t.slice(i, i + SHINGLE_WORDS).join(',')));
    tokens.set(f.path, shingles);
  }
  const findings = new Map<string, CorpusFinding[]>();
  for (const f of files) findings.set(f.path, index.findingsFor(f.path));
  const minFiles = settings.repeatedLine?.options.minFiles ?? 3;
  const minWords = settings.nearDuplicate?.options.minWords ?? 25;

  // Repeated lines. Expected: injected lines whose text is in at least minFiles stories. Also right:
  // a line whose text is injected furniture somewhere, or that at least minFiles stories hold as it
  // was on their pages (the pages' own menus).
  const storiesOf = new Map<string, Set<string>>();
  const injectedTexts = new Set<string>();
  for (const f of files) {
    const lines = f.text.split('\n');
    for (const fl of f.furniture) injectedTexts.add(lineKey(lines[fl.line - 1]));
    lines.slice(1).forEach((l) => {
      const k = lineKey(l);
      if (!k) return;
      if (!storiesOf.has(k)) storiesOf.set(k, new Set());
      storiesOf.get(k)!.add(f.story);
    });
  }
  let expected = 0;
  let found = 0;
  const expectedByKind: Record<string, number> = {};
  const foundByKind: Record<string, number> = {};
  const missed: Record<string, number> = {};
  let truePositives = 0;
  let findingCount = 0;
  const falsePositives: string[] = [];
  for (const f of files) {
    const lines = f.text.split('\n');
    const flagged = new Set((findings.get(f.path) ?? []).filter((x) => x.ruleId === 'corpus/repeated-line').map((x) => x.range.line + 1));
    for (const fl of f.furniture) {
      if ((storiesOf.get(lineKey(lines[fl.line - 1]))?.size ?? 0) < minFiles) continue;
      expected++;
      expectedByKind[fl.kind] = (expectedByKind[fl.kind] ?? 0) + 1;
      if (flagged.has(fl.line)) {
        found++;
        foundByKind[fl.kind] = (foundByKind[fl.kind] ?? 0) + 1;
      } else missed[`${fl.kind}: ${lines[fl.line - 1]}`] = (missed[`${fl.kind}: ${lines[fl.line - 1]}`] ?? 0) + 1;
    }
    for (const line of flagged) {
      findingCount++;
      const k = lineKey(lines[line - 1]);
      if (injectedTexts.has(k) || (storiesOf.get(k)?.size ?? 0) >= minFiles) truePositives++;
      else falsePositives.push(`${f.path}:${line}: ${lines[line - 1]}`);
    }
  }
  const recallByKind: Record<string, string> = {};
  for (const k of Object.keys(expectedByKind).sort()) recallByKind[k] = `${foundByKind[k] ?? 0}/${expectedByKind[k]}`;

  // Near-duplicates, as pairs: a finding names its file's partners (related).
  const pairKey = (a: string, b: string) => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);
  const foundPairs = new Set<string>();
  for (const [p, fs_] of findings) for (const x of fs_) if (x.ruleId === 'corpus/near-duplicate') for (const r of x.related) foundPairs.add(pairKey(p, r.path));
  const byPath = new Map(files.map((f) => [f.path, f]));
  const long = files.filter((f) => (tokens.get(f.path)?.size ?? 0) + SHINGLE_WORDS - 1 >= minWords);
  const positives = new Set<string>();
  let pairsAtThreshold = 0;
  let foundAtThreshold = 0;
  const threshold = settings.nearDuplicate?.options.threshold ?? 0.8;
  for (let i = 0; i < long.length; i++) {
    for (let j = i + 1; j < long.length; j++) {
      const a = long[i];
      const b = long[j];
      if (a.story === b.story) positives.add(pairKey(a.path, b.path));
      if (jaccard(tokens.get(a.path)!, tokens.get(b.path)!) >= threshold) {
        pairsAtThreshold++;
        if (foundPairs.has(pairKey(a.path, b.path))) foundAtThreshold++;
      }
    }
  }
  const byEdit: Record<string, [number, number]> = {};
  const missedPairs: string[] = [];
  for (const key of positives) {
    const [a, b] = key.split('\u0000');
    const edit = byPath.get(a)!.edit ?? byPath.get(b)!.edit ?? 'natural';
    const tally = (byEdit[edit] ??= [0, 0]);
    tally[1]++;
    if (foundPairs.has(key)) tally[0]++;
    else missedPairs.push(`${a} ~ ${b} (${edit}, Jaccard ${jaccard(tokens.get(a)!, tokens.get(b)!).toFixed(2)})`);
  }
  const falsePairs = [...foundPairs].filter((k) => !positives.has(k)).map((k) => k.replace('\u0000', ' ~ '));
  const tp = [...foundPairs].filter((k) => positives.has(k)).length;
  return {
    files: files.length,
    repeatedLine: { expected, found, missed, recallByKind, recall: found / Math.max(1, expected), findings: findingCount, truePositives, precision: truePositives / Math.max(1, findingCount), falsePositives },
    nearDuplicate: {
      positivePairs: positives.size,
      foundPairs: foundPairs.size,
      recall: tp / Math.max(1, positives.size),
      precision: tp / Math.max(1, foundPairs.size),
      byEdit: Object.fromEntries(Object.entries(byEdit).map(([k, [f, n]]) => [k, `${f}/${n}`])),
      missed: missedPairs,
      falsePairs,
      fidelity: { pairsAtThreshold, foundAtThreshold },
    },
    msPerFile: ms / files.length,
  };

  function lineKey(l: string | undefined): string {
    if (!l || !/\p{L}/u.test(l)) return '';
    const [hi, lo] = lineHash(l);
    return `${hi}:${lo}`;
  }
}

function jaccard(a: Set<number>, b: Set<number>): number {
  let inter = 0;
  for (const x of a) if (b.has(x)) inter++;
  return inter / Math.max(1, a.size + b.size - inter);
}

export function readPages(dir: string): Page[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d+_[a-z]{2}_.*\.txt$/.test(f))
    .sort()
    .map((name) => ({ name, language: name.split('_')[1], text: fs.readFileSync(path.join(dir, name), 'utf8') }));
}

/** The same story among the web pages: two extractions of one Arabic article, two of one Chinese one. */
export const WEB_PAGE_DUPLICATES: Array<[string, string]> = [
  ['029_ar_arabic-html-1.txt', '217_ar_arabic.txt'],
  ['138_zh_bbc-chinese.txt', '253_zh_chinese-html-1.txt'],
];

/** A third of the pages, by a hash of their story's name, are held out from tuning. */
export function isHeldOut(name: string): boolean {
  const story = WEB_PAGE_DUPLICATES.find(([, b]) => b === name)?.[0] ?? name;
  return hash32(story) % 3 === 0;
}

function main(): void {
  const argv = process.argv.slice(2);
  const opt = (name: string, fallback: string) => (argv.includes(`--${name}`) ? argv[argv.indexOf(`--${name}`) + 1] : fallback);
  const pagesDir = path.resolve(opt('pages', path.join(__dirname, '../../shared/corpora/web-pages')));
  const out = path.resolve(opt('out', '/tmp/seedlint-corpus-devset'));
  const seed = Number(opt('seed', '1'));
  const pages = readPages(pagesDir);
  const report: Record<string, unknown> = {};
  for (const part of ['development', 'held-out'] as const) {
    const chosen = pages.filter((p) => isHeldOut(p.name) === (part === 'held-out'));
    const files = buildDevset(chosen, { seed, sameStory: WEB_PAGE_DUPLICATES });
    const dir = path.join(out, part);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(path.join(dir, 'files'), { recursive: true });
    for (const f of files) fs.writeFileSync(path.join(dir, 'files', f.path), f.text);
    fs.writeFileSync(path.join(dir, 'labels.json'), JSON.stringify(files.map(({ text: _text, ...rest }) => rest), null, 1));
    console.log(`\n## ${part}: ${chosen.length} pages -> ${files.length} files (${files.filter((f) => f.edit).length} near-copies, ${new Set(files.map((f) => f.site).filter(Boolean)).size} sites) in ${dir}`);
    const variants: Array<[string, SignatureOptions, ReturnType<typeof resolveCorpusSettings>]> = [
      ['defaults (prose sketch)', {}, resolveCorpusSettings()],
      ['sketch of all lines', { sketchLines: 'all' }, resolveCorpusSettings()],
      ['minFiles 2', {}, resolveCorpusSettings({ 'corpus/repeated-line': { options: { minFiles: 2 } } })],
      ['minFiles 4', {}, resolveCorpusSettings({ 'corpus/repeated-line': { options: { minFiles: 4 } } })],
      ['threshold 0.7', {}, resolveCorpusSettings({ 'corpus/near-duplicate': { options: { threshold: 0.7 } } })],
      ['threshold 0.9', {}, resolveCorpusSettings({ 'corpus/near-duplicate': { options: { threshold: 0.9 } } })],
    ];
    const rows: string[] = [];
    for (const [name, sigOptions, settings] of variants) {
      const m = measure(files, sigOptions, settings);
      report[`${part}: ${name}`] = m;
      const r = m.repeatedLine;
      const d = m.nearDuplicate;
      rows.push(
        `| ${name} | ${r.found}/${r.expected} = ${pct(r.recall)} | ${r.truePositives}/${r.findings} = ${pct(r.precision)} | ${Object.entries(r.recallByKind).map(([k, v]) => `${k} ${v}`).join(', ')} | ${pct(d.recall)} (${d.positivePairs}) | ${pct(d.precision)} (${d.foundPairs}) | ${Object.entries(d.byEdit).map(([k, v]) => `${k} ${v}`).join(', ')} | ${d.fidelity.foundAtThreshold}/${d.fidelity.pairsAtThreshold} | ${m.msPerFile.toFixed(2)} |`,
      );
      if (name.startsWith('defaults')) {
        if (r.falsePositives.length) console.log(`repeated-line false positives:\n  ${r.falsePositives.join('\n  ')}`);
        if (Object.keys(r.missed).length) console.log(`repeated-line misses:\n  ${Object.entries(r.missed).map(([k, v]) => `${v}x ${k}`).join('\n  ')}`);
        if (d.missed.length) console.log(`near-duplicate misses:\n  ${d.missed.join('\n  ')}`);
        if (d.falsePairs.length) console.log(`near-duplicate false pairs:\n  ${d.falsePairs.join('\n  ')}`);
      }
    }
    console.log('\n| variant | repeated-line recall | precision | recall by kind | near-duplicate recall (pairs) | precision (found) | recall by edit | pairs at or above the threshold (exact Jaccard) found | signature ms/file |');
    console.log('|---|---|---|---|---|---|---|---|---|');
    for (const r of rows) console.log(r);
  }
  fs.writeFileSync(path.join(out, 'results.json'), JSON.stringify(report, null, 1));
  writeReport(path.join(out, 'development'));
}

/** The corpus report of a written devset part, as the CLI will make it: every rule, then the corpus pass. */
function writeReport(dir: string): void {
  const config = resolveConfig({}, allRules);
  const index = new CorpusIndex();
  const names = fs.readdirSync(path.join(dir, 'files')).sort();
  const texts = new Map<string, string>();
  const perFile = new Map<string, { language: string; messages: ReportMessage[] }>();
  for (const name of names) {
    const text = fs.readFileSync(path.join(dir, 'files', name), 'utf8');
    texts.set(name, text);
    const doc = new SeedDocument(text, config.languages);
    const { findings } = lintDocument(doc, config, { now: new Date('2025-01-01') });
    const messages = findings.map((f) => {
      const p = doc.lineIndex.positionAt(f.start);
      return { ruleId: f.ruleId, category: f.category, level: f.severity, message: f.message, line: p.line + 1, column: p.character + 1 };
    });
    perFile.set(name, { language: doc.language, messages });
    index.set(name, signatureOf(doc));
  }
  const builder = new CorpusReportBuilder({ generatedAt: new Date().toISOString(), root: dir, links: { kind: 'relative', base: 'files/' }, tool: { name: 'seedlint', version: 'devset' } });
  for (const name of names) {
    const { language, messages } = perFile.get(name)!;
    for (const f of index.findingsFor(name)) {
      messages.push({ ruleId: f.ruleId, category: f.category, level: f.severity, message: f.message, line: f.range.line + 1, column: f.range.character + 1, excerpt: texts.get(name)!.slice(f.start, f.end) });
    }
    builder.addFile({ path: name, language, messages });
  }
  builder.addClusters(index.clusters());
  const report = builder.build();
  fs.writeFileSync(path.join(dir, 'report.html'), renderHtmlReport(report));
  fs.writeFileSync(path.join(dir, 'report.md'), renderMarkdownReport(report));
  console.log(`\nreport: ${path.join(dir, 'report.html')} and report.md`);
}

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;

if (require.main === module) main();
