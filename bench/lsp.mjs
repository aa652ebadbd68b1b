// Editor latency through the real language server over stdio: from `didChange` to fresh
// diagnostics, in push mode (server-side debounce reported apart and subtracted) and in pull
// mode (`textDocument/diagnostic` after each change: no debounce).
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { prng } from './prng.mjs';

const require = createRequire(import.meta.url);
const rpc = require('vscode-languageserver-protocol/node');

export function percentile(xs, p) {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

/** CPU time (user + system, ms) a process has used so far, from /proc; undefined where there is none. */
export function cpuMsOf(pid) {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return undefined;
  }
}
/** USER_HZ: /proc counts CPU time in these ticks (100 on Linux). */
const CLOCK_TICKS = 100;

export const median = (xs) => percentile(xs, 50);

/** The server's push debounce, read from its source (the bench runs in a clone). */
export function readDebounceMs(repo) {
  try {
    const src = fs.readFileSync(path.join(repo, 'server/src/server.ts'), 'utf8');
    const m = /const DEBOUNCE_MS\s*=\s*(\d+)/.exec(src);
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** Starts the server, initializes it, returns the connection and a stopper. */
async function startServer(serverJs, rootDir, pull, env) {
  const t0 = performance.now();
  const child = spawn(process.execPath, [serverJs, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, ...env } });
  let exited;
  child.on('exit', (code, signal) => (exited = `the server exited (code ${code}, signal ${signal})`));
  child.stdin.on('error', () => {});
  const conn = rpc.createProtocolConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
  const published = [];
  const waiters = [];
  conn.onNotification('textDocument/publishDiagnostics', (p) => {
    const at = performance.now();
    published.push({ ...p, at });
    for (const w of [...waiters]) if (w.test(p)) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve({ p, at });
    }
  });
  conn.onRequest('workspace/configuration', (params) => params.items.map(() => ({ enable: true, run: 'onType' })));
  conn.onRequest('client/registerCapability', () => null);
  conn.onRequest('workspace/diagnostic/refresh', () => null);
  conn.onNotification('window/logMessage', (m) => {
    if (m.type === 1) process.stderr.write(`server: ${m.message}\n`);
  });
  conn.listen();
  const rootUri = pathToFileURL(rootDir).href;
  await conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri,
    workspaceFolders: [{ uri: rootUri, name: 'bench' }],
    capabilities: {
      textDocument: {
        synchronization: { didSave: true },
        publishDiagnostics: { versionSupport: true },
        ...(pull ? { diagnostic: { dynamicRegistration: false } } : {}),
      },
      workspace: { configuration: true, workspaceFolders: true },
    },
  });
  conn.sendNotification('initialized', {});
  const waitPublish = (test, timeoutMs = 60000) =>
    new Promise((resolve, reject) => {
      const hit = published.find((x) => test(x));
      if (hit) return resolve({ p: hit, at: hit.at });
      const w = { test, resolve };
      waiters.push(w);
      setTimeout(() => reject(new Error('timed out waiting for diagnostics')), timeoutMs).unref();
    });
  const alive = () => {
    if (exited) throw new Error(exited);
  };
  const stop = async () => {
    try {
      await conn.sendRequest('shutdown');
      await conn.sendNotification('exit').catch(() => {});
    } catch {
      /* gone */
    }
    conn.dispose();
    child.kill();
  };
  return { conn, t0, waitPublish, stop, published, alive, pid: child.pid };
}

/** Node's own start and exit (`node -e 0`), median of `runs`: the floor under any server start. */
export function nodeStartMs(runs = 5) {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    spawnSync(process.execPath, ['-e', '0']);
    samples.push(performance.now() - t);
  }
  return median(samples);
}

/** A typing session: `count` single-character edits, typed in runs of 20 at random places of the body. */
function planEdits(text, count, seed) {
  const rnd = prng(seed);
  const lines = text.split('\n');
  const edits = [];
  let line = 0;
  let ch = 0;
  for (let k = 0; k < count; k++) {
    if (k % 20 === 0) {
      // A new place: a random body line long enough, at a random column.
      do line = 1 + rnd.int(lines.length - 1);
      while (lines[line].length < 20);
      ch = rnd.int(lines[line].length);
    }
    // Mostly letters, sometimes a space or a backspace, as people type.
    const r = rnd.next();
    if (r < 0.1 && ch > 0) {
      edits.push({ range: { start: { line, character: ch - 1 }, end: { line, character: ch } }, text: '' });
      lines[line] = lines[line].slice(0, ch - 1) + lines[line].slice(ch);
      ch--;
    } else {
      const c = r < 0.25 ? ' ' : 'abcdefghijklmnopqrstuvwxyz'[rnd.int(26)];
      edits.push({ range: { start: { line, character: ch }, end: { line, character: ch } }, text: c });
      lines[line] = lines[line].slice(0, ch) + c + lines[line].slice(ch);
      ch++;
    }
  }
  return edits;
}

/** Starts a server, opens `file` and waits for its first diagnostics: wall time from spawn, and the server's CPU time by then. */
async function startToFirstDiagnostics({ serverJs, rootDir, uri, text, pull, env }) {
  const server = await startServer(serverJs, rootDir, pull, env);
  const { conn } = server;
  conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'seed', version: 1, text } });
  let firstAt;
  let firstCount;
  if (pull) {
    const r = await conn.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
    firstAt = performance.now();
    firstCount = r.items?.length ?? 0;
  } else {
    const { p, at } = await server.waitPublish((p) => p.uri === uri && p.version === 1);
    firstAt = at;
    firstCount = p.diagnostics.length;
  }
  return { server, ms: firstAt - server.t0, cpuMs: cpuMsOf(server.pid), count: firstCount };
}

/**
 * Measures one document: server start to first diagnostics (`starts` times, as one start is too
 * noisy to go by on a shared machine: the median is reported, and the server's CPU time), then
 * `edits` single-character edits, each waited for (push: a publish with the new version; pull:
 * the diagnostic response), with the server's CPU time per edit.
 */
export async function measureDocument({ serverJs, rootDir, file, edits = 200, pull, debounceMs = 0, seed = 7, starts = 5, env = {} }) {
  const text = fs.readFileSync(file, 'utf8');
  const uri = pathToFileURL(file).href;
  const startSamples = [];
  const startCpu = [];
  for (let i = 1; i < starts; i++) {
    const s = await startToFirstDiagnostics({ serverJs, rootDir, uri, text, pull, env });
    await s.server.stop();
    startSamples.push(s.ms);
    if (s.cpuMs !== undefined) startCpu.push(s.cpuMs);
  }
  const first = await startToFirstDiagnostics({ serverJs, rootDir, uri, text, pull, env });
  const { server } = first;
  const { conn } = server;
  startSamples.push(first.ms);
  if (first.cpuMs !== undefined) startCpu.push(first.cpuMs);
  let version = 1;
  const firstCount = first.count;
  const latencies = [];
  const cpuBefore = cpuMsOf(server.pid);
  let lastCount = firstCount;
  let resultId;
  for (const change of planEdits(text, edits, seed)) {
    server.alive();
    version++;
    const t = performance.now();
    conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
    if (pull) {
      const r = await conn.sendRequest('textDocument/diagnostic', { textDocument: { uri }, previousResultId: resultId });
      resultId = r.resultId;
      if (r.kind === 'full') lastCount = r.items.length;
      latencies.push(performance.now() - t);
    } else {
      const v = version;
      const { p, at } = await server.waitPublish((p) => p.uri === uri && p.version === v);
      lastCount = p.diagnostics.length;
      latencies.push(at - t - debounceMs);
    }
  }
  const cpuAfter = cpuMsOf(server.pid);
  await server.stop();
  return {
    mode: pull ? 'pull' : 'push',
    bytes: Buffer.byteLength(text),
    edits: latencies.length,
    startToFirstMs: median(startSamples),
    startSamplesMs: startSamples.map((x) => Math.round(x)),
    startServerCpuMs: startCpu.length ? median(startCpu) : undefined,
    serverCpuPerEditMs: cpuBefore !== undefined && cpuAfter !== undefined && latencies.length ? (cpuAfter - cpuBefore) / latencies.length : undefined,
    firstDiagnostics: firstCount,
    lastDiagnostics: lastCount,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    max: Math.max(...latencies),
  };
}
