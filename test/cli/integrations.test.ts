/**
 * Packaging and the integrations users copy (#18): the npm tarball ships only what users need and
 * installs offline; a clone installs with `npm install -g`; the GitHub Actions workflow of
 * docs/ci.md produces SARIF that code scanning takes; the pre-commit hooks run as pre-commit
 * runs them. Nothing here uses the network: installs are --offline, from the npm cache.
 */
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv04 from 'ajv-draft-04';
import { REPO, SEEDS, tempCorpus, tempDir } from '../helpers/cli';

// js-yaml has no bundled types; this is all of it the test needs.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const yaml = require('js-yaml') as { load(text: string): unknown };

const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as Record<string, unknown> & { version: string; files: string[]; bin: Record<string, string>; scripts: Record<string, string> };
const NPM_ENV = { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false', NO_COLOR: '1' };

function npm(args: string[], cwd: string): string {
  return execFileSync('npm', args, { cwd, encoding: 'utf8', env: NPM_ENV, maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Runs a program from an install prefix's bin folder, first on the PATH as in pre-commit's node environment. */
function runFrom(prefix: string, argv: string[], cwd: string) {
  const r = spawnSync(argv[0], argv.slice(1), { cwd, encoding: 'utf8', env: { ...NPM_ENV, PATH: `${path.join(prefix, 'bin')}${path.delimiter}${process.env.PATH}` } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr, error: r.error };
}

/** pre-commit's entry splitting (shlex.split) for the plain entries a hook manifest holds. */
function shlexSplit(entry: string): string[] {
  assert.match(entry, /^[\w ./=-]+$/, 'an entry without quotes or escapes');
  return entry.trim().split(/\s+/);
}

describe('packaging and integrations (#18)', function () {
  this.timeout(300_000);
  let tarball: string;
  let prefix: string;

  before(() => {
    const out = tempDir();
    // The built dist/ as it is (test-all builds first): --ignore-scripts, or `prepare` would rebuild it.
    const [packed] = JSON.parse(npm(['pack', '--ignore-scripts', '--json', '--pack-destination', out], REPO)) as Array<{ filename: string }>;
    tarball = path.join(out, packed.filename);
    prefix = path.join(out, 'prefix');
    npm(['install', '--global', '--offline', '--prefix', prefix, tarball], out);
  });

  it('package.json could be published: no "private", a bin, a files list, no runtime dependencies to fetch', () => {
    assert.equal(pkg.private, undefined);
    for (const key of ['name', 'version', 'description', 'license', 'bin', 'files', 'engines', 'repository']) assert.ok(pkg[key] !== undefined, key);
    assert.equal(pkg.bin.seedlint, 'dist/cli.js');
    assert.deepEqual(Object.keys((pkg.dependencies as object | undefined) ?? {}), [], 'everything is bundled into dist/');
    assert.equal(pkg.scripts.prepare, 'node scripts/prepare.mjs', 'prepare installs the build tools when a clone has none, then builds');
    // npm pack runs prepare; in the foreground its banner and output would go to stdout, where pre-commit reads the tarball's name.
    assert.match(fs.readFileSync(path.join(REPO, '.npmrc'), 'utf8'), /^foreground-scripts=false$/m);
  });

  it('npm pack ships the bundles, docs, schema and texts: no tests, bench, sources, source maps or caches', () => {
    const [dry] = JSON.parse(npm(['pack', '--dry-run', '--ignore-scripts', '--json'], REPO)) as Array<{ files: Array<{ path: string }>; size: number; entryCount: number }>;
    const files = dry.files.map((f) => f.path);
    assert.deepEqual(files.filter((f) => /^(test|bench|server|client|scripts|seeds|node_modules)\//.test(f) || /\.(ts|map|cache|tgz|vsix)$/.test(f) || /(^|\/)\./.test(f)), []);
    for (const f of ['dist/cli.js', 'dist/cli.bundle.js', 'dist/worker.js', 'dist/worker.bundle.js', 'dist/server.js', 'dist/server.bundle.js', 'schemas/seedlint.config.schema.json', 'README.md', 'LICENSE', 'package.json']) assert.ok(files.includes(f), f);
    assert.ok(files.some((f) => f.startsWith('docs/rules/')), 'the rule docs');
    assert.ok(dry.entryCount < 60, `${dry.entryCount} files`);
    assert.ok(dry.size < 3 * 1024 * 1024, `${dry.size} bytes packed`);
    // Each pattern of `files` lets something in (vsce refuses a pattern that matches nothing).
    for (const pattern of pkg.files) assert.ok(files.some((f) => f === pattern || new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*\*\//g, '(?:.*/)?').replace(/\*/g, '[^/]*')}$`).test(f)), pattern);
  });

  it('the tarball installs offline into a prefix; its seedlint prints the version and lints a seed', () => {
    const version = runFrom(prefix, ['seedlint', '--version'], tempDir());
    assert.equal(version.stdout, `${pkg.version}\n`, version.stderr);
    const installed = path.join(prefix, 'lib', 'node_modules', 'seedlint');
    assert.ok(!fs.existsSync(path.join(installed, 'scripts')) && !fs.existsSync(path.join(installed, 'node_modules')), 'postinstall did nothing: no build tools, no build');
    const dir = tempCorpus();
    const r = runFrom(prefix, ['seedlint', '--format', 'json', 'seeds/000_a083e0d14a4b92e0.txt'], dir);
    assert.equal(r.code, 1, r.stderr);
    assert.ok((JSON.parse(r.stdout) as Array<{ messages: Array<{ ruleId: string }> }>)[0].messages.some((m) => m.ruleId === 'date-header/glued'));
    // Workers come from the installed package too.
    const workers = runFrom(prefix, ['seedlint', '--workers', '2', '--format', 'json', 'seeds'], dir);
    assert.equal((JSON.parse(workers.stdout) as unknown[]).length, fs.readdirSync(SEEDS).length, workers.stderr);
  });

  it('`npm install -g <clone>` builds dist/ in a clone that has no node_modules, offline; pre-commit\'s npm pack of it works', () => {
    const clone = path.join(tempDir(), 'seedlint');
    // A clone: the files git tracks (or would, once committed), as they are in this work tree.
    const tracked = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: REPO, encoding: 'utf8' }).split('\0').filter(Boolean);
    for (const f of tracked) {
      if (!fs.existsSync(path.join(REPO, f))) continue; // deleted, not yet committed
      fs.mkdirSync(path.dirname(path.join(clone, f)), { recursive: true });
      fs.copyFileSync(path.join(REPO, f), path.join(clone, f));
    }
    assert.ok(!fs.existsSync(path.join(clone, 'dist')) && !fs.existsSync(path.join(clone, 'node_modules')));
    const clonePrefix = path.join(path.dirname(clone), 'prefix');
    npm(['install', '--global', '--offline', '--prefix', clonePrefix, clone], path.dirname(clone));
    const version = runFrom(clonePrefix, ['seedlint', '--version'], tempDir());
    assert.equal(version.stdout, `${pkg.version}\n`, version.stderr);
    const r = runFrom(clonePrefix, ['seedlint', '--format', 'json', path.join(SEEDS, '000_a083e0d14a4b92e0.txt')], tempDir());
    assert.equal(r.code, 1, r.stderr);
    // What pre-commit does next with a hook repository it has installed (pre_commit/languages/node.py):
    // `npm pack` in the clone (which runs prepare again), its stdout taken as the tarball's name, and
    // `npm install -g` of that.
    const stdout = npm(['pack'], clone);
    assert.equal(stdout, `seedlint-${pkg.version}.tgz\n`, 'nothing but the name on stdout');
    const packed = stdout.trim();
    const hookPrefix = path.join(path.dirname(clone), 'hook-env');
    npm(['install', '--global', '--offline', '--prefix', hookPrefix, path.join(clone, packed)], clone);
    assert.equal(runFrom(hookPrefix, ['seedlint', '--version'], tempDir()).stdout, `${pkg.version}\n`);
  });

  it('docs/ci.md: the GitHub Actions workflow uploads the SARIF its seedlint step writes, and that SARIF is valid', () => {
    const doc = fs.readFileSync(path.join(REPO, 'docs', 'ci.md'), 'utf8');
    const block = /<!-- ci:github-actions -->\n```yaml\n([\s\S]*?)\n```/.exec(doc);
    assert.ok(block, 'the workflow block');
    const workflow = yaml.load(block[1]) as { permissions: Record<string, string>; jobs: Record<string, { 'runs-on': string; steps: Array<{ uses?: string; run?: string; if?: string; with?: Record<string, unknown> }> }> };
    assert.equal(workflow.permissions['security-events'], 'write');
    const [job] = Object.values(workflow.jobs);
    const lint = job.steps.find((s) => s.run?.startsWith('seedlint '));
    const upload = job.steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'));
    assert.ok(lint && upload, 'a seedlint step and an upload-sarif step');
    assert.ok(job.steps.indexOf(upload) > job.steps.indexOf(lint));
    assert.equal(upload.if, 'always()', 'the upload runs when seedlint exits 1');
    assert.ok(job.steps.some((s) => s.run === 'npm install --global seedlint'), 'seedlint is installed');
    // The step as written, with the installed package, in a checkout of a corpus.
    const checkout = tempCorpus();
    const r = runFrom(prefix, shlexSplit(lint.run!), checkout);
    assert.equal(r.code, 1, r.stderr);
    const sarifFile = path.join(checkout, String(upload.with!.sarif_file));
    type Result = { ruleId: string; message: { text: string }; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }> };
    const log = JSON.parse(fs.readFileSync(sarifFile, 'utf8')) as { runs: Array<{ results: Result[]; tool: { driver: { rules: Array<{ helpUri?: string }> } } }> };
    const schema = JSON.parse(fs.readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
    const validate = new Ajv04({ allErrors: true, strict: false, unicodeRegExp: false, logger: false }).compile(schema);
    assert.ok(validate(log as object), JSON.stringify(validate.errors?.slice(0, 3)));
    // What code scanning needs of each result: a rule, a message, a relative location in the checkout.
    assert.ok(log.runs[0].results.length > 0);
    for (const res of log.runs[0].results) {
      const loc = res.locations[0].physicalLocation;
      assert.ok(res.ruleId && res.message.text);
      assert.ok(fs.existsSync(path.join(checkout, decodeURIComponent(loc.artifactLocation.uri))), loc.artifactLocation.uri);
      assert.ok(loc.region.startLine >= 1 && loc.region.startColumn >= 1);
    }
    assert.ok(log.runs[0].tool.driver.rules.every((rule) => rule.helpUri === undefined), 'no file:// link of this machine');
  });

  it('.pre-commit-hooks.yaml has pre-commit\'s shape, and each hook runs as pre-commit runs it', () => {
    const hooks = yaml.load(fs.readFileSync(path.join(REPO, '.pre-commit-hooks.yaml'), 'utf8')) as Array<Record<string, unknown>>;
    assert.ok(Array.isArray(hooks) && hooks.length >= 2);
    // pre-commit's manifest schema (pre_commit/clientlib.py): required keys and the types of the optional ones.
    const STRINGS = ['id', 'name', 'entry', 'language', 'files', 'exclude', 'description', 'language_version', 'minimum_pre_commit_version'];
    const LISTS = ['types', 'types_or', 'exclude_types', 'args', 'stages', 'additional_dependencies'];
    const BOOLEANS = ['always_run', 'fail_fast', 'pass_filenames', 'require_serial', 'verbose'];
    for (const hook of hooks) {
      for (const key of ['id', 'name', 'entry', 'language']) assert.equal(typeof hook[key], 'string', `${String(hook.id)}: ${key}`);
      for (const key of Object.keys(hook)) assert.ok([...STRINGS, ...LISTS, ...BOOLEANS].includes(key), `${String(hook.id)}: unknown key ${key}`);
      for (const key of LISTS) if (key in hook) assert.ok(Array.isArray(hook[key]), key);
      for (const key of BOOLEANS) if (key in hook) assert.equal(typeof hook[key], 'boolean', key);
      assert.equal(hook.language, 'node');
      assert.equal(shlexSplit(String(hook.entry))[0], 'seedlint', 'the entry is the package\'s bin');
    }
    assert.deepEqual(hooks.map((h) => h.id), ['seedlint', 'seedlint-fix']);

    // A repository as pre-commit sees it: the staged files, filtered by `files` and `types: [file]`, passed as arguments.
    const repo = tempCorpus();
    fs.mkdirSync(path.join(repo, 'notes'));
    fs.writeFileSync(path.join(repo, 'notes', 'todo.txt'), ' not a seed\n');
    fs.writeFileSync(path.join(repo, 'seeds', 'clean.txt'), 'date 2024-10-28\nTitle\n\nThe minister said on Monday that the talks would go on.\n');
    fs.symlinkSync('clean.txt', path.join(repo, 'seeds', 'link.txt'));
    const staged = ['notes/todo.txt', 'seeds/clean.txt', 'seeds/link.txt', ...fs.readdirSync(SEEDS).map((f) => `seeds/${f}`)];
    const passed = (hook: Record<string, unknown>, candidates: string[]) =>
      candidates.filter((f) => new RegExp(String(hook.files ?? '')).test(f) && !(hook.exclude && new RegExp(String(hook.exclude)).test(f)) && !fs.lstatSync(path.join(repo, f)).isSymbolicLink());
    const [lintHook, fixHook] = hooks;
    assert.deepEqual(passed(lintHook, staged), staged.filter((f) => f.startsWith('seeds/') && f !== 'seeds/link.txt'));

    const clean = runFrom(prefix, [...shlexSplit(String(lintHook.entry)), ...passed(lintHook, ['seeds/clean.txt'])], repo);
    assert.equal(clean.code, 0, `a clean file passes: ${clean.stdout}${clean.stderr}`);
    const dirty = runFrom(prefix, [...shlexSplit(String(lintHook.entry)), ...passed(lintHook, staged)], repo);
    assert.equal(dirty.code, 1, 'findings fail the hook');
    assert.match(dirty.stdout, /date-header\/glued/);
    assert.ok(!dirty.stdout.includes('notes/todo.txt'));

    const before = fs.readFileSync(path.join(repo, 'seeds', '000_a083e0d14a4b92e0.txt'), 'utf8');
    runFrom(prefix, [...shlexSplit(String(fixHook.entry)), ...passed(fixHook, staged)], repo);
    const after = fs.readFileSync(path.join(repo, 'seeds', '000_a083e0d14a4b92e0.txt'), 'utf8');
    assert.notEqual(after, before, 'pre-commit sees the file changed and stops the commit');
    assert.equal(after.split('\n')[0], 'date 2024-10');
  });
});
