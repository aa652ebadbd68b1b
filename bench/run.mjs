// The benchmark (`npm run bench`): builds a reproducible corpus, then measures on it, in one run,
// the CLI (one thread and all cores, peak RSS, against a bare read-and-tokenize baseline), the CLI
// with a warm cache, editor latency through the real language server, growth on single large
// files, and where the time goes (CPU per rule, profile hot spots). Prints a table and writes
// bench/results.json and bench/RESULTS.md.
//
//   npm run bench -- [--size 20] [--edits 200] [--seed 1] [--skip lsp,activation,growth,cache,ceiling,profile,rules,peers]
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildCorpus } from './corpus.mjs';
import { measureActivation } from './activation.mjs';
import { measureDocument, median, nodeStartMs, readDebounceMs } from './lsp.mjs';
import { summarize } from './profile-summary.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BENCH = path.join(REPO, 'bench');
const CLI = path.join(REPO, 'dist/cli.js');
/** Starts with and without the code cache (and of Node alone), taken in turn. */
const START_PAIRS = 7;
const SERVER = path.join(REPO, 'dist/server.js');
/** Windows opened in code-server, each a new extension host that activates the extension. */
const ACTIVATION_WINDOWS = 3;
const RUSAGE = path.join(BENCH, 'rusage.cjs');

// --- options ---------------------------------------------------------------------------------

const argv = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : dflt;
};
if (argv.includes('--baseline')) {
  // Child mode: the bare baseline, in a fresh process like the CLI.
  console.log(JSON.stringify(baseline(argv[argv.indexOf('--baseline') + 1])));
  process.exit(0);
}
const sizeMb = Number(opt('size', 20));
const options = {
  sizeMb,
  files: Number(opt('files', Math.round(sizeMb * 100))),
  seed: Number(opt('seed', 1)),
  edits: Number(opt('edits', 200)),
  skip: new Set(String(opt('skip', '')).split(',').filter(Boolean)),
};
const CORPUS = path.join(BENCH, 'corpus');

// --- helpers ---------------------------------------------------------------------------------

const MB = 1024 * 1024;
const round = (x, d = 1) => (Number.isFinite(x) ? Math.round(x * 10 ** d) / 10 ** d : x);
const log = (s) => process.stderr.write(`${s}\n`);

function listFiles(dir, out = []) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) listFiles(full, out);
    else if (e.name.endsWith('.txt')) out.push(full);
  }
  return out;
}

/** Read every file, decode it, split it into words with a Unicode regular expression: the floor a linter stands on. */
function baseline(dir) {
  const files = listFiles(dir);
  const word = /[\p{L}\p{M}]+(?:['’\-.][\p{L}\p{M}]+)*/gu;
  const decoder = new TextDecoder('utf-8');
  let best = Infinity;
  let bytes = 0;
  let words = 0;
  for (let round = 0; round < 3; round++) {
    const t = performance.now();
    bytes = 0;
    words = 0;
    for (const f of files) {
      const buf = fs.readFileSync(f);
      bytes += buf.length;
      const text = decoder.decode(buf);
      word.lastIndex = 0;
      while (word.exec(text)) words++;
    }
    best = Math.min(best, performance.now() - t);
  }
  return { bytes, words, ms: best };
}

/** Runs a command with the rusage preload; resolves with wall time, peak RSS and CPU times. */
function timed(args, { cwd = CORPUS, env = {} } = {}) {
  const usageFile = path.join(os.tmpdir(), `seedlint-bench-${process.pid}-${Math.random().toString(36).slice(2)}.json`);
  return new Promise((resolve, reject) => {
    const t = performance.now();
    const child = spawn(process.execPath, ['--require', RUSAGE, ...args], {
      cwd,
      env: { ...process.env, NO_COLOR: '1', SEEDLINT_BENCH_RUSAGE: usageFile, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stdout.on('data', () => {});
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = performance.now() - t;
      let usage = {};
      try {
        usage = JSON.parse(fs.readFileSync(usageFile, 'utf8'));
        fs.unlinkSync(usageFile);
      } catch {
        /* the process died before writing it */
      }
      resolve({ code, wallMs, stderr, ...usage });
    });
  });
}

const load = () => os.loadavg().map((x) => round(x, 2));

function machine() {
  let cpu = 'unknown';
  try {
    cpu = /model name\s*:\s*(.+)/.exec(fs.readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? cpu;
  } catch {
    cpu = os.cpus()[0]?.model ?? cpu;
  }
  const nproc = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return { nproc, cpu, node: process.version, platform: `${os.platform()} ${os.release()}`, memoryGb: round(os.totalmem() / 1024 ** 3, 1), date: new Date().toISOString() };
}

/**
 * How much faster this machine, as loaded right now, runs a pure-CPU loop on all cores than on one:
 * the ceiling for the CLI's speed-up (other work on the machine, or vCPUs that share a core, lower it).
 */
function parallelCeiling(threads) {
  const code = `
    const { Worker } = require('node:worker_threads');
    const spin = 'let x = 0; for (let i = 0; i < 4e8; i++) x = (x + i * 7) % 1000003; require("node:worker_threads").parentPort?.postMessage(x);';
    const one = () => new Promise((r) => new Worker(spin, { eval: true }).once('message', r));
    (async () => {
      let t = performance.now(); await one(); const single = performance.now() - t;
      t = performance.now(); await Promise.all(Array.from({ length: ${threads} }, one)); const all = performance.now() - t;
      console.log(JSON.stringify({ single, all }));
    })();`;
  const r = JSON.parse(spawnSync(process.execPath, ['-e', code], { encoding: 'utf8' }).stdout);
  return round((threads * r.single) / r.all, 2);
}

/** bench/rule-times.ts bundled, once: the in-process lint the per-rule table and the workload ceiling run. */
let ruleTimesJs;
async function ruleTimesBundle() {
  if (ruleTimesJs) return ruleTimesJs;
  const build = path.join(CORPUS, '.build');
  fs.mkdirSync(build, { recursive: true });
  const esbuild = await import('esbuild');
  await esbuild.build({ entryPoints: [path.join(BENCH, 'rule-times.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: path.join(build, 'rule-times.js'), logLevel: 'warning', loader: { '.md': 'text' } });
  return (ruleTimesJs = path.join(build, 'rule-times.js'));
}

/**
 * The same ceiling for this workload: `copies` processes each linting the first WORKLOAD_FILES files
 * in one thread, at once, against one alone. With V8's defaults a lint also keeps V8's helper threads
 * busy (parallel scavenges, concurrent marking and compilation), so one process uses more than a
 * core; `--single-threaded` keeps all of it in one thread, which shows what the cores themselves allow.
 */
const WORKLOAD_FILES = 600;
async function workloadCeiling(copies, flags) {
  const js = await ruleTimesBundle();
  const one = () =>
    new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [...flags, js, path.join(CORPUS, 'files'), String(WORKLOAD_FILES), '--plain'], { stdio: ['ignore', 'ignore', 'inherit'] });
      child.on('error', reject);
      child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`in-process lint exited ${code}`))));
    });
  let t = performance.now();
  await one();
  const single = performance.now() - t;
  t = performance.now();
  await Promise.all(Array.from({ length: copies }, one));
  const all = performance.now() - t;
  return { speedup: round((copies * single) / all, 2), singleS: round(single / 1000, 2), allS: round(all / 1000, 2) };
}

// --- the measurements --------------------------------------------------------------------------

async function main() {
  const results = { options: { ...options, skip: [...options.skip] }, machine: machine(), load: { start: load() } };
  log(`seedlint bench: ${results.machine.nproc} cores, ${results.machine.cpu}, node ${results.machine.node}, load ${results.load.start.join(' ')}`);
  if (results.load.start[0] > results.machine.nproc * 0.5) log(`  note: the machine is busy (load ${results.load.start[0]}): times will be noisy; CPU times are reported too.`);

  log('building dist/ ...');
  const build = spawnSync(process.execPath, [path.join(REPO, 'esbuild.mjs')], { cwd: REPO, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('build failed');

  log(`building the corpus (${options.sizeMb} MB, ${options.files} files, seed ${options.seed}) ...`);
  const corpus = buildCorpus({ sizeMb: options.sizeMb, files: options.files, seed: options.seed, out: CORPUS });
  results.corpus = { files: corpus.files, mb: round(corpus.bytes / MB, 2), sources: corpus.sources, languages: corpus.languages };
  const corpusMb = corpus.bytes / MB;

  // 1. Baseline and CLI throughput.
  log('baseline: read + decode + tokenize ...');
  const base = JSON.parse(spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--baseline', path.join(CORPUS, 'files')], { encoding: 'utf8' }).stdout);
  results.baseline = { mbPerS: round(base.bytes / MB / (base.ms / 1000), 1), ms: round(base.ms, 0), words: base.words };

  const outs = {};
  const cliRun = async (label, extra) => {
    const out = path.join(os.tmpdir(), `seedlint-bench-${label}.json`);
    log(`CLI ${label} ...`);
    const r = await timed([CLI, 'files', '--format', 'json', '-o', out, ...extra]);
    if (r.code !== 0 && r.code !== 1) throw new Error(`CLI ${label} exited ${r.code}: ${r.stderr}`);
    outs[label] = fs.readFileSync(out, 'utf8');
    fs.unlinkSync(out);
    const cpuMs = (r.userMs ?? 0) + (r.systemMs ?? 0);
    return { wallS: round(r.wallMs / 1000, 2), mbPerS: round(corpusMb / (r.wallMs / 1000), 2), cpuS: round(cpuMs / 1000, 2), mbPerCpuS: round(corpusMb / (cpuMs / 1000), 2), maxRssMb: round((r.maxRssKb ?? NaN) / 1024, 0) };
  };
  const cores = results.machine.nproc;
  results.cli = { oneWorker: await cliRun('1-worker', ['--workers', '1']) };
  results.cli.allCores = await cliRun('all-cores', []);
  results.cli.workersDefault = cores;
  results.cli.identicalAcrossWorkers = outs['1-worker'] === outs['all-cores'];
  results.cli.speedup = round(results.cli.allCores.mbPerS / results.cli.oneWorker.mbPerS, 2);
  results.cli.machineCeiling = parallelCeiling(cores);
  if (!options.skip.has('ceiling')) {
    log('workload ceiling ...');
    results.cli.workloadCeiling = { files: WORKLOAD_FILES, v8Defaults: await workloadCeiling(cores, []), singleThreaded: await workloadCeiling(cores, ['--single-threaded']) };
  }
  results.cli.baselineRatio = round(results.baseline.mbPerS / results.cli.oneWorker.mbPerS, 1);
  results.load.afterCli = load();

  // 2. Warm cache.
  if (!options.skip.has('cache')) {
    const cacheDir = path.join(CORPUS, '.seedlint-cache');
    fs.rmSync(cacheDir, { recursive: true, force: true });
    const cold = await cliRun('cache-cold', ['--cache-location', `${cacheDir}/`]);
    const warm = await cliRun('cache-warm', ['--cache-location', `${cacheDir}/`]);
    results.cache = {
      coldS: cold.wallS,
      warmS: warm.wallS,
      warmMaxRssMb: warm.maxRssMb,
      speedupVsUncached: round(results.cli.allCores.wallS / warm.wallS, 1),
      identical: outs['cache-warm'] === outs['all-cores'] && outs['cache-cold'] === outs['all-cores'],
      cacheFileMb: round(fs.statSync(path.join(cacheDir, 'results.json')).size / MB, 1),
    };
  }

  // 3. Editor latency through the server.
  if (!options.skip.has('lsp')) {
    const debounceMs = readDebounceMs(REPO) ?? 0;
    results.editor = { debounceMs, documents: [] };
    // Server starts per document and mode: one start is too noisy to go by; the median is reported.
    for (const [name, file, starts] of [['5 KB article', corpus.large['article-5k'].file, 5], ['1 MB file', corpus.large['file-1mb'].file, 3]]) {
      for (const pull of [true, false]) {
        log(`editor: ${name}, ${pull ? 'pull' : 'push'}, ${starts} starts, ${options.edits} edits ...`);
        try {
          const r = await measureDocument({ serverJs: SERVER, rootDir: CORPUS, file: path.join(CORPUS, file), edits: options.edits, pull, debounceMs: pull ? 0 : debounceMs, starts });
          results.editor.documents.push({
            document: name,
            ...r,
            startToFirstMs: round(r.startToFirstMs, 0),
            startServerCpuMs: round(r.startServerCpuMs, 0),
            serverCpuPerEditMs: round(r.serverCpuPerEditMs, 1),
            p50: round(r.p50, 1),
            p95: round(r.p95, 1),
            max: round(r.max, 1),
          });
        } catch (e) {
          log(`  failed: ${e.message}`);
          results.editor.documents.push({ document: name, mode: pull ? 'pull' : 'push', error: String(e.message ?? e), p50: NaN, p95: NaN, max: NaN, startToFirstMs: NaN, edits: 0 });
        }
      }
    }
    // What the V8 code cache saves, and Node's own start: starts with and without the cache and
    // `node -e 0` in turn, so that the machine's drift falls on all three alike.
    try {
      const file = path.join(CORPUS, corpus.large['article-5k'].file);
      const samples = { on: [], off: [], node: [] };
      for (let k = 0; k < START_PAIRS; k++) {
        for (const mode of ['on', 'off']) {
          const r = await measureDocument({ serverJs: SERVER, rootDir: CORPUS, file, edits: 0, pull: true, starts: 1, env: { SEEDLINT_CODE_CACHE: mode } });
          samples[mode].push(r.startToFirstMs);
        }
        samples.node.push(nodeStartMs(1));
      }
      const med = (xs) => round(median(xs), 0);
      results.editor.startReference = { pairs: START_PAIRS, withCodeCacheMs: med(samples.on), withoutCodeCacheMs: med(samples.off), nodeAloneMs: med(samples.node) };
    } catch (e) {
      log(`  start without the code cache failed: ${e.message}`);
    }
    results.load.afterEditor = load();
  }

  // 3b. Extension activation in a real VS Code (code-server and Chromium, when test/e2e/setup.sh has run).
  if (!options.skip.has('activation')) {
    log(`activation: ${ACTIVATION_WINDOWS} windows in code-server ...`);
    try {
      results.activation = await measureActivation({ repo: REPO, rounds: ACTIVATION_WINDOWS, log });
    } catch (e) {
      log(`  failed: ${e.message}`);
      results.activation = { error: String(e.message ?? e) };
    }
  }

  // 4. Growth: one file of 1, 4 and 16 MB.
  if (!options.skip.has('growth')) {
    const tiny = path.join(CORPUS, 'large', 'article-5k.txt');
    const start = await timed([CLI, tiny, '--format', 'json', '-o', os.devNull, '--workers', '1']);
    results.growth = { startupS: round(start.wallMs / 1000, 2), files: [] };
    for (const name of ['grow-1mb', 'grow-4mb', 'grow-16mb']) {
      const f = corpus.large[name];
      log(`growth: ${name} ...`);
      const r = await timed([CLI, path.join(CORPUS, f.file), '--format', 'json', '-o', os.devNull, '--workers', '1']);
      const lintS = Math.max(0.001, (r.wallMs - start.wallMs) / 1000);
      results.growth.files.push({ file: name, mb: round(f.bytes / MB, 2), wallS: round(r.wallMs / 1000, 2), lintS: round(lintS, 2), sPerMb: round(lintS / (f.bytes / MB), 3), maxRssMb: round((r.maxRssKb ?? NaN) / 1024, 0) });
    }
    const g = results.growth.files;
    results.growth.ratio16to1 = round(g[2].sPerMb / g[0].sPerMb, 2);
  }

  // 5. Peers, when installed (not installed by this benchmark).
  results.peers = { note: 'cspell and textlint are not dependencies of seedlint; install them to compare.' };
  for (const peer of ['cspell', 'textlint']) {
    const bin = path.join(REPO, 'node_modules', '.bin', peer);
    if (options.skip.has('peers') || !fs.existsSync(bin)) results.peers[peer] = 'skipped: not installed';
  }

  // 6. Where the time goes: CPU per rule, and the hottest functions.
  if (!options.skip.has('rules')) {
    log('CPU per rule ...');
    const out = spawnSync(process.execPath, [await ruleTimesBundle(), path.join(CORPUS, 'files'), '400'], { encoding: 'utf8', maxBuffer: 16 * MB });
    const r = JSON.parse(out.stdout);
    results.rules = { files: r.files, mb: round(r.bytes / MB, 2), cpuS: round(r.totalMs / 1000, 2), rows: r.rows.slice(0, 30) };
    // The floor: franc's share, against what the whole CLI may spend per MB at 2x the baseline.
    const budgetMsPerMb = (2 * 1000) / results.baseline.mbPerS;
    results.rules.franc = {
      calls: r.franc.calls,
      ms: r.franc.ms,
      pct: round((100 * r.franc.ms) / r.totalMs, 1),
      msPerMb: round(r.franc.ms / (r.bytes / MB), 0),
      baselineMsPerMb: round(1000 / results.baseline.mbPerS, 0),
      budgetMsPerMb: round(budgetMsPerMb, 0),
    };
  }
  if (!options.skip.has('profile')) {
    log('CPU profile ...');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seedlint-prof-'));
    const subset = fs.readdirSync(path.join(CORPUS, 'files')).sort().slice(0, 3).map((d) => path.join('files', d));
    spawnSync(process.execPath, ['--cpu-prof', '--cpu-prof-dir', dir, CLI, ...subset, '--format', 'json', '-o', os.devNull, '--workers', '1'], { cwd: CORPUS });
    // One profile per thread: the CLI lints in a worker thread, so keep the busiest (least idle) one.
    const busy = (s) => s.totalMs - (s.self.find((x) => x.fn.startsWith('(idle)'))?.ms ?? 0);
    const profiles = fs.readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).map((f) => summarize(path.join(dir, f), 20));
    const s = profiles.sort((a, b) => busy(b) - busy(a))[0];
    if (s) results.profile = { totalMs: s.totalMs, self: s.self };
    fs.rmSync(dir, { recursive: true, force: true });
  }
  results.load.end = load();

  results.targets = targets(results);
  fs.writeFileSync(path.join(BENCH, 'results.json'), JSON.stringify(results, null, 2) + '\n');
  const md = markdown(results);
  fs.writeFileSync(path.join(BENCH, 'RESULTS.md'), md);
  console.log(md);
}

function targets(r) {
  const t = [];
  const add = (name, value, ok) => t.push({ name, value, met: ok === undefined ? null : Boolean(ok) });
  add('CLI >= 10 MB/s per core, every rule on', `${r.cli.oneWorker.mbPerS} MB/s (${r.cli.oneWorker.mbPerCpuS} MB per CPU-second)`, r.cli.oneWorker.mbPerS >= 10);
  add('CLI within 2x of the read+tokenize baseline', `${r.cli.baselineRatio}x slower (baseline ${r.baseline.mbPerS} MB/s)`, r.cli.baselineRatio <= 2);
  const workload = r.cli.workloadCeiling ? `; ${r.cli.workloadCeiling.v8Defaults.speedup}x for independent lints with V8's defaults` : '';
  add(`near-linear speed-up on ${r.machine.nproc} cores`, `${r.cli.speedup}x (machine ceiling now ${r.cli.machineCeiling}x${workload})`, r.cli.speedup >= 0.8 * r.machine.nproc);
  add('--workers N gives identical results', String(r.cli.identicalAcrossWorkers), r.cli.identicalAcrossWorkers);
  add('CLI peak RSS <= 150 MB', `${r.cli.oneWorker.maxRssMb} MB (1 worker), ${r.cli.allCores.maxRssMb} MB (all cores)`, Math.max(r.cli.oneWorker.maxRssMb, r.cli.allCores.maxRssMb) <= 150);
  if (r.cache) add('warm cache >= 10x faster', `${r.cache.speedupVsUncached}x (identical: ${r.cache.identical})`, r.cache.speedupVsUncached >= 10 && r.cache.identical);
  if (r.editor) {
    const doc = (d, m) => r.editor.documents.find((x) => x.document === d && x.mode === m);
    for (const m of ['pull', 'push']) {
      add(`edit -> diagnostics p95 <= 10 ms, 5 KB (${m})`, `${doc('5 KB article', m).p95} ms`, doc('5 KB article', m).p95 <= 10);
      add(`edit -> diagnostics p95 <= 100 ms, 1 MB (${m})`, `${doc('1 MB file', m).p95} ms`, doc('1 MB file', m).p95 <= 100);
    }
    // Both modes: VS Code pulls, other clients get pushed diagnostics.
    const starts = ['pull', 'push'].map((m) => doc('5 KB article', m).startToFirstMs);
    add('server start -> first diagnostics <= 300 ms (pull, push)', `${starts.join(' ms, ')} ms`, Math.max(...starts) <= 300);
  }
  if (r.activation) add('extension activation measured', activationSummary(r.activation), Boolean(r.activation.rounds?.length));
  if (r.growth) add('growth 1 -> 16 MB near linear', `time per MB x${r.growth.ratio16to1}`, r.growth.ratio16to1 <= 1.5);
  return t;
}

/** One line on the activation rounds: the median and each window. */
function activationSummary(a) {
  if (a.skipped) return `skipped: ${a.skipped}`;
  if (a.error || !a.rounds?.length) return `failed: ${a.error ?? 'no rounds'}`;
  const m = (k) => median(a.rounds.map((x) => x[k]));
  return `${m('activationMs')} ms median of ${a.rounds.length} windows (${a.rounds.map((x) => x.activationMs).join(', ')})`;
}

function table(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  const line = (r) => `| ${r.map((c, i) => String(c).padEnd(widths[i])).join(' | ')} |`;
  return [line(rows[0]), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...rows.slice(1).map(line)].join('\n');
}

function markdown(r) {
  const out = [];
  out.push('# seedlint benchmark', '');
  out.push(`Machine: ${r.machine.nproc} cores (nproc), ${r.machine.cpu}, ${r.machine.memoryGb} GB, node ${r.machine.node}, ${r.machine.platform}; ${r.machine.date}.`);
  out.push(`Load average at start / end: ${r.load.start.join(' ')} / ${r.load.end.join(' ')} (wall times are noisy when other work runs; CPU times less so).`);
  out.push(`Corpus: ${r.corpus.files} files, ${r.corpus.mb} MB, ${r.corpus.languages} languages, from ${r.corpus.sources.join(', ')}; seed ${r.options.seed}. Rebuild with \`npm run bench -- --size ${r.options.sizeMb}\`.`, '');
  out.push('## Results', '');
  const rows = [['measure', 'result']];
  rows.push(['baseline: read + decode + Unicode-regex tokenize', `${r.baseline.mbPerS} MB/s`]);
  rows.push(['CLI, 1 worker', `${r.cli.oneWorker.mbPerS} MB/s (${r.cli.oneWorker.wallS} s; ${r.cli.oneWorker.mbPerCpuS} MB per CPU-s), RSS ${r.cli.oneWorker.maxRssMb} MB`]);
  rows.push([`CLI, all cores (${r.cli.workersDefault})`, `${r.cli.allCores.mbPerS} MB/s (${r.cli.allCores.wallS} s), speed-up ${r.cli.speedup}x, RSS ${r.cli.allCores.maxRssMb} MB; results identical: ${r.cli.identicalAcrossWorkers}`]);
  rows.push(['CLI vs baseline', `${r.cli.baselineRatio}x slower`]);
  rows.push([`machine: ${r.machine.nproc} threads of a pure-CPU loop vs 1, now`, `${r.cli.machineCeiling}x (the ceiling for the CLI's speed-up under the current load)`]);
  const w = r.cli.workloadCeiling;
  if (w) {
    rows.push([
      `machine, this workload: ${r.machine.nproc} in-process lints of ${w.files} files at once vs 1`,
      `${w.v8Defaults.speedup}x with V8's defaults (${w.v8Defaults.singleS} s alone, ${w.v8Defaults.allS} s at once); ${w.singleThreaded.speedup}x with --single-threaded (${w.singleThreaded.singleS} s, ${w.singleThreaded.allS} s): one lint keeps V8's helper threads busy too`,
    ]);
  }
  if (r.cache) rows.push(['CLI, warm cache', `${r.cache.warmS} s (${r.cache.speedupVsUncached}x faster than uncached; cold run with --cache ${r.cache.coldS} s; cache file ${r.cache.cacheFileMb} MB; identical: ${r.cache.identical})`]);
  if (r.editor) {
    for (const d of r.editor.documents) {
      const cpu = d.serverCpuPerEditMs === undefined ? '' : `; server CPU ${d.serverCpuPerEditMs} ms per edit`;
      rows.push([`edit -> diagnostics, ${d.document}, ${d.mode}${d.mode === 'push' ? ` (minus ${r.editor.debounceMs} ms debounce)` : ''}`, `p50 ${d.p50} ms, p95 ${d.p95} ms, max ${d.max} ms (${d.edits} edits${cpu})`]);
    }
    for (const d of r.editor.documents) {
      const cpu = d.startServerCpuMs === undefined ? '' : `, server CPU ${d.startServerCpuMs} ms`;
      rows.push([`server start -> first diagnostics, ${d.document}, ${d.mode}`, `${d.startToFirstMs} ms (median of ${d.startSamplesMs?.length ?? 1}: ${(d.startSamplesMs ?? [d.startToFirstMs]).join(', ')}${cpu})`]);
    }
    const ref = r.editor.startReference;
    if (ref) {
      rows.push([
        'server start, 5 KB article, pull: with / without the code cache / node -e 0',
        `${ref.withCodeCacheMs} / ${ref.withoutCodeCacheMs} / ${ref.nodeAloneMs} ms (medians of ${ref.pairs} starts of each, taken in turn)`,
      ]);
    }
  }
  if (r.activation) {
    const a = r.activation;
    if (a.rounds?.length) {
      const m = (k) => median(a.rounds.map((x) => x[k]));
      const cache = a.rounds.map((x, k) => `${k + 1}: ${x.codeCache ? 'with' : 'without'}`).join(', ');
      rows.push([
        `extension activation, VS Code ${a.vscode} (code-server ${a.codeServer}, Chromium)`,
        `${m('activationMs')} ms (median of ${a.rounds.length} windows: ${a.rounds.map((x) => x.activationMs).join(', ')}): client ${m('clientMs')} ms, server start and initialize ${m('serverStartMs')} ms (the server counts ${m('serverReadyMs')} ms from its process start to \`initialized\`); code cache by window ${cache}`,
      ]);
      rows.push(['open a seed file -> first squiggle, same windows (VS Code loads its workbench meanwhile)', `${m('openToSquigglesMs')} ms (${a.rounds.map((x) => x.openToSquigglesMs).join(', ')})`]);
    } else rows.push(['extension activation', activationSummary(a)]);
  }
  if (r.growth) {
    for (const g of r.growth.files) rows.push([`one file of ${g.mb} MB`, `${g.lintS} s lint (${g.sPerMb} s/MB), RSS ${g.maxRssMb} MB`]);
    rows.push(['growth, time per MB 16 MB / 1 MB', `${r.growth.ratio16to1}x (CLI start-up ${r.growth.startupS} s subtracted)`]);
  }
  for (const [peer, v] of Object.entries(r.peers)) if (peer !== 'note') rows.push([`peer: ${peer}`, v]);
  out.push(table(rows), '');
  out.push('## Targets', '');
  out.push(table([['target', 'measured', 'met'], ...r.targets.map((t) => [t.name, t.value, t.met === null ? '-' : t.met ? 'yes' : 'no'])]), '');
  if (r.rules) {
    out.push(`## CPU per rule (${r.rules.files} files, ${r.rules.mb} MB, ${r.rules.cpuS} CPU-s in one thread)`, '');
    out.push('Rules share per-document work (figure analysis, paragraph languages): the first rule to ask pays for it.', '');
    const f = r.rules.franc;
    if (f) {
      out.push(
        `Language identification (franc, through the registry) inside these rows: ${f.calls} calls, ${f.ms} ms of this thread's time (${f.pct} % of the CPU above), ${f.msPerMb} ms per MB. With reading and tokenizing (the baseline, ${f.baselineMsPerMb} ms per MB) that is ${f.msPerMb + f.baselineMsPerMb} ms per MB before any other work, where the whole CLI may spend ${f.budgetMsPerMb} ms per MB to stay within 2x of the baseline.`,
        '',
      );
    }
    out.push(table([['rule', 'ms', '%'], ...r.rules.rows.map((x) => [x.name, x.ms, x.pct])]), '');
  }
  if (r.profile) {
    out.push(`## Hot path: top functions by self time (CLI, 1 worker, its busiest thread, first 3 folders; ${r.profile.totalMs} ms sampled)`, '');
    out.push(table([['function (source:line)', 'self ms', '%'], ...r.profile.self.map((x) => [x.fn, x.ms, x.pct])]), '');
  }
  return out.join('\n') + '\n';
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
