/**
 * The CLI's conventions and defects of issue #18: writes of files named outside the working folder,
 * reports of failed writes, standard input, --fix-dry-run, --print-config, --list-rules,
 * --no-config, language codes, --max-warnings, --config <directory>, include and named folders,
 * counts of info findings, SARIF help links, invalid UTF-8, the CLI's own messages, and the
 * formatters at scale.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createReporter, FORMATS, type FormatContext } from '../../server/src/cli/formatters';
import { fileResult, type FileResult, type Message } from '../../server/src/cli/results';
import { allRules, DEFAULT_LANGUAGES } from '../../server/src/engine/index';
import { CLI, runCli, tempCorpus, tempDir } from '../helpers/cli';

const SAMPLE = ' date 2024-10-28\nTitle\nBody.\n';
type Json = Array<{ filePath: string; messages: Array<{ ruleId: string; message: string; severity: number; level: string; line: number; column: number; fix?: unknown }>; errorCount: number; warningCount: number; infoCount: number; fixesApplied?: number; output?: string }>;

function runWithInput(args: string[], cwd: string, input: string | Buffer) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, input, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

describe('CLI (#18): --fix writes what it is named, and reports what is on disk', function () {
  this.timeout(60_000);

  it('--fix writes a file named outside the working folder and the corpus root', () => {
    const top = tempDir();
    fs.mkdirSync(path.join(top, 'here'));
    fs.mkdirSync(path.join(top, 'there'));
    fs.writeFileSync(path.join(top, 'there', 'x.txt'), SAMPLE);
    const r = runCli(['--fix', '--format', 'json', '../there/x.txt'], path.join(top, 'here'));
    const [result] = JSON.parse(r.stdout) as Json;
    assert.equal(result.fixesApplied, 1, r.stdout);
    assert.deepEqual(result.messages.map((m) => m.ruleId), [], 'the report describes the fixed text, which is on disk');
    assert.equal(fs.readFileSync(path.join(top, 'there', 'x.txt'), 'utf8'), SAMPLE.trimStart());
  });

  it('--fix writes the files of a directory named outside the working folder', () => {
    const top = tempDir();
    fs.mkdirSync(path.join(top, 'here'));
    fs.mkdirSync(path.join(top, 'there', 'seeds'), { recursive: true });
    fs.writeFileSync(path.join(top, 'there', 'seeds', 'x.txt'), SAMPLE);
    const r = runCli(['--fix', '--format', 'json', path.join(top, 'there')], path.join(top, 'here'));
    assert.equal((JSON.parse(r.stdout) as Json)[0].fixesApplied, 1, r.stdout);
    assert.equal(fs.readFileSync(path.join(top, 'there', 'seeds', 'x.txt'), 'utf8'), SAMPLE.trimStart());
  });

  it('a link met while walking is followed and written only inside the folder walked', () => {
    const top = tempDir();
    const elsewhere = tempDir();
    fs.writeFileSync(path.join(elsewhere, 'outside.txt'), SAMPLE);
    fs.mkdirSync(path.join(top, 'here'));
    fs.mkdirSync(path.join(top, 'there'));
    fs.writeFileSync(path.join(top, 'there', 'inside.txt'), SAMPLE);
    fs.writeFileSync(path.join(top, 'there', 'target.txt'), SAMPLE);
    fs.symlinkSync('target.txt', path.join(top, 'there', 'sibling.txt'));
    fs.symlinkSync(path.join(elsewhere, 'outside.txt'), path.join(top, 'there', 'escape.txt'));
    // `there` lies outside the corpus root (`here`): it is the folder its links are confined to.
    const r = runCli(['--fix', '--format', 'json', '../there'], path.join(top, 'here'));
    const results = JSON.parse(r.stdout) as Json;
    assert.deepEqual(
      results.map((x) => [path.basename(x.filePath), x.messages.map((m) => m.ruleId), x.fixesApplied]),
      [['escape.txt', ['file/unreadable'], undefined], ['inside.txt', [], 1], ['sibling.txt', [], 1], ['target.txt', [], undefined]],
    );
    assert.equal(fs.readFileSync(path.join(elsewhere, 'outside.txt'), 'utf8'), SAMPLE);
    assert.equal(fs.readFileSync(path.join(top, 'there', 'target.txt'), 'utf8'), SAMPLE.trimStart(), 'written through the link');
    assert.ok(fs.lstatSync(path.join(top, 'there', 'sibling.txt')).isSymbolicLink(), 'the link is kept');
  });

  it('when a write fails, the report describes the text on disk, not the fixed text', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'a.txt'), SAMPLE);
    fs.chmodSync(path.join(dir, 'a.txt'), 0o444);
    const r = runCli(['--fix', '--format', 'json', 'a.txt'], dir);
    const [result] = JSON.parse(r.stdout) as Json;
    assert.deepEqual(result.messages.map((m) => m.ruleId), ['file/read-only', 'date-header/whitespace']);
    assert.equal(result.fixesApplied, undefined);
    assert.equal(result.errorCount, 1);
    assert.equal(result.warningCount, 1);
    assert.equal(fs.readFileSync(path.join(dir, 'a.txt'), 'utf8'), SAMPLE);
  });
});

describe('CLI (#18): standard input and --fix-dry-run', function () {
  this.timeout(60_000);

  it('--stdin lints standard input, reported as <stdin>', () => {
    const dir = tempDir();
    const r = runWithInput(['--stdin', '--format', 'json'], dir, SAMPLE);
    assert.equal(r.code, 0, r.stderr);
    const [result] = JSON.parse(r.stdout) as Json;
    assert.equal(result.filePath, '<stdin>');
    assert.deepEqual(result.messages.map((m) => m.ruleId), ['date-header/whitespace']);
    assert.deepEqual(fs.readdirSync(dir), [], 'nothing written');
  });

  it('--stdin-filename names the input and picks the config above it, wherever the CLI runs', () => {
    const top = tempDir();
    fs.mkdirSync(path.join(top, 'corpus', 'seeds'), { recursive: true });
    fs.writeFileSync(path.join(top, 'corpus', 'seedlint.config.json'), JSON.stringify({ rules: { 'date-header/whitespace': 'error' } }));
    fs.mkdirSync(path.join(top, 'elsewhere'));
    const r = runWithInput(['--stdin', '--stdin-filename', '../corpus/seeds/a.txt', '--format', 'json'], path.join(top, 'elsewhere'), SAMPLE);
    assert.equal(r.code, 1, r.stderr);
    const [result] = JSON.parse(r.stdout) as Json;
    assert.equal(result.filePath, path.join(top, 'corpus', 'seeds', 'a.txt'));
    assert.equal(result.messages[0].level, 'error', 'the corpus config set the level');
    const stylish = runWithInput(['--stdin', '--stdin-filename', 'seeds/a.txt'], path.join(top, 'corpus'), SAMPLE);
    assert.match(stylish.stdout, /^seeds\/a\.txt$/m);
    assert.ok(!fs.existsSync(path.join(top, 'corpus', 'seeds', 'a.txt')), 'the name is only a name');
  });

  it('--fix-dry-run gives the fixed text in "output", the bytes --fix writes, and writes nothing', () => {
    const dir = tempDir();
    const text = '\ufeff date 2024-10-28\r\nTitle\r\nThe the army moved.\r\n';
    const piped = runWithInput(['--stdin', '--fix-dry-run', '--format', 'json'], dir, text);
    const [result] = JSON.parse(piped.stdout) as Json;
    fs.writeFileSync(path.join(dir, 'a.txt'), text);
    const dry = JSON.parse(runCli(['--fix-dry-run', '--format', 'json', 'a.txt'], dir).stdout) as Json;
    assert.equal(fs.readFileSync(path.join(dir, 'a.txt'), 'utf8'), text, '--fix-dry-run wrote nothing');
    runCli(['--fix', 'a.txt'], dir);
    const fixed = fs.readFileSync(path.join(dir, 'a.txt'), 'utf8');
    assert.notEqual(fixed, text);
    assert.equal(result.output, fixed);
    assert.equal(dry[0].output, fixed);
    assert.ok(!result.messages.some((m) => m.fix), 'the report describes the fixed text');
    // Nothing to fix: no "output", as in ESLint.
    const clean = JSON.parse(runWithInput(['--stdin', '--fix-dry-run', '--format', 'json'], dir, fixed).stdout) as Json;
    assert.equal(clean[0].output, undefined);
  });

  it('--fix with --stdin, --stdin-filename without --stdin, paths with --stdin: usage errors', () => {
    const dir = tempDir();
    for (const [args, pattern] of [
      [['--stdin', '--fix'], /--fix cannot write standard input: use --fix-dry-run/],
      [['--stdin-filename', 'a.txt'], /--stdin-filename names standard input: add --stdin/],
      [['--stdin', 'a.txt'], /--stdin lints standard input, not "a\.txt"/],
      [['--fix', '--fix-dry-run', '.'], /--fix and --fix-dry-run cannot be used together/],
    ] as Array<[string[], RegExp]>) {
      const r = runWithInput(args, dir, SAMPLE);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr, pattern);
    }
  });

  it('standard input over --max-file-size is file/too-large, and is not read to its end', () => {
    const dir = tempDir();
    const r = runWithInput(['--stdin', '--max-file-size', '1', '--format', 'json'], dir, Buffer.alloc(2 * 1024 * 1024, 'a'));
    const [result] = JSON.parse(r.stdout) as Json;
    assert.equal(result.messages[0].ruleId, 'file/too-large');
    assert.equal(r.code, 1);
    // An endless input: the CLI answers without waiting for its end.
    const endless = spawnSync('bash', ['-c', `cat /dev/zero | node ${JSON.stringify(CLI)} --stdin --max-file-size 1 --format json`], { cwd: dir, encoding: 'utf8', timeout: 20_000 });
    assert.equal((JSON.parse(endless.stdout) as Json)[0].messages[0].ruleId, 'file/too-large');
  });
});

describe('CLI (#18): --print-config, --list-rules, --no-config, languages, --config <directory>', function () {
  this.timeout(60_000);

  it('--list-rules lists every rule with the level in force, as text or JSON', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'seedlint.config.json'), JSON.stringify({ rules: { 'garbled/stutter': 'off' } }));
    const text = runCli(['--list-rules', '--rule', 'date-header/future=error'], dir);
    assert.equal(text.code, 0, text.stderr);
    assert.equal(text.stdout.trim().split('\n').length, allRules.length);
    assert.match(text.stdout, /^garbled\/stutter +off +fix +A word or phrase written twice/m);
    assert.match(text.stdout, /^date-header\/future +error +The header date/m);
    const json = JSON.parse(runCli(['--list-rules', '--format', 'json'], dir).stdout) as Array<{ id: string; level: string; defaultLevel: string; fixable: boolean }>;
    assert.deepEqual(json.map((r) => r.id), allRules.map((r) => r.meta.id));
    assert.equal(json.find((r) => r.id === 'garbled/stutter')!.level, 'off');
    assert.equal(json.find((r) => r.id === 'garbled/stutter')!.defaultLevel, 'warning');
    const noConfig = JSON.parse(runCli(['--list-rules', '--format', 'json', '--no-config'], dir).stdout) as Array<{ id: string; level: string }>;
    assert.equal(noConfig.find((r) => r.id === 'garbled/stutter')!.level, 'warning');
  });

  it('--print-config prints the configuration a run uses for a file', () => {
    const dir = tempCorpus();
    fs.writeFileSync(path.join(dir, 'seedlint.config.json'), JSON.stringify({ include: ['seeds/*.txt'], exclude: ['seeds/00[34]*'], languages: ['sq', 'da'], rules: { 'date-header/month-precision': { severity: 'error', options: { requireDay: true } } } }));
    const r = runCli(['--print-config', 'seeds/000_a083e0d14a4b92e0.txt'], dir);
    assert.equal(r.code, 0, r.stderr);
    const printed = JSON.parse(r.stdout);
    assert.equal(printed.configFile, path.join(dir, 'seedlint.config.json'));
    assert.equal(printed.corpusRoot, dir);
    assert.equal(printed.inCorpus, true);
    assert.deepEqual(printed.languages, ['sq', 'da']);
    assert.deepEqual(printed.rules['date-header/month-precision'], { level: 'error', options: { requireDay: true } });
    assert.equal(printed.rules['garbled/stutter'].level, 'warning');
    assert.equal(Object.keys(printed.rules).length, allRules.length);
    assert.equal(JSON.parse(runCli(['--print-config', 'seeds/003_x.txt'], dir).stdout).inCorpus, false, 'excluded');
    const none = JSON.parse(runCli(['--print-config', 'seeds/000_a083e0d14a4b92e0.txt', '--no-config'], dir).stdout);
    assert.equal(none.configFile, null);
    assert.equal(none.rules['date-header/month-precision'].level, 'info');
  });

  it('--no-config lints with every rule at its default; with --config it is a usage error', () => {
    const dir = tempCorpus();
    fs.writeFileSync(path.join(dir, 'seedlint.config.json'), JSON.stringify({ rules: { 'date-header/whitespace': 'off' }, include: ['nothing/**'] }));
    const r = runCli(['--no-config', '--format', 'json', 'seeds/000_a083e0d14a4b92e0.txt'], dir);
    assert.ok((JSON.parse(r.stdout) as Json)[0].messages.some((m) => m.ruleId === 'date-header/whitespace'));
    assert.ok(JSON.parse(runCli(['--no-config', '--format', 'json'], dir).stdout).length > 0, 'the default include');
    const both = runCli(['--no-config', '-c', 'seedlint.config.json'], dir);
    assert.equal(both.code, 2);
    assert.match(both.stderr, /--config and --no-config cannot be used together/);
  });

  it('an unknown language code in the config is an error that lists the valid ones', () => {
    const dir = tempCorpus();
    fs.writeFileSync(path.join(dir, 'seedlint.config.json'), JSON.stringify({ languages: ['sq', 'pt', 'dk'] }));
    const r = runCli([], dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /seedlint\.config\.json: \/languages\/2: unknown language "dk": must be one of af, ar, /);
    for (const code of DEFAULT_LANGUAGES) assert.ok(r.stderr.includes(` ${code}`), code);
    fs.writeFileSync(path.join(dir, 'seedlint.config.json'), JSON.stringify({ languages: ['sq', 'pt', 'da'] }));
    assert.equal(runCli([], dir).code, 1);
  });

  it('--config naming a directory: a clear message and exit 2', () => {
    const dir = tempCorpus();
    const r = runCli(['--config', 'seeds'], dir);
    assert.equal(r.code, 2);
    assert.equal(r.stderr, `seedlint: --config takes a config file, and "seeds" is a directory: name the file (seeds/seedlint.config.json)\n`);
    const missing = runCli(['--config', 'nope.json'], dir);
    assert.equal(missing.code, 2);
    assert.doesNotMatch(missing.stderr, /\n\s+at /, 'no stack');
  });

  it('a folder named on the command line is linted even when the config include does not reach it', () => {
    const dir = tempCorpus();
    fs.writeFileSync(path.join(dir, 'seedlint.config.json'), JSON.stringify({ include: ['seeds/**/*.txt'], exclude: ['drafts/skip-*.txt'] }));
    fs.mkdirSync(path.join(dir, 'drafts', 'deep'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'drafts', 'deep', 'a.txt'), SAMPLE);
    fs.writeFileSync(path.join(dir, 'drafts', 'skip-me.txt'), SAMPLE);
    fs.writeFileSync(path.join(dir, 'drafts', 'notes.md'), SAMPLE);
    const r = runCli(['--format', 'json', 'drafts'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual((JSON.parse(r.stdout) as Json).map((x) => path.relative(dir, x.filePath)), [path.join('drafts', 'deep', 'a.txt')], 'named like the include, not excluded');
    // Inside the include's reach, the include decides as before.
    const seeds = JSON.parse(runCli(['--format', 'json', 'seeds'], dir).stdout) as Json;
    assert.equal(seeds.length, 5);
  });
});

describe('CLI (#18): --max-warnings', function () {
  this.timeout(60_000);

  it('--quiet --max-warnings 0 says "too many warnings (maximum: 0)" in every format that has room, on stderr otherwise', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'warn.txt'), 'date 2024-10-28 \nTitle\nBody.\n');
    const line = 'seedlint found too many warnings (maximum: 0).';
    const stylish = runCli(['warn.txt', '--quiet', '--max-warnings', '0'], dir);
    assert.equal(stylish.code, 1);
    assert.equal(stylish.stdout, `\n${line}\n`);
    const github = runCli(['warn.txt', '--quiet', '--max-warnings', '0', '--format', 'github'], dir);
    assert.equal(github.stdout, `::error title=seedlint::${line}\n`);
    const sarif = runCli(['warn.txt', '--quiet', '--max-warnings', '0', '--format', 'sarif'], dir);
    const log = JSON.parse(sarif.stdout);
    assert.equal(sarif.stdout, JSON.stringify(log, null, 2) + '\n');
    assert.deepEqual(log.runs[0].results, []);
    assert.deepEqual(log.runs[0].invocations, [{ executionSuccessful: true, toolExecutionNotifications: [{ level: 'error', message: { text: line } }] }]);
    const withResults = JSON.parse(runCli(['warn.txt', '--max-warnings', '0', '--format', 'sarif'], dir).stdout);
    assert.equal(withResults.runs[0].results.length, 1);
    assert.equal(withResults.runs[0].invocations[0].toolExecutionNotifications[0].message.text, line);
    const json = runCli(['warn.txt', '--quiet', '--max-warnings', '0', '--format', 'json'], dir);
    assert.equal(json.code, 1);
    assert.equal((JSON.parse(json.stdout) as Json)[0].messages.length, 0);
    assert.equal(json.stderr, `${line}\n`);
    const toFile = runCli(['warn.txt', '--max-warnings', '0', '-o', 'report.txt'], dir);
    assert.equal(toFile.stderr, `${line}\n`, 'the report is in a file: the verdict is on stderr too');
    assert.ok(fs.readFileSync(path.join(dir, 'report.txt'), 'utf8').endsWith(`${line}\n`));
    // Within the limit: no verdict anywhere.
    const within = runCli(['warn.txt', '--max-warnings', '1', '--format', 'sarif'], dir);
    assert.equal(JSON.parse(within.stdout).runs[0].invocations, undefined);
    assert.equal(within.code, 0);
  });

  it('--max-warnings -1 (no limit) is accepted, as --max-warnings=-1 too; -2 is not', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'warn.txt'), 'date 2024-10-28 \nTitle\nBody.\n');
    assert.equal(runCli(['warn.txt', '--max-warnings', '-1'], dir).code, 0);
    assert.equal(runCli(['--max-warnings=-1', 'warn.txt'], dir).code, 0);
    const bad = runCli(['warn.txt', '--max-warnings', '-2'], dir);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--max-warnings takes a whole number of at least -1, not "-2"/);
  });
});

describe('CLI (#18): counts, links and messages', function () {
  this.timeout(60_000);

  it('info findings have their own severity (3) and count, the same in every format', () => {
    const dir = tempCorpus();
    const json = JSON.parse(runCli(['--format', 'json'], dir).stdout) as Json;
    const all = json.flatMap((r) => r.messages);
    const infos = all.filter((m) => m.level === 'info');
    assert.ok(infos.length > 0, 'the seeds have info findings');
    for (const m of all) assert.equal(m.severity, { error: 2, warning: 1, info: 3 }[m.level], m.ruleId);
    const sum = (k: 'errorCount' | 'warningCount' | 'infoCount') => json.reduce((n, r) => n + r[k], 0);
    for (const r of json) {
      assert.equal(r.errorCount, r.messages.filter((m) => m.severity === 2).length);
      assert.equal(r.warningCount, r.messages.filter((m) => m.severity === 1).length);
      assert.equal(r.infoCount, r.messages.filter((m) => m.severity === 3).length);
    }
    const stylish = runCli([], dir).stdout;
    assert.match(stylish, new RegExp(`${all.length} problems \\(${sum('errorCount')} errors, ${sum('warningCount')} warnings, ${sum('infoCount')} info\\)`));
    const sarif = JSON.parse(runCli(['--format', 'sarif'], dir).stdout).runs[0].results as Array<{ level: string }>;
    assert.deepEqual(['error', 'warning', 'note'].map((l) => sarif.filter((x) => x.level === l).length), [sum('errorCount'), sum('warningCount'), sum('infoCount')]);
    const github = runCli(['--format', 'github'], dir).stdout;
    assert.deepEqual(['error', 'warning', 'notice'].map((l) => github.split('\n').filter((x) => x.startsWith(`::${l} `)).length), [sum('errorCount'), sum('warningCount'), sum('infoCount')]);
  });

  it('SARIF names no file:// help link of the machine that ran it', () => {
    const dir = tempCorpus();
    const out = runCli(['--format', 'sarif'], dir).stdout;
    const rules = JSON.parse(out).runs[0].tool.driver.rules as Array<{ helpUri?: string; help: { markdown: string } }>;
    for (const r of rules) {
      assert.ok(r.helpUri === undefined || /^https:\/\//.test(r.helpUri), String(r.helpUri));
      assert.ok(r.help.markdown.length > 0, 'the rule doc travels in the log');
    }
    const root = JSON.parse(out).runs[0].originalUriBaseIds['%SRCROOT%'].uri as string;
    assert.ok(!out.split(JSON.stringify(root)).join('').includes('file://'), 'no file URI but %SRCROOT%');
  });

  it('invalid UTF-8 gives one finding at its spot, not two', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'bad.txt'), Buffer.concat([Buffer.from('date 2024-10-28\nTitull\nNjë '), Buffer.from([0xc3, 0x28]), Buffer.from(' fjali. Dhe '), Buffer.from([0xff]), Buffer.from(' tjetër.\n')]));
    const [r] = JSON.parse(runCli(['--format', 'json', 'bad.txt'], dir).stdout) as Json;
    const at = (line: number, column: number) => r.messages.filter((m) => m.line === line && m.column === column).map((m) => m.ruleId);
    assert.deepEqual(at(3, 5), ['file/invalid-utf8']);
    assert.deepEqual(at(3, 19), ['garbled/mojibake'], 'a later lost byte is still reported');
  });

  it('the CLI\'s own messages: findings are sentences, stderr lines start "seedlint: " in lower case, values in double quotes', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'a.txt'), SAMPLE);
    fs.mkdirSync(path.join(dir, 'closed'));
    fs.writeFileSync(path.join(dir, 'closed', 'x.txt'), SAMPLE);
    fs.symlinkSync('/nonexistent/seed.txt', path.join(dir, 'broken.txt'));
    fs.writeFileSync(Buffer.concat([Buffer.from(dir + '/bad'), Buffer.from([0xff]), Buffer.from('.txt')]), SAMPLE);
    fs.writeFileSync(path.join(dir, 'bin.txt'), Buffer.from([0x41, 0x00]));
    fs.writeFileSync(path.join(dir, 'ro.txt'), SAMPLE);
    fs.chmodSync(path.join(dir, 'ro.txt'), 0o444);
    const r = runCli(['--fix', '--format', 'json', '.'], dir);
    const fileMessages = (JSON.parse(r.stdout) as Json).flatMap((x) => x.messages).filter((m) => m.ruleId.startsWith('file/'));
    assert.ok(fileMessages.length >= 3, JSON.stringify(fileMessages));
    for (const m of fileMessages) assert.match(m.message, /^[A-Z].*\.$/s, m.message);
    const usage = [['--bogus'], ['--format', 'xml'], ['--rule', 'nope'], ['missing.txt'], ['-c', 'missing.json'], ['--max-warnings', 'x', '.'], ['-o', 'ro.txt/x', 'a.txt']];
    for (const args of usage) {
      const u = runCli(args, dir);
      assert.equal(u.code, 2, args.join(' '));
      for (const line of u.stderr.trimEnd().split('\n')) assert.match(line, /^seedlint: [^A-Z]/, line);
      assert.doesNotMatch(u.stderr, /'|`|“/, 'one quoting style');
    }
  });
});

describe('CLI (#18): formatters at scale', function () {
  this.timeout(60_000);
  const ctx: FormatContext = { cwd: '/corpus', color: true, rules: allRules, version: '9.9.9' };

  it('every format reports 100,000 findings of one file, with long messages, without spreading them into a call', () => {
    const messages: Message[] = new Array(100_000);
    for (let i = 0; i < messages.length; i++) {
      const level = (['error', 'warning', 'info'] as const)[i % 3];
      messages[i] = { ruleId: 'garbled/stutter', category: 'garbled', severity: ({ error: 2, warning: 1, info: 3 } as const)[level], level, message: `Repeated word: "${'x'.repeat(i % 200)}".`, line: i + 1, column: 1 + (i % 5000), endLine: i + 1, endColumn: 2 + (i % 5000) };
    }
    const result: FileResult = fileResult('/corpus/seeds/huge.txt', messages);
    for (const name of FORMATS) {
      const reporter = createReporter(name, ctx);
      const text = reporter.file(result) + reporter.end({ tooManyWarnings: 0 });
      assert.ok(text.length > 100_000 * 20, `${name}: ${text.length} characters`);
      if (name === 'json' || name === 'sarif') JSON.parse(text);
      if (name === 'stylish') assert.match(text, /100000 problems \(33334 errors, 33333 warnings, 33333 info\)/);
    }
  });
});
