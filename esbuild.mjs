// Bundles the client, the server and the CLI into dist/. The server and CLI carry every
// dependency (language data included); the client leaves `vscode` to the editor.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const REPO = path.dirname(fileURLToPath(import.meta.url));

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  // Whitespace and syntax always: a smaller bundle starts sooner (about 10 ms of the server's start,
  // measured in turn). Names only for the package: development keeps them for profiles and stacks,
  // and its source maps lead back to the sources.
  minifyWhitespace: true,
  minifySyntax: true,
  minifyIdentifiers: production,
  legalComments: 'none',
  logLevel: 'warning',
  // Rule docs: the Markdown file beside each rule, as its text.
  loader: { '.md': 'text' },
  absWorkingDir: REPO,
};

/**
 * The config schema compiled to a validator at build time (ajv's standalone code): the bundle then
 * neither carries ajv's compiler (about 260 kB) nor runs it at start-up (about 60 ms before the
 * first lint). `import Ajv from 'ajv'` in engine/config.ts gets a stand-in whose `compile` hands back
 * the precompiled validator for the shipped schema; it refuses any other schema or options.
 */
const SCHEMA_FILE = path.join(REPO, 'schemas/seedlint.config.schema.json');
const AJV_OPTIONS = { allErrors: false, strict: false };
/** The options that change what a validator reports, with ajv's defaults. */
const AJV_RESULT_OPTIONS = { allErrors: false, messages: true, $data: false, coerceTypes: false, useDefaults: false, removeAdditional: false };
const precompiledAjv = {
  name: 'precompiled-ajv',
  setup(build) {
    build.onResolve({ filter: /^ajv$/ }, (args) => (args.importer.endsWith(path.join('engine', 'config.ts')) ? { path: 'ajv', namespace: 'precompiled-ajv' } : undefined));
    build.onResolve({ filter: /^precompiled-ajv:validator$/ }, () => ({ path: 'validator', namespace: 'precompiled-ajv' }));
    build.onLoad({ filter: /^ajv$/, namespace: 'precompiled-ajv' }, () => ({
      resolveDir: REPO,
      loader: 'js',
      contents: `
import validate from 'precompiled-ajv:validator';
import schema from ${JSON.stringify(SCHEMA_FILE)};
const DEFAULTS = ${JSON.stringify(AJV_RESULT_OPTIONS)};
const BUILT_WITH = ${JSON.stringify({ ...AJV_RESULT_OPTIONS, ...AJV_OPTIONS })};
export default class PrecompiledAjv {
  constructor(options = {}) {
    for (const k of Object.keys(DEFAULTS)) {
      if ((options[k] ?? DEFAULTS[k]) !== BUILT_WITH[k]) throw new Error('seedlint build: the config validator was precompiled with ' + k + ' = ' + BUILT_WITH[k] + ': update esbuild.mjs');
    }
  }
  compile(s) {
    if (s !== schema) throw new Error('seedlint build: only the shipped config schema is precompiled: update esbuild.mjs');
    return validate;
  }
}
`,
    }));
    build.onLoad({ filter: /^validator$/, namespace: 'precompiled-ajv' }, async () => {
      const { default: Ajv } = await import('ajv');
      const { default: standaloneCode } = await import('ajv/dist/standalone/index.js');
      const ajv = new Ajv({ ...AJV_OPTIONS, code: { source: true } });
      const schema = JSON.parse(fs.readFileSync(SCHEMA_FILE, 'utf8'));
      return { contents: standaloneCode(ajv, ajv.compile(schema)), resolveDir: REPO, loader: 'js', watchFiles: [SCHEMA_FILE] };
    });
  },
};

/**
 * Language data (our JSON files and franc's trigram tables, about 640 kB) as `JSON.parse` of one
 * string instead of object literals: V8 parses JSON faster than it builds literals, which shows at
 * start-up (about 7 ms less in the bundle's top level, in CPU profiles of the server's start).
 */
const dataAsJson = {
  name: 'data-as-json',
  setup(build) {
    build.onLoad({ filter: /[\\/]server[\\/]src[\\/]languages[\\/][^\\/]+\.json$/ }, async (args) => ({
      contents: `export default JSON.parse(${JSON.stringify(JSON.stringify(JSON.parse(await fs.promises.readFile(args.path, 'utf8'))))});`,
      loader: 'js',
    }));
    build.onLoad({ filter: /[\\/]node_modules[\\/]franc[\\/]data\.js$/ }, async (args) => {
      const { data } = await import(args.path);
      return { contents: `export const data = JSON.parse(${JSON.stringify(JSON.stringify(data))});`, loader: 'js' };
    });
  },
};

/**
 * dist/server.js, cli.js and worker.js are small loaders that run their `*.bundle.js` with V8's
 * code cache (server/src/boot/codeCache.ts); scripts/code-cache.mjs makes the caches after a build.
 */
const loader = (name, flags, extra = {}) => ({
  ...common,
  sourcemap: false,
  stdin: {
    contents: `import * as path from 'node:path';\nimport { runBundle, ${flags} } from './boot/codeCache';\nrunBundle(path.join(__dirname, '${name}.bundle.js'), module, ${flags});\n`,
    resolveDir: path.join(REPO, 'server/src'),
    sourcefile: `${name}-loader.ts`,
    loader: 'ts',
  },
  outfile: `dist/${name}.js`,
  ...extra,
});

const builds = [
  { ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] },
  { ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.bundle.js', plugins: [precompiledAjv, dataAsJson] },
  { ...common, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.bundle.js', plugins: [precompiledAjv, dataAsJson] },
  { ...common, entryPoints: ['server/src/worker.ts'], outfile: 'dist/worker.bundle.js', plugins: [precompiledAjv, dataAsJson] },
  loader('server', 'V8_FLAGS'),
  loader('cli', 'CLI_V8_FLAGS', { banner: { js: '#!/usr/bin/env node' } }),
  loader('worker', 'CLI_V8_FLAGS'),
];

if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
  const { writeCodeCaches } = await import('./scripts/code-cache.mjs');
  await writeCodeCaches(REPO);
}
