// Extension activation in a real VS Code: the e2e tool chain (code-server driven by Debian's
// Chromium, test/e2e/harness.mjs) with a .vsix of the current dist/. Each round opens a seed file
// in a new window, which starts a new extension host: the extension activates, starts the server
// and the editor draws the squiggles. The extension logs its own activation time
// ("seedlint activated in N ms (client A ms, server start and initialize B ms)"); the round also
// takes the wall time from opening the page to the first squiggle, which includes VS Code's own
// workbench start.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createSandbox, codeServerCli, extensionLogFiles, killGroup, launchChromium, loadPaths, startCodeServer, waitFor, workbenchUrl, writeVsix } from '../test/e2e/harness.mjs';

const SEED = '004_936c4cfa7d2d837d.txt';
const ACTIVATED = /seedlint activated in (\d+) ms \(client (\d+) ms, server start and initialize (\d+) ms\)/g;
const READY = /seedlint server ready in (\d+) ms/g;
const WAIT = { timeoutMs: 90_000 };

/** The files package.json's `files` lets into the package (vsce and npm read the same list), read from the repo as they are now. */
export function packagedFiles(repo) {
  const patterns = JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8')).files
    .map((l) => new RegExp(`^${l.trim().replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*\*\//g, '\u0000').replace(/\*/g, '[^/]*').replace(/\u0000/g, '(?:.*/)?')}$`));
  const files = { 'package.json': fs.readFileSync(path.join(repo, 'package.json')) };
  const walk = (rel) => {
    for (const e of fs.readdirSync(path.join(repo, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (!rel && ['node_modules', '.git', 'bench', 'test', 'test-results', '.scratch'].includes(e.name)) continue;
        walk(child);
      } else if (patterns.some((p) => p.test(child))) files[child] = fs.readFileSync(path.join(repo, child));
    }
  };
  walk('');
  return files;
}

/** Every activation line the extension has logged so far, in all its windows' logs. */
function activations(sandbox) {
  const found = [];
  for (const file of extensionLogFiles(sandbox).reverse()) {
    const text = fs.readFileSync(file, 'utf8');
    // The server's own count, from its process start to handling `initialized`.
    const ready = [...text.matchAll(READY)].map((m) => +m[1]);
    for (const m of text.matchAll(ACTIVATED)) found.push({ file, activationMs: +m[1], clientMs: +m[2], serverStartMs: +m[3], serverReadyMs: ready[ready.length - 1] });
  }
  return found;
}

/**
 * Resolves with { vscode, rounds: [...] }, or { skipped: reason } when the tool chain is not set up
 * (`bash test/e2e/setup.sh`, which `npm test` runs, installs it).
 */
export async function measureActivation({ repo, rounds = 3, log = () => {} }) {
  let paths;
  try {
    paths = loadPaths();
  } catch {
    return { skipped: 'code-server is not set up (bash test/e2e/setup.sh)' };
  }
  if (!fs.existsSync(paths.codeServer) || !fs.existsSync(paths.chromium)) return { skipped: 'code-server or Chromium is missing (bash test/e2e/setup.sh)' };
  const sandbox = createSandbox('seedlint-bench-');
  let server;
  let chrome;
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8'));
    const vsix = writeVsix(path.join(sandbox.root, `${pkg.name}-${pkg.version}.vsix`), packagedFiles(repo));
    const installed = await codeServerCli(paths, sandbox, ['--install-extension', vsix]);
    if (!/successfully installed/.test(installed)) throw new Error(`the .vsix did not install:\n${installed}`);
    const extDir = path.join(sandbox.extensionsDir, fs.readdirSync(sandbox.extensionsDir).find((d) => d.startsWith(`${pkg.publisher}.${pkg.name}-`)));
    const workspace = sandbox.dir('workspace');
    fs.mkdirSync(path.join(workspace, 'seeds'));
    fs.copyFileSync(path.join(repo, 'seeds', SEED), path.join(workspace, 'seeds', SEED));
    server = await startCodeServer(paths, sandbox, { folder: workspace, settings: { 'git.enabled': false, 'workbench.enableExperiments': false, 'extensions.ignoreRecommendations': true } });
    chrome = await launchChromium(paths, sandbox);
    const context = chrome.browser.contexts()[0];
    const vscodeVersion = /with Code (\d+\.\d+\.\d+)/.exec(await codeServerCli(paths, sandbox, ['--version']))?.[1] ?? 'unknown';
    const out = [];
    for (let k = 0; k < rounds; k++) {
      const before = activations(sandbox).length;
      const cached = fs.readdirSync(path.join(extDir, 'dist')).some((f) => f.startsWith('server.bundle.js.') && f.endsWith('.cache'));
      const page = await context.newPage();
      await page.setViewportSize({ width: 1280, height: 800 });
      const opened = performance.now();
      await page.goto(workbenchUrl(server, workspace, path.join(workspace, 'seeds', SEED)), { waitUntil: 'domcontentloaded' });
      await waitFor('a squiggle in the editor', () => page.evaluate(() => document.querySelectorAll('.monaco-editor .squiggly-error, .monaco-editor .squiggly-warning, .monaco-editor .squiggly-info').length > 0), WAIT);
      const openToSquigglesMs = Math.round(performance.now() - opened);
      const logged = await waitFor('the activation line in the extension log', () => {
        const all = activations(sandbox);
        return all.length > before && all[all.length - 1];
      }, WAIT);
      out.push({ activationMs: logged.activationMs, clientMs: logged.clientMs, serverStartMs: logged.serverStartMs, serverReadyMs: logged.serverReadyMs, openToSquigglesMs, codeCache: cached });
      log(`  round ${k + 1}: activated in ${logged.activationMs} ms (server start and initialize ${logged.serverStartMs} ms, the server counts ${logged.serverReadyMs} ms to \`initialized\`), squiggles ${openToSquigglesMs} ms after opening; code cache ${cached ? 'present' : 'absent'}`);
      await page.close();
    }
    return { vscode: vscodeVersion, codeServer: paths.codeServerVersion, rounds: out };
  } finally {
    if (chrome) {
      await chrome.browser.close().catch(() => {});
      await killGroup(chrome.proc);
    }
    if (server) await killGroup(server.proc);
    sandbox.remove();
  }
}

// Alone: node bench/activation.mjs [rounds]
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const repo = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
  console.log(JSON.stringify(await measureActivation({ repo, rounds: Number(process.argv[2] ?? 3), log: (s) => process.stderr.write(`${s}\n`) }), null, 2));
}
