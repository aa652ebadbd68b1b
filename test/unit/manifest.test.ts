/**
 * The extension manifest (package.json) declares what the extension does and when: untrusted
 * workspaces, activation, settings, commands, schema, grammar, engine and entry point. And the
 * server, which the manifest says needs no workspace trust, holds no way to run workspace content.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';

const REPO = path.resolve(__dirname, '../..');

interface Manifest {
  main: string;
  engines: Record<string, string>;
  activationEvents: string[];
  devDependencies: Record<string, string>;
  capabilities: { untrustedWorkspaces?: { supported: boolean | 'limited'; description?: string; restrictedConfigurations?: string[] } };
  contributes: {
    languages: { id: string; configuration?: string; filenamePatterns?: string[] }[];
    grammars: { language: string; scopeName: string; path: string }[];
    jsonValidation: { fileMatch: string | string[]; url: string }[];
    configuration: { properties: Record<string, { type: string; default: unknown; enum?: string[]; scope?: string; description?: string; markdownDescription?: string }> };
    commands: { command: string; title: string; category?: string }[];
  };
}

const manifest = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as Manifest;
const repoFile = (relative: string) => path.join(REPO, ...relative.replace(/^\.\//, '').split('/'));
const readJson = (relative: string): unknown => JSON.parse(fs.readFileSync(repoFile(relative), 'utf8'));

/** `^1.100.0` or `>=1.2.3` to [1, 100, 0]: the oldest version a range accepts. */
function minimumVersion(range: string): number[] {
  const m = /^(?:\^|~|>=)?\s*(\d+)\.(\d+)\.(\d+)$/.exec(range.trim());
  assert.ok(m, `a simple version range, not ${range}`);
  return m.slice(1).map(Number);
}

function compareVersions(a: number[], b: number[]): number {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

describe('extension manifest', () => {
  it('supports untrusted workspaces and says why in a description', () => {
    const untrusted = manifest.capabilities.untrustedWorkspaces;
    assert.ok(untrusted, 'capabilities.untrustedWorkspaces is declared');
    assert.equal(untrusted.supported, true);
    assert.equal(typeof untrusted.description, 'string');
    assert.ok(untrusted.description!.length >= 40, 'a description that says something');
    assert.match(untrusted.description!, /never runs code/);
  });

  it('activates only on the seed language and on a seedlint.config.json in the workspace', () => {
    assert.deepEqual([...manifest.activationEvents].sort(), ['onLanguage:seed', 'workspaceContains:**/seedlint.config.json']);
    assert.ok(manifest.contributes.languages.some((l) => l.id === 'seed'), 'the seed language is contributed');
  });

  it('has exactly three settings: enable, run and trace.server, each with a type, a default, a scope and a description', () => {
    const props = manifest.contributes.configuration.properties;
    assert.deepEqual(Object.keys(props).sort(), ['seedlint.enable', 'seedlint.run', 'seedlint.trace.server']);
    assert.equal(props['seedlint.enable'].type, 'boolean');
    assert.equal(props['seedlint.enable'].default, true);
    assert.deepEqual(props['seedlint.run'].enum, ['onType', 'onSave']);
    assert.equal(props['seedlint.run'].default, 'onType');
    assert.deepEqual(props['seedlint.trace.server'].enum, ['off', 'messages', 'verbose']);
    assert.equal(props['seedlint.trace.server'].default, 'off');
    for (const [key, p] of Object.entries(props)) {
      assert.ok(p.scope === 'resource' || p.scope === 'window', `${key} has a scope`);
      assert.ok((p.description ?? p.markdownDescription ?? '').length > 0, `${key} has a description`);
      if (p.enum) assert.ok(p.enum.includes(p.default as string), `${key}: the default is one of the values`);
    }
  });

  it('contributes the four commands, titled under "Seedlint", and extension.ts registers exactly those', () => {
    const ids = manifest.contributes.commands.map((c) => c.command).sort();
    assert.deepEqual(ids, ['seedlint.fixAllInFile', 'seedlint.lintCorpus', 'seedlint.restartServer', 'seedlint.showOutput']);
    for (const c of manifest.contributes.commands) {
      assert.equal(c.category, 'Seedlint', c.command);
      assert.ok(c.title.length > 0, c.command);
    }
    const extension = fs.readFileSync(path.join(REPO, 'client', 'src', 'extension.ts'), 'utf8');
    const registered = [...extension.matchAll(/registerCommand\(\s*'([^']+)'/g)].map((m) => m[1]).sort();
    assert.deepEqual(registered, ids);
  });

  it('validates seedlint.config.json against the schema file the engine uses, and that schema compiles', () => {
    assert.equal(manifest.contributes.jsonValidation.length, 1);
    const [validation] = manifest.contributes.jsonValidation;
    assert.deepEqual([validation.fileMatch].flat(), ['seedlint.config.json']);
    assert.match(validation.url, /^\.\//, 'a path inside the extension, not a URL to fetch');
    assert.ok(fs.existsSync(repoFile(validation.url)), `${validation.url} exists`);
    const schema = readJson(validation.url) as { $schema?: string; type?: string };
    assert.equal(schema.type, 'object');
    new Ajv({ strict: false }).compile(schema);
    const engineConfig = fs.readFileSync(path.join(REPO, 'server', 'src', 'engine', 'config.ts'), 'utf8');
    const imported = /import schema from '([^']+)'/.exec(engineConfig)?.[1];
    assert.ok(imported, 'the engine imports a schema');
    assert.equal(path.resolve(REPO, 'server', 'src', 'engine', imported), repoFile(validation.url), 'the editor and the engine validate with the same schema');
  });

  it('has a grammar that exists, parses as JSON and has scopeName text.seed, for the seed language', () => {
    assert.equal(manifest.contributes.grammars.length, 1);
    const [grammar] = manifest.contributes.grammars;
    assert.equal(grammar.language, 'seed');
    assert.equal(grammar.scopeName, 'text.seed');
    assert.ok(fs.existsSync(repoFile(grammar.path)), `${grammar.path} exists`);
    const parsed = readJson(grammar.path) as { scopeName?: string; patterns?: unknown[] };
    assert.equal(parsed.scopeName, 'text.seed');
    assert.ok(Array.isArray(parsed.patterns) && parsed.patterns.length > 0, 'the grammar has patterns');
    for (const lang of manifest.contributes.languages) {
      if (lang.configuration) readJson(lang.configuration);
    }
  });

  it('needs VS Code ^1.100.0 at most, and its @types/vscode are no newer than that', () => {
    const engine = minimumVersion(manifest.engines.vscode);
    assert.ok(compareVersions(engine, [1, 100, 0]) <= 0, `engines.vscode ${manifest.engines.vscode} asks for no more than 1.100.0`);
    // vsce refuses to package when the API types are newer than the engines.vscode range.
    assert.ok(compareVersions(minimumVersion(manifest.devDependencies['@types/vscode']), engine) <= 0, '@types/vscode is no newer than engines.vscode');
  });

  it('starts from ./dist/client.js, which esbuild bundles from client/src/extension.ts', () => {
    assert.equal(manifest.main, './dist/client.js');
    const build = fs.readFileSync(path.join(REPO, 'esbuild.mjs'), 'utf8');
    assert.match(build, /entryPoints: \['client\/src\/extension\.ts'\], outfile: 'dist\/client\.js'/);
  });

  it('the language server holds no way to run workspace content: no eval, no Function, no vm, no child processes, no computed require or import', () => {
    // Everything dist/server.js bundles from our sources (the CLI's own files are not part of it).
    const roots = ['server/src/server.ts', 'server/src/lsp', 'server/src/engine', 'server/src/io', 'server/src/rules', 'server/src/languages'];
    const walk = (rel: string): string[] => {
      const abs = path.join(REPO, rel);
      if (!fs.statSync(abs).isDirectory()) return rel.endsWith('.ts') ? [rel] : [];
      return fs.readdirSync(abs).flatMap((name) => walk(path.join(rel, name)));
    };
    const files = roots.flatMap(walk);
    assert.ok(files.length > 20, `${files.length} source files`);
    // (Ajv compiles our own schema into a function; the config is only ever validated by it, as data.)
    const forbidden = [/\beval\s*\(/, /\bnew\s+Function\b/, /['"]node:vm['"]|['"]vm['"]/, /child_process/, /\brequire\s*\(\s*[^'"\s)]/, /\bimport\s*\(\s*[^'"\s)]/];
    const found: string[] = [];
    for (const file of files) {
      const source = fs.readFileSync(path.join(REPO, file), 'utf8').replace(/^\s*(\/\/|\*).*$/gm, '');
      for (const pattern of forbidden) if (pattern.test(source)) found.push(`${file}: ${pattern}`);
    }
    assert.deepEqual(found, []);
  });
});
