// Helpers to drive a real VS Code (code-server) with Debian's Chromium.
// No dependencies but what test/e2e/setup.sh installed; it writes their paths
// to <cache>/paths.json, which loadPaths() reads.
import { spawn, execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { promisify } from 'node:util';

const execFileP = promisify(execFile);

export const cacheDir = () =>
  process.env.SEEDLINT_E2E_CACHE || path.join(os.homedir(), '.cache', 'seedlint-e2e');

/** { codeServer, playwrightCore, chromium, ... } as written by setup.sh. */
export function loadPaths() {
  const file = path.join(cacheDir(), 'paths.json');
  if (!fs.existsSync(file)) {
    throw new Error(`${file} missing: run "bash test/e2e/setup.sh" first`);
  }
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

export function loadPlaywright(paths = loadPaths()) {
  return createRequire(import.meta.url)(paths.playwrightCore);
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
// A sleep that does not keep the process alive (for Promise.race deadlines).
const idle = (ms) => new Promise((r) => setTimeout(r, ms).unref());

/** Polls fn() until it returns a truthy value; throws after timeoutMs. */
export async function waitFor(what, fn, { timeoutMs = 60_000, intervalMs = 250 } = {}) {
  const deadline = Date.now() + timeoutMs;
  let lastErr;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) {
      lastErr = e;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}` +
        (lastErr ? ` (last error: ${lastErr.message})` : ''));
    }
    await sleep(intervalMs);
  }
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

export const mkTemp = (prefix) => fs.mkdtempSync(path.join(os.tmpdir(), prefix));

/**
 * A throw-away root for one test run: code-server's user data, extensions,
 * config and logs, Chromium's profile, and a TMPDIR for both (VS Code's IPC
 * sockets, Chromium's singleton dirs), so nothing lands in $HOME or /tmp.
 * Call remove() after the processes are gone.
 */
export function createSandbox(prefix = 'seedlint-e2e-') {
  const root = mkTemp(prefix);
  const dir = (name) => { const d = path.join(root, name); fs.mkdirSync(d, { recursive: true }); return d; };
  const tmp = dir('tmp');
  const env = {
    ...process.env,
    TMPDIR: tmp,
    XDG_RUNTIME_DIR: tmp,
    XDG_CONFIG_HOME: dir('xdg-config'),
    XDG_DATA_HOME: dir('xdg-data'),
    XDG_CACHE_HOME: dir('xdg-cache'),
  };
  return {
    root, tmp, env,
    userDataDir: dir('user-data'),
    extensionsDir: dir('extensions'),
    chromiumProfile: dir('chromium-profile'),
    dir,
    remove: () => fs.rmSync(root, { recursive: true, force: true }),
  };
}

/** The extension's log files (its LogOutputChannel, one per window) under the sandbox's user data, newest first. */
export function extensionLogFiles(sandbox, extensionId = 'seedlint.seedlint') {
  const found = [];
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (path.basename(dir) === extensionId && e.name.endsWith('.log')) found.push(p);
    }
  };
  const logs = path.join(sandbox.userDataDir, 'logs');
  if (fs.existsSync(logs)) walk(logs);
  return found.sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs);
}

/** A spawned process in its own process group, with its output kept. */
function spawnGroup(cmd, args, opts = {}) {
  const child = spawn(cmd, args, { ...opts, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  child.output = '';
  const keep = (d) => {
    child.output += d.toString();
    if (child.output.length > 200_000) child.output = child.output.slice(-100_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  child.exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  child.on('error', (e) => keep(`spawn error: ${e.message}\n`));
  return child;
}

/**
 * Kills a process started by spawnGroup, and its children, by its process id
 * (the process-group id is the same number): SIGTERM, then SIGKILL after graceMs.
 */
export async function killGroup(child, graceMs = 5_000) {
  if (!child || !child.pid) return;
  const alive = () => child.exitCode === null && child.signalCode === null;
  const signal = (sig) => {
    try { process.kill(-child.pid, sig); } catch { /* already gone */ }
  };
  if (alive()) {
    signal('SIGTERM');
    const done = await Promise.race([child.exited.then(() => true), idle(graceMs).then(() => false)]);
    if (!done) {
      signal('SIGKILL');
      await Promise.race([child.exited, idle(graceMs)]);
    }
  }
  signal('SIGKILL'); // stragglers left in the group after the leader exited
}

/** Runs the code-server CLI (e.g. --install-extension) on the sandbox; returns its output. */
export async function codeServerCli(paths, sandbox, args, { timeoutMs = 120_000 } = {}) {
  const { stdout, stderr } = await execFileP(paths.codeServer, [
    '--extensions-dir', sandbox.extensionsDir,
    '--user-data-dir', sandbox.userDataDir,
    ...args,
  ], { timeout: timeoutMs, env: sandbox.env });
  return stdout + stderr;
}

/**
 * Starts code-server on 127.0.0.1:<free port> with the sandbox's user data and
 * extensions folders. Resolves once /healthz answers.
 */
export async function startCodeServer(paths, sandbox, {
  folder,
  settings = {},
  env = {},
  timeoutMs = 60_000,
} = {}) {
  const port = await freePort();
  const { userDataDir, extensionsDir } = sandbox;
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify({
    'security.workspace.trust.enabled': false,
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    ...settings,
  }, null, 2));
  const args = [
    '--extensions-dir', extensionsDir,
    '--user-data-dir', userDataDir,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--bind-addr', `127.0.0.1:${port}`,
  ];
  if (folder) args.push(folder);
  const proc = spawnGroup(paths.codeServer, args, { env: { ...sandbox.env, ...env } });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitFor('code-server /healthz', async () => {
      if (proc.exitCode !== null) throw new Error(`code-server exited early:\n${proc.output}`);
      const res = await fetch(`${url}/healthz`);
      return res.ok;
    }, { timeoutMs });
  } catch (e) {
    await killGroup(proc);
    throw e;
  }
  return { proc, port, url };
}

/**
 * code-server URL that opens `folder` and, if given, `file` in an editor.
 * The file URI must carry the remote authority (code-server's host:port): with
 * an empty one (`vscode-remote:///path`) the editor shows the text, but the
 * extension host never sees a `file:` document, so no language server lints it.
 */
export function workbenchUrl(server, folder, file) {
  let u = `${server.url}/?folder=${encodeURIComponent(folder)}`;
  if (file) {
    const payload = JSON.stringify([['openFile', `vscode-remote://${new URL(server.url).host}${file}`]]);
    u += `&payload=${encodeURIComponent(payload)}`;
  }
  return u;
}

export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--window-size=1280,800',
];

/**
 * Starts /usr/bin/chromium itself (so the test owns its process id) with the
 * sandbox's fresh profile, and connects playwright-core to it over CDP.
 */
export async function launchChromium(paths, sandbox, { timeoutMs = 60_000, extraArgs = [] } = {}) {
  const { chromium } = loadPlaywright(paths);
  const proc = spawnGroup(paths.chromium, [
    ...CHROMIUM_FLAGS,
    `--user-data-dir=${sandbox.chromiumProfile}`,
    '--remote-debugging-address=127.0.0.1',
    '--remote-debugging-port=0',
    ...extraArgs,
    'about:blank',
  ], { env: sandbox.env });
  try {
    const wsEndpoint = await waitFor('Chromium DevTools endpoint', () => {
      if (proc.exitCode !== null) throw new Error(`chromium exited early:\n${proc.output}`);
      const m = /DevTools listening on (ws:\/\/\S+)/.exec(proc.output);
      return m && m[1];
    }, { timeoutMs });
    const browser = await chromium.connectOverCDP(wsEndpoint, { timeout: timeoutMs });
    return { proc, browser };
  } catch (e) {
    await killGroup(proc);
    throw e;
  }
}

/** Text of every Monaco editor on the page, spaces normalised. */
export async function editorText(page) {
  return page.evaluate(() => Array.from(document.querySelectorAll('.monaco-editor .view-lines'))
    .map((el) => el.innerText.replace(/\u00a0/g, ' '))
    .join('\n'));
}

// ---- a minimal .vsix writer (zip, stored entries), for test extensions ----

function zipStore(files) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const [name, content] of Object.entries(files)) {
    const data = Buffer.from(content);
    const nameBuf = Buffer.from(name, 'utf8');
    const crc = zlib.crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);          // version needed
    local.writeUInt16LE(0x0800, 6);      // UTF-8 names
    local.writeUInt16LE(0, 8);           // stored
    local.writeUInt16LE(0, 10);          // time
    local.writeUInt16LE(0x21, 12);       // date 1980-01-01
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBuf.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(0, 10);
    central.writeUInt16LE(0, 12);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBuf.length, 28);
    central.writeUInt32LE(offset, 42);   // other fields stay 0
    locals.push(local, nameBuf, data);
    centrals.push(central, nameBuf);
    offset += local.length + nameBuf.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/**
 * Writes a .vsix holding `files` under extension/ (must include package.json
 * with publisher, name, version, engines.vscode) and returns its path.
 */
export function writeVsix(outFile, files) {
  const pkg = JSON.parse(files['package.json']);
  const manifest = `<?xml version="1.0" encoding="utf-8"?>
<PackageManifest Version="2.0.0" xmlns="http://schemas.microsoft.com/developer/vsx-schema/2011" xmlns:d="http://schemas.microsoft.com/developer/vsx-schema-design/2011">
  <Metadata>
    <Identity Language="en-US" Id="${pkg.name}" Version="${pkg.version}" Publisher="${pkg.publisher}" />
    <DisplayName>${pkg.displayName || pkg.name}</DisplayName>
    <Description xml:space="preserve">${pkg.description || ''}</Description>
    <Properties>
      <Property Id="Microsoft.VisualStudio.Code.Engine" Value="${pkg.engines.vscode}" />
    </Properties>
  </Metadata>
  <Installation>
    <InstallationTarget Id="Microsoft.VisualStudio.Code" />
  </Installation>
  <Dependencies />
  <Assets>
    <Asset Type="Microsoft.VisualStudio.Code.Manifest" Path="extension/package.json" Addressable="true" />
  </Assets>
</PackageManifest>
`;
  const contentTypes = `<?xml version="1.0" encoding="utf-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension=".json" ContentType="application/json" /><Default Extension=".js" ContentType="application/javascript" /><Default Extension=".vsixmanifest" ContentType="text/xml" /></Types>
`;
  const entries = { '[Content_Types].xml': contentTypes, 'extension.vsixmanifest': manifest };
  for (const [name, content] of Object.entries(files)) entries[`extension/${name}`] = content;
  fs.writeFileSync(outFile, zipStore(entries));
  return outFile;
}
