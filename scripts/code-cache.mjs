// Makes the V8 code caches of dist/{server,cli,worker}.bundle.js for this Node after a build: runs
// each program once over the demo corpus (seeds/, read only); finding no cache, the loader writes
// one of everything that run compiled (server/src/boot/codeCache.ts). A cache is only an
// optimisation: if this fails, the build says so and goes on.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const PROGRAMS = ['server', 'cli', 'worker'];
const TIMEOUT_MS = 60_000;

function run(args, { cwd, input } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd, env: { ...process.env, SEEDLINT_CODE_CACHE: 'on' }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill(), TIMEOUT_MS);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      // The CLI exits 1 when it finds problems, as it does on seeds/.
      if (code === 0 || code === 1) resolve(child);
      else reject(new Error(`${args.join(' ')} exited with ${code ?? signal}: ${stderr.trim()}`));
    });
    if (input) input(child);
    else child.stdout.resume();
  });
}

/** An LSP session like an editor's: open the seeds, pull diagnostics, ask for fixes, type, close. */
function serverSession(repo, seeds) {
  const rpc = require('vscode-languageserver-protocol/node');
  return run([path.join(repo, 'dist/server.js'), '--stdio'], {
    cwd: repo,
    input: async (child) => {
      const conn = rpc.createProtocolConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
      conn.onRequest('workspace/configuration', (p) => p.items.map(() => ({ enable: true, run: 'onType' })));
      conn.onRequest('client/registerCapability', () => null);
      conn.onRequest('workspace/diagnostic/refresh', () => null);
      conn.listen();
      const rootUri = pathToFileURL(repo).href;
      try {
        await conn.sendRequest('initialize', {
          processId: process.pid,
          rootUri,
          workspaceFolders: [{ uri: rootUri, name: 'seedlint' }],
          capabilities: { textDocument: { diagnostic: {}, publishDiagnostics: { versionSupport: true }, codeAction: {} }, workspace: { configuration: true, workspaceFolders: true } },
        });
        conn.sendNotification('initialized', {});
        for (const file of seeds) {
          const uri = pathToFileURL(file).href;
          const text = fs.readFileSync(file, 'utf8');
          conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'seed', version: 1, text } });
          const report = await conn.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
          const diagnostics = report.items ?? [];
          for (const d of diagnostics.slice(0, 5)) await conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
          const line = Math.min(2, text.split('\n').length - 1);
          conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: 'x' }] });
          await conn.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
          conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
        }
        await conn.sendRequest('shutdown');
        conn.sendNotification('exit');
      } catch (e) {
        process.stderr.write(`code cache: the server session failed: ${e.message}\n`);
        child.kill();
      }
    },
  });
}

export async function writeCodeCaches(repo) {
  const dist = path.join(repo, 'dist');
  // Caches of earlier builds, for any V8: stale now, and this run writes only where there is none.
  for (const f of fs.readdirSync(dist)) if (PROGRAMS.some((p) => f.startsWith(`${p}.bundle.js.`) && f.endsWith('.cache'))) fs.rmSync(path.join(dist, f));
  const seedsDir = path.join(repo, 'seeds');
  const cli = path.join(dist, 'cli.js');
  try {
    const seeds = fs.readdirSync(seedsDir).filter((f) => f.endsWith('.txt')).sort().map((f) => path.join(seedsDir, f));
    // In this thread first, so that the CLI's cache holds the lint path; then in worker threads.
    await run([cli, '--format', 'json', seedsDir], { cwd: repo });
    await run([cli, '--workers', '2', '--format', 'json', seedsDir], { cwd: repo });
    await serverSession(repo, seeds);
  } catch (e) {
    process.stderr.write(`code cache: not made (${e.message}); the programs compile at start instead.\n`);
    return;
  }
  const made = fs.readdirSync(dist).filter((f) => f.endsWith('.cache'));
  const missing = PROGRAMS.filter((p) => !made.some((f) => f.startsWith(`${p}.bundle.js.`)));
  if (missing.length) process.stderr.write(`code cache: none made for ${missing.join(', ')}; they compile at start instead.\n`);
}
