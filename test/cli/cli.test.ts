import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv04 from 'ajv-draft-04';
import { spawnSync } from 'node:child_process';
import { CLI, REPO, runCli, SEEDS, tempCorpus, tempDir } from '../helpers/cli';

const SEED_FILES = fs.readdirSync(SEEDS).filter((f) => f.endsWith('.txt')).sort();

function json(args: string[], cwd: string) {
  const r = runCli([...args, '--format', 'json'], cwd);
  assert.ok(r.code === 0 || r.code === 1, `exit ${r.code}: ${r.stderr}`);
  return { ...r, results: JSON.parse(r.stdout) as Array<{ filePath: string; messages: Array<Record<string, unknown>>; errorCount: number; warningCount: number }> };
}

describe('CLI', () => {
  it('lints seeds/ by default and finds a date-header problem in every file', () => {
    const dir = tempCorpus();
    const { code, results } = json([], dir);
    assert.equal(code, 1);
    assert.deepEqual(results.map((r) => path.basename(r.filePath)), SEED_FILES);
    for (const r of results) {
      assert.ok(r.messages.some((m) => String(m.ruleId).startsWith('date-header/')), `${r.filePath} has no date-header finding`);
    }
  });

  it('prints stylish output grouped by file, without colour when not on a terminal', () => {
    const dir = tempCorpus();
    const r = runCli(['seeds'], dir);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^seeds\/000_a083e0d14a4b92e0\.txt$/m);
    assert.match(r.stdout, /^ {2}1:1 +warning +Whitespace before the date header\. +date-header\/whitespace$/m);
    assert.match(r.stdout, /\d+ problems \(\d+ errors, \d+ warnings, \d+ info\)/);
    assert.ok(!r.stdout.includes('\u001b['), 'no ANSI colours when piped');
  });

  it('gives ESLint-shaped JSON with 1-based UTF-16 columns', () => {
    const dir = tempCorpus();
    const { results } = json(['seeds/000_a083e0d14a4b92e0.txt'], dir);
    const glued = results[0].messages.find((m) => m.ruleId === 'date-header/glued')!;
    assert.deepEqual(
      { line: glued.line, column: glued.column, endLine: glued.endLine, endColumn: glued.endColumn, severity: glued.severity, level: glued.level, category: glued.category },
      { line: 1, column: 14, endLine: 1, endColumn: 24, severity: 2, level: 'error', category: 'date-header' },
    );
    assert.deepEqual(glued.fix, { range: [13, 14], text: '\n' });
    assert.equal(typeof results[0].errorCount, 'number');
  });

  it('writes SARIF 2.1.0 that validates against the schema', () => {
    const dir = tempCorpus();
    const r = runCli(['--format', 'sarif'], dir);
    const log = JSON.parse(r.stdout) as { runs: Array<{ results: Array<{ locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }> }> };
    const schema = JSON.parse(fs.readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
    const ajv = new Ajv04({ allErrors: true, strict: false, unicodeRegExp: false });
    const validate = ajv.compile(schema);
    assert.ok(validate(log as object), JSON.stringify(validate.errors?.slice(0, 3)));
    assert.ok(log.runs[0].results.length > 0);
    assert.equal(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri.startsWith('seeds/'), true);
  });

  it('writes GitHub workflow annotations', () => {
    const dir = tempCorpus();
    const r = runCli(['--format', 'github', 'seeds/003_70a3bfa1385608e4.txt'], dir);
    assert.match(r.stdout, /^::error file=seeds\/003_70a3bfa1385608e4\.txt,line=1,col=1,endLine=1,endColumn=\d+,title=date-header\/missing::The file has no date header/m);
  });

  it('--fix on seeds/000 puts `date 2024-10` alone on line 1 and changes no other byte', () => {
    const dir = tempCorpus();
    const file = path.join(dir, 'seeds/000_a083e0d14a4b92e0.txt');
    const before = fs.readFileSync(file, 'utf8');
    const r = runCli(['--fix', 'seeds/000_a083e0d14a4b92e0.txt'], dir);
    assert.ok(r.code === 0 || r.code === 1, r.stderr);
    const after = fs.readFileSync(file, 'utf8');
    assert.equal(after.split('\n')[0], 'date 2024-10');
    assert.ok(after.split('\n')[1].startsWith('Sekretari i Mbrojtjes'));
    assert.equal(after, before.replace(/^ date 2024-10 /, 'date 2024-10\n'));
  });

  it('never writes without --fix', () => {
    const dir = tempCorpus();
    const snapshot = () => SEED_FILES.map((f) => fs.readFileSync(path.join(dir, 'seeds', f), 'latin1'));
    const before = snapshot();
    runCli(['seeds'], dir);
    runCli(['--format', 'json'], dir);
    assert.deepEqual(snapshot(), before);
    assert.deepEqual(fs.readdirSync(path.join(dir, 'seeds')).sort(), SEED_FILES);
  });

  it('keeps a BOM and CRLF line breaks when fixing', () => {
    const dir = tempDir();
    const file = path.join(dir, 'a.txt');
    fs.writeFileSync(file, '\ufeff date 2024-10-28\r\nTitle\r\nBody.\r\n');
    runCli(['--fix', 'a.txt'], dir);
    assert.equal(fs.readFileSync(file, 'utf8'), '\ufeffdate 2024-10-28\r\nTitle\r\nBody.\r\n');
  });

  it('keeps the file mode when fixing', () => {
    const dir = tempDir();
    const file = path.join(dir, 'a.txt');
    fs.writeFileSync(file, ' date 2024-10-28\nTitle\n');
    fs.chmodSync(file, 0o640);
    runCli(['--fix', 'a.txt'], dir);
    assert.equal(fs.statSync(file).mode & 0o777, 0o640);
    assert.equal(fs.readFileSync(file, 'utf8'), 'date 2024-10-28\nTitle\n');
    assert.deepEqual(fs.readdirSync(dir), ['a.txt'], 'no temporary file left behind');
  });

  it('exit codes: 0 clean, 1 errors, --max-warnings, --quiet, --rule', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'clean.txt'), 'date 2024-10-28\nTitle\nBody.\n');
    fs.writeFileSync(path.join(dir, 'warn.txt'), 'date 2024-10-28 \nTitle\nBody.\n');
    assert.equal(runCli(['clean.txt'], dir).code, 0);
    assert.equal(runCli(['warn.txt'], dir).code, 0);
    assert.equal(runCli(['warn.txt', '--max-warnings', '0'], dir).code, 1);
    assert.equal(runCli(['warn.txt', '--rule', 'date-header/whitespace=error'], dir).code, 1);
    assert.equal(runCli(['warn.txt', '--rule', 'date-header/whitespace=off', '--max-warnings', '0'], dir).code, 0);
    const quiet = runCli(['warn.txt', '--quiet'], dir);
    assert.equal(quiet.stdout, '');
  });

  it('usage errors exit 2 with a clear message', () => {
    const dir = tempDir();
    for (const [args, pattern] of [
      [['--bogus'], /unknown option "--bogus"/],
      [['--format', 'xml'], /unknown format "xml"/],
      [['--rule', 'nope'], /--rule takes id=level/],
      [['--rule', 'no/such-rule=error', '.'], /unknown rule "no\/such-rule"/],
      [['does-not-exist.txt'], /does-not-exist\.txt: no such file or directory/],
      [['.'], /no seed files/],
      [['*.nothing'], /no file matches/],
    ] as Array<[string[], RegExp]>) {
      const r = runCli(args, dir);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, pattern);
    }
  });

  it('reports an invalid config with its JSON path, exit 2', () => {
    const dir = tempCorpus();
    fs.writeFileSync(path.join(dir, 'seedlint.config.json'), JSON.stringify({ rules: { 'date-header/missing': 'loud' } }));
    const r = runCli([], dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /seedlint\.config\.json: \/rules\/date-header~1missing: must be one of off, info, warning, error/);
    fs.writeFileSync(path.join(dir, 'seedlint.config.json'), '{ "rules": ');
    assert.match(runCli([], dir).stderr, /not valid JSON/);
    fs.writeFileSync(path.join(dir, 'seedlint.config.json'), JSON.stringify({ rules: { 'date-header/month-precision': { options: { requireDay: 'yes' } } } }));
    assert.match(runCli([], dir).stderr, /\/rules\/date-header~1month-precision\/options\/requireDay: must be a boolean/);
  });

  it('follows the config: include, exclude and rule options', () => {
    const dir = tempCorpus();
    fs.writeFileSync(
      path.join(dir, 'seedlint.config.json'),
      JSON.stringify({ include: ['seeds/*.txt'], exclude: ['seeds/00[34]*'], rules: { 'date-header/month-precision': { severity: 'error', options: { requireDay: true } } } }),
    );
    const { results } = json([], dir);
    assert.deepEqual(results.map((r) => path.basename(r.filePath)), SEED_FILES.slice(0, 3));
    const m = results[0].messages.find((x) => x.ruleId === 'date-header/month-precision')!;
    assert.equal(m.level, 'error');
    assert.match(String(m.message), /requires the day/);
  });

  it('bad input: binary, invalid UTF-8, empty, huge', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'bin.txt'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0xff]));
    fs.writeFileSync(path.join(dir, 'bad.txt'), Buffer.concat([Buffer.from('date 2024-10-28\nTitull\nNjë '), Buffer.from([0xc3, 0x28]), Buffer.from(' fjali.\n')]));
    fs.writeFileSync(path.join(dir, 'empty.txt'), '');
    const huge = path.join(dir, 'huge.txt');
    fs.closeSync(fs.openSync(huge, 'w'));
    fs.truncateSync(huge, 100 * 1024 * 1024);
    const { results, code } = json(['.'], dir);
    assert.equal(code, 1);
    const by = Object.fromEntries(results.map((r) => [path.basename(r.filePath), r.messages]));
    assert.equal(by['bin.txt'][0].ruleId, 'file/binary');
    assert.equal(by['bin.txt'][0].fatal, true);
    const bad = by['bad.txt'].find((m) => m.ruleId === 'file/invalid-utf8')!;
    assert.match(String(bad.message), /byte offset 28/);
    assert.deepEqual([bad.line, bad.column], [3, 5]);
    assert.ok(by['empty.txt'].some((m) => m.ruleId === 'date-header/missing'));
    assert.equal(by['huge.txt'][0].ruleId, 'file/too-large');
    assert.match(String(by['huge.txt'][0].message), /100\.0 MB, over the 64 MB limit/);
  });

  it('does not write a file with invalid UTF-8 even with --fix', () => {
    const dir = tempDir();
    const bytes = Buffer.concat([Buffer.from(' date 2024-10-28\nT '), Buffer.from([0xff]), Buffer.from('\n')]);
    fs.writeFileSync(path.join(dir, 'bad.txt'), bytes);
    runCli(['--fix', 'bad.txt'], dir);
    assert.deepEqual(fs.readFileSync(path.join(dir, 'bad.txt')), bytes);
  });

  it('ends quietly when its reader closes the pipe early', () => {
    const dir = tempCorpus();
    // Enough output that the writer is still writing when `head` has gone.
    for (let i = 0; i < 150; i++) fs.copyFileSync(path.join(dir, 'seeds', SEED_FILES[3]), path.join(dir, 'seeds', `copy-${i}.txt`));
    const r = spawnSync('bash', ['-c', `node ${JSON.stringify(CLI)} seeds | head -c 10`], { cwd: dir, encoding: 'utf8' });
    assert.equal(r.stdout.length, 10);
    assert.doesNotMatch(r.stderr, /EPIPE|Unhandled/);
  });

  it('the repository seeds stay byte for byte (tests work on copies)', () => {
    for (const f of SEED_FILES) assert.ok(fs.statSync(path.join(REPO, 'seeds', f)).size > 0);
  });
});
