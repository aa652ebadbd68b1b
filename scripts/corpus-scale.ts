// What the corpus pass costs as the corpus grows: time per file and memory.
//
//   npx tsx scripts/corpus-scale.ts                 # every measurement below, each in a fresh process
//   npx tsx scripts/corpus-scale.ts --synthetic 100000
//   npx tsx scripts/corpus-scale.ts --bench 20000   # real documents: the benchmark's corpus, in /tmp
//
// --synthetic makes signatures directly (random sketches, sites' shared lines, planted exact copies
// and near-duplicates at similarity 0.9): the index's own cost, at sizes no document set here reaches.
// --bench builds the benchmark's corpus (bench/corpus.mjs: articles from real sentences, 10 KB each,
// the seeds among them) under /tmp and times signatures (the document parsed first, as the CLI has it)
// and the index.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { prng } from '../bench/prng.mjs';
import { allRules, resolveConfig, SeedDocument } from '../server/src/engine/index';
import { CorpusIndex, signatureOf, SIGNATURE_VERSION, type CorpusSignature } from '../server/src/corpus/index';
import { combine32, fmix32 } from '../server/src/corpus/hash';
import { MINHASH_SIZE, sketchOfMinima } from '../server/src/corpus/minhash';

export interface SyntheticCorpus {
  signatures: Array<[string, CorpusSignature]>;
  /** Pairs planted as near-duplicates (similarity about 0.9) and as exact copies. */
  near: Array<[string, string]>;
  exact: Array<[string, string]>;
  /** Files per site; each site has SITE_LINES lines, each on 90 % of its files. */
  siteSize: number;
}

export const SITE_LINES = 12;
const OWN_LINES = 10;

/** Synthetic signatures of `n` files: sites of `siteSize` files sharing lines, a near-duplicate every 50th file, an exact copy every 200th. */
export function syntheticCorpus(n: number, seed = 1, siteSize = 40): SyntheticCorpus {
  const rng = prng(seed);
  const signatures: SyntheticCorpus['signatures'] = [];
  const near: SyntheticCorpus['near'] = [];
  const exact: SyntheticCorpus['exact'] = [];
  let previous = new Uint32Array(MINHASH_SIZE);
  let previousExact = 0;
  for (let i = 0; i < n; i++) {
    const path = `site${Math.floor(i / siteSize)}/${i}.txt`;
    let full = new Uint32Array(MINHASH_SIZE);
    let exactHash = Math.floor(rng.next() * 2 ** 52) + 1;
    if (i % 200 === 199) {
      full = previous.slice();
      exactHash = previousExact;
      exact.push([signatures[i - 1][0], path]);
    } else if (i % 50 === 49) {
      for (let k = 0; k < MINHASH_SIZE; k++) full[k] = rng.chance(0.1) ? (rng.next() * 2 ** 32) >>> 0 : previous[k];
      near.push([signatures[i - 1][0], path]);
    } else {
      for (let k = 0; k < MINHASH_SIZE; k++) full[k] = (rng.next() * 2 ** 32) >>> 0;
    }
    const { mins, bands } = sketchOfMinima(full);
    const lines: number[] = [];
    let line = 1;
    const add = (hi: number, lo: number) => {
      // A 24-unit line at column 0 followed by its line break (see furnitureLine's packing).
      lines.push(hi, lo, line, line * 60, (24 << 11) | (1 << 20));
      line++;
    };
    const site = Math.floor(i / siteSize);
    for (let k = 0; k < SITE_LINES; k++) if (rng.chance(0.9)) add(fmix32(site * 31 + k + 1), combine32(site + 7, k));
    for (let k = 0; k < OWN_LINES; k++) add((rng.next() * 2 ** 32) >>> 0, (rng.next() * 2 ** 32) >>> 0);
    signatures.push([path, { version: SIGNATURE_VERSION, language: 'en', words: 300, exact: exactHash, firstLineEnd: 15, mins, bands, lines: Uint32Array.from(lines) }]);
    previous = full;
    previousExact = exactHash;
  }
  return { signatures, near, exact, siteSize };
}

interface Measurement {
  kind: string;
  files: number;
  signatureMsPerFile?: number;
  addMs: number;
  fullPassMs: number;
  findingsMsPerFile: number;
  indexMB: number;
  heapMB: number;
  findings: Record<string, number>;
  clusters: number;
  nearFound?: string;
  exactFound?: string;
}

/** Live heap and array buffers after full collections (array buffers are freed a collection late). */
function heapBytes(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  for (let i = 0; i < 3; i++) gc?.();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

function run(index: CorpusIndex, paths: string[], before: number, addMs: number, kind: string, signatureMs?: number): Measurement {
  const t0 = performance.now();
  index.clusters();
  const fullPassMs = performance.now() - t0;
  const t1 = performance.now();
  const findings: Record<string, number> = {};
  const partners = new Map<string, Set<string>>();
  for (const p of paths) {
    for (const f of index.findingsFor(p)) {
      const key = `${f.ruleId}/${f.messageId}`;
      findings[key] = (findings[key] ?? 0) + 1;
      if (f.ruleId === 'corpus/near-duplicate') partners.set(p, new Set(f.related.map((r) => r.path)));
    }
  }
  const findingsMs = performance.now() - t1;
  const heap = heapBytes() - before;
  const out: Measurement = {
    kind,
    files: paths.length,
    addMs,
    fullPassMs,
    findingsMsPerFile: findingsMs / paths.length,
    indexMB: index.stats().bytes / 2 ** 20,
    heapMB: heap / 2 ** 20,
    findings,
    clusters: index.clusters().length,
  };
  if (signatureMs !== undefined) out.signatureMsPerFile = signatureMs / paths.length;
  (out as unknown as { partners: Map<string, Set<string>> }).partners = partners;
  return out;
}

function synthetic(n: number): Measurement {
  const before = heapBytes();
  const corpus = syntheticCorpus(n);
  const index = new CorpusIndex();
  const t0 = performance.now();
  for (const [p, s] of corpus.signatures) index.set(p, s);
  const addMs = performance.now() - t0;
  const paths = corpus.signatures.map(([p]) => p);
  // The signatures are the caller's: dropped here, so that the heap holds the index alone.
  corpus.signatures.length = 0;
  const m = run(index, paths, before, addMs, 'synthetic');
  const partners = (m as unknown as { partners: Map<string, Set<string>> }).partners;
  const found = (pairs: Array<[string, string]>) => `${pairs.filter(([a, b]) => partners.get(a)?.has(b) && partners.get(b)?.has(a)).length}/${pairs.length}`;
  m.nearFound = found(corpus.near);
  m.exactFound = found(corpus.exact);
  return m;
}

async function bench(n: number): Promise<Measurement> {
  const { buildCorpus } = await import('../bench/corpus.mjs' as string);
  const out = `/tmp/seedlint-corpus-scale/bench-${n}`;
  buildCorpus({ files: n, sizeMb: n / 100, out });
  const files: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (e.isDirectory()) walk(path.join(d, e.name));
      else if (e.name.endsWith('.txt')) files.push(path.join(d, e.name));
    }
  };
  walk(path.join(out, 'files'));
  const config = resolveConfig({}, allRules);
  const before = heapBytes();
  const index = new CorpusIndex(undefined, { displayPath: (p) => path.relative(out, p) });
  let signatureMs = 0;
  let addMs = 0;
  for (const f of files) {
    const doc = new SeedDocument(fs.readFileSync(f, 'utf8'), config.languages);
    const t0 = performance.now();
    const sig = signatureOf(doc);
    const t1 = performance.now();
    index.set(f, sig);
    addMs += performance.now() - t1;
    signatureMs += t1 - t0;
  }
  return run(index, files, before, addMs, 'bench', signatureMs);
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const value = (name: string) => (argv.includes(`--${name}`) ? Number(argv[argv.indexOf(`--${name}`) + 1]) : undefined);
  const syn = value('synthetic');
  const real = value('bench');
  if (syn !== undefined || real !== undefined) {
    const m = syn !== undefined ? synthetic(syn) : await bench(real!);
    delete (m as unknown as { partners?: unknown }).partners;
    console.log(JSON.stringify(m));
    return;
  }
  const rows: Measurement[] = [];
  for (const args of [['--bench', '2000'], ['--bench', '20000'], ['--synthetic', '2000'], ['--synthetic', '20000'], ['--synthetic', '100000']]) {
    const r = spawnSync(process.execPath, ['--expose-gc', '--require', require.resolve('tsx/cjs'), __filename, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
    if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
    const m = JSON.parse(r.stdout.trim().split('\n').pop()!) as Measurement;
    rows.push(m);
    console.error(`${args.join(' ')}: ${JSON.stringify(m)}`);
  }
  console.log('| corpus | files | signature ms/file | add ms/file | full pass ms | findings ms/file | index MB | heap MB | findings | clusters | planted near / exact found |');
  console.log('|---|---|---|---|---|---|---|---|---|---|---|');
  for (const m of rows) {
    console.log(
      `| ${m.kind} | ${m.files} | ${m.signatureMsPerFile?.toFixed(3) ?? '-'} | ${(m.addMs / m.files).toFixed(4)} | ${m.fullPassMs.toFixed(0)} | ${m.findingsMsPerFile.toFixed(4)} | ${m.indexMB.toFixed(1)} | ${m.heapMB.toFixed(1)} | ${Object.entries(m.findings).map(([k, v]) => `${k} ${v}`).join(', ')} | ${m.clusters} | ${m.nearFound ?? '-'} / ${m.exactFound ?? '-'} |`,
    );
  }
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
