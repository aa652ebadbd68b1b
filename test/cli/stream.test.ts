/**
 * The streamed report: written a file at a time, it must be byte for byte the report of all the
 * results at once (the shape the CLI printed before it streamed), in the same order, whatever the
 * number of worker threads.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createReporter, format, type FormatContext, type FormatName } from '../../server/src/cli/formatters';
import { fatalResult, fileResult, type FileResult, type Message } from '../../server/src/cli/results';
import { InOrder } from '../../server/src/cli/run';
import { allRules } from '../../server/src/engine/index';
import { runCli, tempCorpus, tempDir } from '../helpers/cli';

const ctx: FormatContext = { cwd: '/corpus', color: false, rules: allRules, docsUri: (id) => `file:///docs/${id}.md`, version: '9.9.9' };

function message(line: number, level: Message['level'], ruleId: string, extra: Partial<Message> = {}): Message {
  return { ruleId, category: ruleId.split('/')[0], severity: level === 'error' ? 2 : 1, level, message: `Problem on line ${line}: "quoted", 100%, a:b,\nnext`, line, column: 2, endLine: line, endColumn: 9, ...extra };
}

const results: FileResult[] = [
  fileResult('/corpus/a.txt', [message(1, 'error', 'date-header/missing', { fix: { range: [0, 0], text: 'date 2024-01-01\n' } }), message(3, 'warning', 'unattributed-figure/no-source')]),
  fileResult('/corpus/b.txt', []),
  fatalResult('/corpus/c\nd.txt', 'file/unreadable', 'cannot follow symbolic link: no such file or directory'),
  fileResult('/corpus/sub/e.txt', [message(2, 'info', 'date-header/month-precision'), message(12, 'warning', 'garbled/stutter')]),
];

function streamed(name: FormatName, rs: FileResult[]): string {
  const reporter = createReporter(name, ctx);
  const pieces = rs.map((r) => reporter.file(r));
  return pieces.join('') + reporter.end();
}

describe('CLI streamed report', () => {
  it('json: the pieces make JSON.stringify(results) + newline, for none, one and several results', () => {
    for (const rs of [[], results.slice(0, 1), results]) {
      assert.equal(streamed('json', rs), JSON.stringify(rs) + '\n');
    }
  });

  it('sarif: the pieces make JSON.stringify(log, null, 2) + newline, with every result in order', () => {
    for (const rs of [[], results.slice(1, 2), results]) {
      const out = streamed('sarif', rs);
      const log = JSON.parse(out);
      assert.equal(out, JSON.stringify(log, null, 2) + '\n');
      const run = log.runs[0];
      assert.deepEqual(
        run.results.map((x: { ruleId: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }> }) => [x.ruleId, decodeURIComponent(x.locations[0].physicalLocation.artifactLocation.uri), x.locations[0].physicalLocation.region.startLine]),
        rs.flatMap((r) => r.messages.map((m) => [m.ruleId, path.relative(ctx.cwd, r.filePath), m.line])),
      );
      assert.equal(run.tool.driver.rules.length, allRules.length);
      assert.equal(run.columnKind, 'utf16CodeUnits');
    }
    assert.match(streamed('sarif', []), /"results": \[\]\n {4}\}\n {2}\]\n\}\n$/);
  });

  it('stylish and github: the same text a file at a time as all at once', () => {
    for (const name of ['stylish', 'github'] as const) assert.equal(streamed(name, results), format(name, results, ctx));
    assert.equal(
      format('stylish', results.slice(0, 2), ctx),
      '\na.txt\n  1:2  error    Problem on line 1: "quoted", 100%, a:b,\nnext  date-header/missing\n  3:2  warning  Problem on line 3: "quoted", 100%, a:b,\nnext  unattributed-figure/no-source\n\n2 problems (1 error, 1 warning, 0 info)\n  1 error and 0 warnings potentially fixable with the `--fix` option.\n',
    );
    assert.equal(format('stylish', [results[1]], ctx), '');
    assert.equal(
      format('github', [results[2]], ctx),
      '::error file=c%0Ad.txt,line=1,col=1,endLine=1,endColumn=1,title=file/unreadable::cannot follow symbolic link: no such file or directory\n',
    );
  });

  it('InOrder hands results on in path order, each walk problem where a stable sort by path puts it', () => {
    const files = ['/c/a.txt', '/c/b.txt', '/c/d.txt', '/c/f.txt'];
    const problems = [fatalResult('/c/z.txt', 'file/unreadable', 'z'), fatalResult('/c/b.txt', 'file/unreadable', 'b, a problem first'), fatalResult('/c/0.txt', 'file/unreadable', '0'), fatalResult('/c/c.txt', 'file/unreadable', 'c')];
    const got: string[] = [];
    const seen: Array<number | undefined> = [];
    const order = new InOrder(files, problems, (i, r) => {
      seen.push(i);
      got.push(`${r.filePath}${r.messages[0]?.message ? ':' + r.messages[0].message : ''}`);
    });
    for (const i of [2, 0, 3]) order.put(i, fileResult(files[i], []));
    assert.deepEqual(got, ['/c/0.txt:0', '/c/a.txt'], 'nothing after a file that is not done');
    order.put(1, fileResult(files[1], []));
    order.finish();
    const expected = [...problems, ...files.map((f) => fileResult(f, []))].sort((a, b) => (a.filePath < b.filePath ? -1 : a.filePath > b.filePath ? 1 : 0));
    assert.deepEqual(got, expected.map((r) => `${r.filePath}${r.messages[0]?.message ? ':' + r.messages[0].message : ''}`));
    assert.deepEqual(seen.filter((i) => i !== undefined), [0, 1, 2, 3]);
  });
});

describe('CLI streamed report, end to end', function () {
  this.timeout(120000);

  /** seeds/ with a broken link, a file with a newline in its name and an empty file: walk problems among the results. */
  function corpus(): string {
    const dir = tempCorpus();
    const seeds = fs.readdirSync(path.join(dir, 'seeds')).sort();
    for (let i = 0; i < 12; i++) fs.copyFileSync(path.join(dir, 'seeds', seeds[i % seeds.length]), path.join(dir, 'seeds', `copy-${i}.txt`));
    fs.symlinkSync('/nonexistent/seed.txt', path.join(dir, 'seeds', '001_broken.txt'));
    fs.writeFileSync(path.join(dir, 'seeds', 'new\nline.txt'), 'date 2024-10-28\nTitle\n\nThe army has 1500 soldiers.\n');
    fs.writeFileSync(path.join(dir, 'seeds', 'zz-empty.txt'), '');
    return dir;
  }

  it('every format is the same with --workers 1, 2 and 3, walk problems included', () => {
    const dir = corpus();
    for (const format of ['json', 'sarif', 'stylish', 'github']) {
      for (const extra of [[], ['--quiet']]) {
        const one = runCli(['seeds', '--format', format, '--workers', '1', ...extra], dir);
        assert.equal(one.code, 1, one.stderr);
        assert.ok(one.stdout.includes('001_broken.txt'), `${format}: the walk problem is reported`);
        for (const workers of ['2', '3']) {
          const more = runCli(['seeds', '--format', format, '--workers', workers, ...extra], dir);
          assert.equal(more.stdout, one.stdout, `${format} ${extra.join(' ')} --workers ${workers}`);
          assert.equal(more.code, one.code);
          assert.equal(more.stderr, one.stderr);
        }
      }
    }
    const json = JSON.parse(runCli(['seeds', '--format', 'json', '--workers', '2'], dir).stdout) as Array<{ filePath: string }>;
    const paths = json.map((r) => r.filePath);
    assert.deepEqual(paths, [...paths].sort(), 'results in path order');
  });

  it('-o naming a file to lint is refused before anything is linted or written (#18)', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'a.txt'), ' date 2024-10-28\nTitle\nBody.\n');
    fs.writeFileSync(path.join(dir, 'report.txt'), 'No date header here.\n');
    fs.symlinkSync('report.txt', path.join(dir, 'link-to-report'));
    for (const args of [['.', '--format', 'json', '-o', 'report.txt'], ['report.txt', '-o', 'report.txt'], ['--fix', 'a.txt', 'report.txt', '-o', 'link-to-report']]) {
      const r = runCli(args, dir);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, /^seedlint: the output file "(report\.txt|link-to-report)" is also a file to lint: the report would replace it; write the report elsewhere\n$/);
      assert.equal(fs.readFileSync(path.join(dir, 'report.txt'), 'utf8'), 'No date header here.\n');
      assert.equal(fs.readFileSync(path.join(dir, 'a.txt'), 'utf8'), ' date 2024-10-28\nTitle\nBody.\n', 'nothing fixed');
    }
    // A report beside the files it describes is fine when it is not one of them.
    const ok = runCli(['a.txt', '--format', 'json', '-o', 'report.txt'], dir);
    assert.equal(ok.code, 0, ok.stderr);
    assert.equal((JSON.parse(fs.readFileSync(path.join(dir, 'report.txt'), 'utf8')) as unknown[]).length, 1);
  });

  it('-o into a missing folder makes it; a report that cannot be written fails at once, before --fix writes anything (#18)', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'a.txt'), ' date 2024-10-28\nTitle\nBody.\n');
    fs.writeFileSync(path.join(dir, 'not-a-dir'), '');
    const r = runCli(['a.txt', '--fix', '-o', 'not-a-dir/report.json'], dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^seedlint: cannot write "not-a-dir\/report\.json": its folder is a file, not a directory\n$/);
    assert.equal(fs.readFileSync(path.join(dir, 'a.txt'), 'utf8'), ' date 2024-10-28\nTitle\nBody.\n', 'nothing was fixed');
    const made = runCli(['a.txt', '--format', 'json', '-o', 'missing-dir/deeper/report.json'], dir);
    assert.equal(made.code, 0, made.stderr);
    assert.equal((JSON.parse(fs.readFileSync(path.join(dir, 'missing-dir/deeper/report.json'), 'utf8')) as unknown[]).length, 1);
  });

  it('-o writes the same bytes as standard output, for a report larger than one written piece', () => {
    const dir = corpus();
    for (let i = 0; i < 40; i++) fs.copyFileSync(path.join(dir, 'seeds', 'copy-0.txt'), path.join(dir, 'seeds', `more-${i}.txt`));
    const out = runCli(['seeds', '--format', 'sarif', '--workers', '2'], dir);
    assert.ok(out.stdout.length > 128 * 1024, 'several pieces');
    const r = runCli(['seeds', '--format', 'sarif', '--workers', '2', '-o', 'report.sarif'], dir);
    assert.equal(r.code, out.code);
    assert.equal(fs.readFileSync(path.join(dir, 'report.sarif'), 'utf8'), out.stdout);
  });
});
