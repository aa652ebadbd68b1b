// Smoke test of the e2e tool chain: code-server + Debian Chromium + playwright-core.
//   bash test/e2e/setup.sh && node test/e2e/smoke.mjs [text file]
// 1. builds a trivial .vsix and installs it with `code-server --install-extension`
//    into a temp extensions dir (offline), and checks `--list-extensions`;
// 2. starts code-server on a temp folder holding a copy of the text file;
// 3. opens the folder and the file in headless Chromium, waits for Monaco to
//    show the file's text and for the test extension to have activated;
// 4. screenshots to test-results/e2e-smoke.png;
// and always kills code-server and Chromium by process id at the end.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  loadPaths, createSandbox, waitFor, startCodeServer, launchChromium, killGroup,
  workbenchUrl, editorText, writeVsix, codeServerCli,
} from './harness.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..', '..');
const source = path.resolve(process.argv[2] || path.join(here, 'fixtures', 'smoke.txt'));
const screenshot = path.join(repoRoot, 'test-results', 'e2e-smoke.png');
const t0 = Date.now();
const log = (m) => console.log(`[smoke +${((Date.now() - t0) / 1000).toFixed(1)}s] ${m}`);

const paths = loadPaths();
const sandbox = createSandbox();
let server;
let chrome;
let page;
let ok = false;

try {
  // --- 1. a trivial extension, installed offline from a .vsix ------------------
  const extId = 'seedlint-e2e.smoke-ext';
  const marker = path.join(sandbox.root, 'activated');
  const vsix = writeVsix(path.join(sandbox.root, 'smoke-ext-0.0.1.vsix'), {
    'package.json': JSON.stringify({
      name: 'smoke-ext', publisher: 'seedlint-e2e', version: '0.0.1',
      engines: { vscode: '^1.100.0' }, main: './extension.js',
      activationEvents: ['onStartupFinished'],
    }),
    'extension.js': `
      const vscode = require('vscode');
      exports.activate = () => {
        require('fs').writeFileSync(process.env.SEEDLINT_SMOKE_MARKER, 'activated ' + vscode.version);
        vscode.window.showInformationMessage('seedlint e2e smoke extension active');
      };`,
  });
  const installOut = await codeServerCli(paths, sandbox, ['--install-extension', vsix]);
  log(`--install-extension: ${installOut.trim().split('\n').pop()}`);
  const listed = await codeServerCli(paths, sandbox, ['--list-extensions', '--show-versions']);
  if (!listed.includes(`${extId}@0.0.1`)) throw new Error(`--list-extensions lacks ${extId}:\n${listed}`);
  log(`--list-extensions: ${listed.trim()}`);

  // --- 2. code-server on a temp folder with a copy of the file -----------------
  const workspace = sandbox.dir('workspace');
  const file = path.join(workspace, path.basename(source));
  fs.copyFileSync(source, file);
  const text = fs.readFileSync(file, 'utf8');
  const expectLines = text.split(/\r?\n/).filter((l) => l.trim()).slice(0, 3);

  server = await startCodeServer(paths, sandbox, {
    folder: workspace,
    env: { SEEDLINT_SMOKE_MARKER: marker },
  });
  log(`code-server pid ${server.proc.pid} on ${server.url}`);

  // --- 3. Chromium opens the folder and the file --------------------------------
  chrome = await launchChromium(paths, sandbox);
  log(`chromium pid ${chrome.proc.pid}, ${chrome.browser.version()}`);
  const context = chrome.browser.contexts()[0];
  page = await context.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(workbenchUrl(server, workspace, file), { waitUntil: 'domcontentloaded' });

  await waitFor(`Monaco to show ${path.basename(file)}`, async () => {
    const shown = await editorText(page);
    return expectLines.every((l) => shown.includes(l));
  }, { timeoutMs: 120_000 });
  log('editor shows the file');
  const tab = await page.locator('.tabs-container .tab').first().getAttribute('aria-label');
  log(`active tab: ${tab}`);

  await waitFor('test extension activation', () => fs.existsSync(marker), { timeoutMs: 60_000 });
  log(`extension: ${fs.readFileSync(marker, 'utf8')}`);
  await waitFor('extension notification', async () =>
    (await page.locator('.notification-toast').allInnerTexts()).some((t) => t.includes('smoke extension active')),
  { timeoutMs: 30_000 });

  // --- 4. screenshot -------------------------------------------------------------
  fs.mkdirSync(path.dirname(screenshot), { recursive: true });
  await page.screenshot({ path: screenshot });
  log(`screenshot ${path.relative(repoRoot, screenshot)}`);
  ok = true;
} catch (e) {
  console.error(`[smoke] FAILED: ${e.stack || e}`);
  if (server) console.error(`--- code-server output (tail) ---\n${server.proc.output.slice(-4000)}`);
  if (chrome) console.error(`--- chromium output (tail) ---\n${chrome.proc.output.slice(-2000)}`);
  process.exitCode = 1;
  if (page) {
    const shot = screenshot.replace(/\.png$/, '-failure.png');
    fs.mkdirSync(path.dirname(shot), { recursive: true });
    await page.screenshot({ path: shot, timeout: 10_000 })
      .then(() => console.error(`[smoke] failure screenshot ${path.relative(repoRoot, shot)}`), () => {});
  }
} finally {
  if (chrome) {
    await chrome.browser.close().catch(() => {});
    await killGroup(chrome.proc);
  }
  if (server) await killGroup(server.proc);
  if (ok || !process.env.SEEDLINT_E2E_KEEP) sandbox.remove();
  else console.error(`[smoke] kept ${sandbox.root}`);
  log(ok ? '1 passed, 0 failed' : '0 passed, 1 failed');
}
