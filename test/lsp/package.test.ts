/** The .vsix holds the bundles and what VS Code shows, never sources, tests, maps or node_modules. */
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { ensureServerBuilt, REPO } from '../helpers/lspSession';

const execFileP = promisify(execFile);
const VSCE = path.join(REPO, 'node_modules', '@vscode', 'vsce', 'vsce');

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

describe('extension package', function () {
  this.timeout(90_000);
  let files: string[];
  const manifest = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as {
    main: string;
    icon: string;
    scripts: Record<string, string>;
    contributes: { grammars: { path: string }[]; jsonValidation: { url: string }[]; languages: { configuration: string }[] };
  };

  before(async () => {
    ensureServerBuilt();
    // `vsce ls` applies .vscodeignore exactly as `vsce package` does, without writing a .vsix.
    const { stdout } = await execFileP(process.execPath, [VSCE, 'ls', '--no-dependencies'], { cwd: REPO, maxBuffer: 16 * 1024 * 1024 });
    files = stdout.split('\n').map((l) => l.trim()).filter(Boolean);
  });

  it('leaves out sources, tests, source maps and node_modules', () => {
    assert.deepEqual(files.filter((f) => /\.(ts|mts|cts|map|cache)$/.test(f)), []);
    assert.deepEqual(files.filter((f) => /^(test|node_modules|server|client|seeds|bench|scripts)\//.test(f) || f.includes('/node_modules/')), []);
    assert.deepEqual(files.filter((f) => /(^|\/)\.[^/]+$/.test(f)), [], 'no dot files');
  });

  it('holds the bundles, manifest, texts, schema, grammar, language configuration, icon and every rule doc', () => {
    const norm = (p: string) => p.replace(/^\.\//, '');
    const required = [
      'dist/server.js',
      'dist/server.bundle.js',
      'dist/client.js',
      'dist/cli.js',
      'dist/cli.bundle.js',
      'dist/worker.js',
      'dist/worker.bundle.js',
      'package.json',
      'README.md',
      'LICENSE',
      'CHANGELOG.md',
      norm(manifest.main),
      norm(manifest.icon),
      ...manifest.contributes.grammars.map((g) => norm(g.path)),
      ...manifest.contributes.jsonValidation.map((j) => norm(j.url)),
      ...manifest.contributes.languages.map((l) => norm(l.configuration)),
    ];
    for (const f of required) assert.ok(files.includes(f), `${f} is packaged`);
    const docs = walk(path.join(REPO, 'docs', 'rules')).map((f) => path.relative(REPO, f).split(path.sep).join('/'));
    assert.ok(docs.length > 0);
    for (const f of docs) assert.ok(files.includes(f), `${f} is packaged`);
  });

  it('the benchmark\'s activation .vsix (bench/activation.mjs) holds exactly what vsce packages', async () => {
    const { packagedFiles } = (await import(path.join(REPO, 'bench', 'activation.mjs'))) as { packagedFiles(repo: string): Record<string, Buffer> };
    assert.deepEqual(Object.keys(packagedFiles(REPO)).sort(), [...files].sort());
  });

  it('holds every image the README shows', () => {
    const readme = fs.readFileSync(path.join(REPO, 'README.md'), 'utf8');
    const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1]);
    assert.ok(images.length > 0, 'the README shows a screenshot');
    for (const img of images) assert.ok(files.includes(img), `${img} is packaged`);
  });

  it('the icon is a 128x128 PNG', () => {
    const png = fs.readFileSync(path.join(REPO, manifest.icon));
    assert.equal(png.subarray(0, 8).toString('hex'), '89504e470d0a1a0a');
    assert.equal(png.subarray(12, 16).toString('ascii'), 'IHDR');
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128]);
  });

  it('npm run package bundles for production and packages without dependencies', () => {
    assert.match(manifest.scripts.package, /node esbuild\.mjs --production/);
    assert.match(manifest.scripts.package, /vsce package --no-dependencies/);
  });
});
