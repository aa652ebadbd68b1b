// npm's `prepare`: builds dist/ in a clone. npm runs it after `npm ci` or `npm install` in the
// clone, for `npm pack`, and when `npm install -g <clone>` links a clone, which installs nothing in
// it: there the build tools (devDependencies: esbuild and the sources it bundles) are installed
// first from package-lock.json, as npm does for a git dependency. An installed tarball never runs
// it: it ships dist/ built.
//
// The repository's .npmrc sets foreground-scripts=false: `npm pack` then keeps this script's banner
// and output off standard output, where pre-commit reads the name of the tarball.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function run(cmd, args, env = process.env) {
  const r = spawnSync(cmd, args, { cwd: REPO, stdio: 'inherit', env });
  if (r.status !== 0) {
    console.error(`seedlint: \`${path.basename(cmd)} ${args.join(' ')}\` failed (${r.error?.message ?? `exit ${r.status}`}): dist/ is not built`);
    process.exit(r.status || 1);
  }
}

if (!fs.existsSync(path.join(REPO, 'node_modules', 'esbuild', 'package.json'))) {
  // The settings of the install that runs this one (global, a prefix, --omit=dev) would turn this
  // local install of the build tools into something else: leave them out.
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (/^npm_config_(global|location|prefix|omit|include|production|only|also|dev|ignore_scripts|install_links|save.*)$/i.test(key)) delete env[key];
  }
  console.error('seedlint: installing the build tools (devDependencies, from package-lock.json) to build dist/');
  const npm = process.env.npm_execpath ? [process.execPath, [process.env.npm_execpath]] : ['npm', []];
  // A bare clone gets exactly the lock file's packages; otherwise the missing ones are added.
  // --ignore-scripts: this script would run again.
  const install = fs.existsSync(path.join(REPO, 'node_modules')) ? ['install', '--no-save'] : ['ci'];
  run(npm[0], [...npm[1], ...install, '--include=dev', '--ignore-scripts', '--no-audit', '--no-fund'], env);
}
run(process.execPath, [path.join(REPO, 'esbuild.mjs')]);
