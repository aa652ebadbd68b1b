// Records every finding the built CLI gives on the benchmark corpus (2,000 files, built from the
// same seed as `npm run bench`) and on seeds/, so that a refactor can show "identical findings".
//
//   node scripts/findings-digest.mjs --write before.json     # record
//   node scripts/findings-digest.mjs --compare before.json   # exit 1 and list differences
//
// The corpus is built once under bench/corpus (as the benchmark does) and reused.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildCorpus } from '../bench/corpus.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const opt = (name) => (argv.includes(`--${name}`) ? argv[argv.indexOf(`--${name}`) + 1] : undefined);

const corpus = path.join(REPO, 'bench/corpus');
buildCorpus({ out: corpus });

function findingsOf(target) {
  const out = path.join(os.tmpdir(), `seedlint-digest-${process.pid}.json`);
  const r = spawnSync(process.execPath, [path.join(REPO, 'dist/cli.js'), target, '--format', 'json', '-o', out, '--workers', '1'], { cwd: REPO, encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.status === 2 || !fs.existsSync(out)) throw new Error(`seedlint failed on ${target}: ${r.stderr}`);
  const results = JSON.parse(fs.readFileSync(out, 'utf8'));
  fs.rmSync(out, { force: true });
  const lines = [];
  for (const file of results) {
    const name = path.relative(REPO, file.filePath);
    for (const m of file.messages) lines.push(`${name}:${m.line}:${m.column}-${m.endLine}:${m.endColumn} ${m.ruleId} ${m.level ?? m.severity} ${m.message} ${JSON.stringify(m.fix ?? null)}`);
  }
  return lines;
}

const lines = [...findingsOf(path.join(corpus, 'files')), ...findingsOf('seeds')].sort();
const digest = createHash('sha256').update(lines.join('\n')).digest('hex');
const files = new Set(lines.map((l) => l.slice(0, l.indexOf(':')))).size;
console.log(`${lines.length} findings in ${files} files; sha256 ${digest}`);

if (opt('write')) fs.writeFileSync(opt('write'), JSON.stringify({ digest, lines }, null, 0));
if (opt('compare')) {
  const before = JSON.parse(fs.readFileSync(opt('compare'), 'utf8'));
  if (before.digest === digest) {
    console.log('identical to', opt('compare'));
  } else {
    const was = new Set(before.lines);
    const now = new Set(lines);
    const gone = before.lines.filter((l) => !now.has(l));
    const added = lines.filter((l) => !was.has(l));
    console.log(`differs from ${opt('compare')}: ${gone.length} gone, ${added.length} new`);
    for (const l of gone.slice(0, 40)) console.log(`- ${l}`);
    for (const l of added.slice(0, 40)) console.log(`+ ${l}`);
    process.exitCode = 1;
  }
}
