// npm's `prepare`: builds dist/ in a clone. npm runs it after `npm ci` or `npm install` in the
// clone, before `npm pack`, and when `npm install -g <clone>` links a clone, which installs
// nothing in it: there the build tools (devDependencies: esbuild, and the sources it bundles) are
// installed first from package-lock.json, as npm itself does for a git dependency. An installed
// tarball never runs it: it ships dist/ built.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function run(cmd, args, env = process.env) {
  const r = spawnSync(cmd, args, { cwd: REPO, stdio: 'inherit', env, shell: process.platform === 'win32' });
  if (r.status !== 0) {
    console.error(`seedlint prepare: \`${cmd} ${args.join(' ')}\` failed (${r.error?.message ?? `exit ${r.status}`})`);
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
  console.error('seedlint prepare: installing the build tools (devDependencies, from package-lock.json) to build dist/ ...');
  const npm = process.env.npm_execpath ? [process.execPath, [process.env.npm_execpath]] : ['npm', []];
  // --ignore-scripts: this script would run again.
  run(npm[0], [...npm[1], 'ci', '--include=dev', '--ignore-scripts', '--no-audit', '--no-fund'], env);
}
run(process.execPath, [path.join(REPO, 'esbuild.mjs')]);
