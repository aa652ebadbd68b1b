/**
 * A small LSP client for the protocol tests: starts the bundled server (dist/server.js) as a child
 * process over stdio or node IPC, answers its requests like an editor would, keeps the documents it
 * opened, and waits on events with deadlines, never with fixed sleeps.
 */
import * as assert from 'node:assert/strict';
import { execFileSync, fork, spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CodeActionRequest,
  ConfigurationRequest,
  createProtocolConnection,
  DiagnosticRefreshRequest,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DidSaveTextDocumentNotification,
  DocumentDiagnosticRequest,
  ExecuteCommandRequest,
  ExitNotification,
  FileChangeType,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  IPCMessageReader,
  IPCMessageWriter,
  LogMessageNotification,
  ProgressType,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShowMessageNotification,
  ShowMessageRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  WorkspaceDiagnosticRequest,
  type ClientCapabilities,
  type CodeAction,
  type Command,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type FullDocumentDiagnosticReport,
  type Hover,
  type InitializeResult,
  type Position,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type Range,
  type Registration,
  type TextEdit,
  type WorkspaceDiagnosticReport,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';
import { applyTextEdits } from './lspText';

export const REPO = path.resolve(__dirname, '../..');
export const SERVER = path.join(REPO, 'dist', 'server.js');
export const SEEDS_DIR = path.join(REPO, 'seeds');
export const SEED_NAMES = fs.readdirSync(SEEDS_DIR).filter((f) => f.endsWith('.txt')).sort();
export const DEFAULT_DEADLINE_MS = 15_000;

function newestMtime(entry: string): number {
  const st = fs.statSync(entry);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const name of fs.readdirSync(entry)) newest = Math.max(newest, newestMtime(path.join(entry, name)));
  return newest;
}

/** Builds dist/ with esbuild when dist/server.js is missing or older than a source it bundles. */
export function ensureServerBuilt(): void {
  const sources = ['server/src', 'client/src', 'schemas', 'esbuild.mjs', 'package-lock.json'].map((p) => path.join(REPO, p)).filter((p) => fs.existsSync(p));
  const newest = Math.max(...sources.map(newestMtime));
  if (fs.existsSync(SERVER) && fs.statSync(SERVER).mtimeMs >= newest) return;
  execFileSync(process.execPath, ['esbuild.mjs'], { cwd: REPO, stdio: 'inherit' });
}

export function fileUri(file: string): string {
  return pathToFileURL(file).href;
}

/** A temporary workspace folder holding a copy of seeds/ as seeds/; `.git` stops the config search at its root. */
export function tempWorkspace(): string {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'seedlint-lsp-')));
  fs.mkdirSync(path.join(root, '.git'));
  fs.cpSync(SEEDS_DIR, path.join(root, 'seeds'), { recursive: true });
  return root;
}

export function removeWorkspace(root: string): void {
  fs.rmSync(root, { recursive: true, force: true });
}

export interface Settings {
  enable: boolean;
  run: 'onType' | 'onSave';
}

export interface SessionOptions {
  /** Advertise pull diagnostics (textDocument/diagnostic); otherwise the server pushes. */
  pull: boolean;
  /** The workspace folder. */
  root: string;
  settings?: Partial<Settings>;
  transport?: 'stdio' | 'ipc';
  /** Another bundled server to start instead of dist/server.js. */
  server?: string;
  /** Whether to advertise versioned documentChanges in workspace edits (default true). */
  documentChanges?: boolean;
  /** The editor's process id sent with `initialize`, which the server watches (default: this process). */
  processId?: number;
}

interface OpenDocument {
  text: string;
  version: number;
}

export class LspSession {
  readonly settings: Settings;
  readonly published: PublishDiagnosticsParams[] = [];
  readonly registrations: Registration[] = [];
  readonly logs: string[] = [];
  readonly shownMessages: string[] = [];
  refreshes = 0;
  configurationRequests = 0;
  stderr = '';
  exitCode: number | null | undefined = undefined;
  initializeResult!: InitializeResult;
  private readonly docs = new Map<string, OpenDocument>();
  private readonly listeners = new Set<() => void>();
  private readonly exited: Promise<number | null>;

  private constructor(
    readonly child: ChildProcess,
    readonly connection: ProtocolConnection,
    readonly options: SessionOptions,
  ) {
    this.settings = { enable: true, run: 'onType', ...options.settings };
    this.exited = new Promise((resolve) =>
      child.once('exit', (code) => {
        this.exitCode = code;
        this.changed();
        resolve(code);
      }),
    );
    child.stderr?.on('data', (chunk: Buffer) => (this.stderr += chunk.toString('utf8')));
    connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      this.published.push(p);
      this.changed();
    });
    connection.onNotification(LogMessageNotification.type, (p) => {
      this.logs.push(p.message);
      this.changed();
    });
    connection.onNotification(ShowMessageNotification.type, (p) => {
      this.shownMessages.push(p.message);
      this.changed();
    });
    connection.onRequest(ShowMessageRequest.type, (p) => {
      this.shownMessages.push(p.message);
      this.changed();
      return null;
    });
    connection.onRequest(ConfigurationRequest.type, (p) => {
      this.configurationRequests++;
      return p.items.map((item) => (item.section === 'seedlint' ? { ...this.settings, trace: { server: 'off' } } : null));
    });
    connection.onRequest(RegistrationRequest.type, (p) => {
      this.registrations.push(...p.registrations);
      this.changed();
    });
    connection.onRequest(DiagnosticRefreshRequest.type, () => {
      this.refreshes++;
      this.changed();
    });
    connection.onRequest('window/workDoneProgress/create', () => null);
  }

  static async start(options: SessionOptions): Promise<LspSession> {
    const server = options.server ?? SERVER;
    let child: ChildProcess;
    let connection: ProtocolConnection;
    if (options.transport === 'ipc') {
      child = fork(server, ['--node-ipc'], { cwd: options.root, silent: true });
      connection = createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    } else {
      child = spawn(process.execPath, [server, '--stdio'], { cwd: options.root, stdio: ['pipe', 'pipe', 'pipe'] });
      connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    }
    const session = new LspSession(child, connection, options);
    connection.listen();
    session.initializeResult = await session.deadline(
      connection.sendRequest(InitializeRequest.type, {
        processId: options.processId ?? process.pid,
        rootUri: fileUri(options.root),
        workspaceFolders: [{ uri: fileUri(options.root), name: path.basename(options.root) }],
        capabilities: clientCapabilities(options),
      }),
      'initialize',
    );
    await connection.sendNotification(InitializedNotification.type, {});
    return session;
  }

  private changed(): void {
    for (const listener of [...this.listeners]) listener();
  }

  /** Resolves with `check()`'s first truthy value, re-checked on every message from the server and every 25 ms. */
  waitFor<T>(what: string, check: () => T | undefined | null | false, ms = DEFAULT_DEADLINE_MS): Promise<T> {
    return new Promise((resolve, reject) => {
      const finish = (error?: Error, value?: T) => {
        clearTimeout(timer);
        clearInterval(poll);
        this.listeners.delete(run);
        if (error) reject(error);
        else resolve(value as T);
      };
      const run = () => {
        let value: T | undefined | null | false;
        try {
          value = check();
        } catch (e) {
          finish(e as Error);
          return;
        }
        if (value) finish(undefined, value);
        else if (this.exitCode !== undefined) finish(new Error(`server exited (code ${this.exitCode}) while waiting for ${what}\n${this.stderr}`));
      };
      const timer = setTimeout(() => finish(new Error(`timed out after ${ms} ms waiting for ${what}\nserver log:\n${this.logs.join('\n')}\n${this.stderr}`)), ms);
      const poll = setInterval(run, 25);
      this.listeners.add(run);
      run();
    });
  }

  /** A request's answer, or an error naming it when the deadline passes. */
  deadline<T>(promise: Promise<T>, what: string, ms = DEFAULT_DEADLINE_MS): Promise<T> {
    let timer: NodeJS.Timeout;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}\n${this.stderr}`)), ms);
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
  }

  // -- documents -------------------------------------------------------------------------------

  text(uri: string): string {
    const doc = this.docs.get(uri);
    if (!doc) throw new Error(`${uri} is not open`);
    return doc.text;
  }

  version(uri: string): number {
    const doc = this.docs.get(uri);
    if (!doc) throw new Error(`${uri} is not open`);
    return doc.version;
  }

  /** Opens a file (its text read from disk unless given) as a `seed` document at version 1. */
  async open(file: string, text = fs.readFileSync(file, 'utf8')): Promise<string> {
    const uri = fileUri(file);
    this.docs.set(uri, { text, version: 1 });
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'seed', version: 1, text } });
    return uri;
  }

  /**
   * Sends one didChange with `changes` applied in order (each relative to the text the previous
   * one left), as incremental sync does; returns the new version.
   */
  async change(uri: string, changes: { range: Range; text: string }[]): Promise<number> {
    const doc = this.docs.get(uri);
    if (!doc) throw new Error(`${uri} is not open`);
    for (const c of changes) doc.text = applyTextEdits(doc.text, [{ range: c.range, newText: c.text }]);
    doc.version++;
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: doc.version },
      contentChanges: changes.map((c) => ({ range: c.range, text: c.text })),
    });
    return doc.version;
  }

  /** Applies edits that all refer to the current text, last first, so that each change's range holds when it is applied. */
  async applyEdits(uri: string, edits: TextEdit[]): Promise<number> {
    const ordered = [...edits].sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character);
    const expected = applyTextEdits(this.text(uri), edits);
    const version = await this.change(
      uri,
      ordered.map((e) => ({ range: e.range, text: e.newText })),
    );
    if (this.text(uri) !== expected) throw new Error('applying edits last-first gave another text than applying them together');
    return version;
  }

  /** Applies a code action's workspace edit the way an editor does, refusing one made for another version. */
  async applyWorkspaceEdit(edit: WorkspaceEdit): Promise<void> {
    for (const change of edit.documentChanges ?? []) {
      if (!('textDocument' in change)) throw new Error('only text edits are expected');
      const { uri, version } = change.textDocument;
      if (version !== null && version !== this.version(uri)) throw new Error(`edit for version ${version} of ${uri}, which is at ${this.version(uri)}`);
      await this.applyEdits(uri, change.edits as TextEdit[]);
    }
    for (const [uri, edits] of Object.entries(edit.changes ?? {})) await this.applyEdits(uri, edits);
  }

  /** Writes the document to disk and sends didSave, like an editor's save. */
  async save(uri: string, file: string): Promise<void> {
    fs.writeFileSync(file, this.text(uri));
    await this.connection.sendNotification(DidSaveTextDocumentNotification.type, { textDocument: { uri } });
  }

  async close(uri: string): Promise<void> {
    this.docs.delete(uri);
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  // -- requests --------------------------------------------------------------------------------

  pull(uri: string, previousResultId?: string): Promise<DocumentDiagnosticReport> {
    return this.deadline(this.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri }, previousResultId }), `diagnostics of ${uri}`);
  }

  /** A full pull report's items; fails on an "unchanged" report. */
  async pullItems(uri: string): Promise<Diagnostic[]> {
    const report = await this.pull(uri);
    if (report.kind !== 'full') throw new Error(`expected a full report for ${uri}, got ${report.kind}`);
    return (report as FullDocumentDiagnosticReport).items;
  }

  /** Collects the partial results sent with `token`. */
  collectProgress<P>(token: string): P[] {
    const values: P[] = [];
    this.connection.onProgress(new ProgressType<P>(), token, (value) => {
      values.push(value);
      this.changed();
    });
    return values;
  }

  workspacePull(previousResultIds: { uri: string; value: string }[] = [], partialResultToken?: string): Promise<WorkspaceDiagnosticReport> {
    return this.deadline(this.connection.sendRequest(WorkspaceDiagnosticRequest.type, { previousResultIds, partialResultToken }), 'workspace diagnostics');
  }

  /** The latest pushed diagnostics of `uri` for `version` (any version when omitted), waiting for them. */
  waitForPublished(uri: string, version?: number, accept: (p: PublishDiagnosticsParams) => boolean = () => true): Promise<PublishDiagnosticsParams> {
    return this.waitFor(`diagnostics published for ${uri}${version === undefined ? '' : ` v${version}`}`, () => {
      for (let i = this.published.length - 1; i >= 0; i--) {
        const p = this.published[i];
        if (p.uri !== uri) continue;
        if (version !== undefined && p.version !== version) return undefined;
        return accept(p) ? p : undefined;
      }
      return undefined;
    });
  }

  publishedFor(uri: string): PublishDiagnosticsParams[] {
    return this.published.filter((p) => p.uri === uri);
  }

  codeActions(uri: string, diagnostics: Diagnostic[], only?: string[], range?: Range): Promise<(Command | CodeAction)[]> {
    const whole: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const r = range ?? diagnostics[0]?.range ?? whole;
    return this.deadline(
      this.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: r, context: { diagnostics, only } }).then((a) => a ?? []),
      `code actions for ${uri}`,
    );
  }

  hover(uri: string, position: Position): Promise<Hover | null> {
    return this.deadline(this.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position }), `hover in ${uri}`);
  }

  executeCommand(command: Command): Promise<unknown> {
    return this.deadline(this.connection.sendRequest(ExecuteCommandRequest.type, { command: command.command, arguments: command.arguments }), `command ${command.command}`);
  }

  async setSettings(settings: Partial<Settings>): Promise<void> {
    Object.assign(this.settings, settings);
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { seedlint: this.settings } });
  }

  async fileChanged(file: string, type: FileChangeType = FileChangeType.Changed): Promise<void> {
    await this.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: fileUri(file), type }] });
  }

  /** shutdown, then exit: resolves with the process's exit code. */
  async shutdown(): Promise<number | null> {
    await this.deadline(this.connection.sendRequest(ShutdownRequest.type), 'shutdown');
    await this.connection.sendNotification(ExitNotification.type);
    return this.deadline(this.exited, 'the server to exit');
  }

  /** Log lines of the server's last-resort error handlers: there should be none. */
  internalErrors(): string[] {
    return this.logs.filter((l) => /uncaught|unhandled rejection|publishing diagnostics failed/.test(l));
  }

  /** Ends the child if a test left it running. */
  dispose(): void {
    this.connection.dispose();
    if (this.exitCode === undefined && this.child.pid !== undefined) this.child.kill();
  }
}

function clientCapabilities(options: SessionOptions): ClientCapabilities {
  return {
    textDocument: {
      synchronization: { didSave: true, dynamicRegistration: false },
      ...(options.pull ? { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } } : {}),
      publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true, tagSupport: { valueSet: [1, 2] } },
      codeAction: {
        dataSupport: true,
        isPreferredSupport: true,
        codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } },
      },
      hover: { contentFormat: ['markdown', 'plaintext'] },
    },
    workspace: {
      configuration: true,
      didChangeConfiguration: { dynamicRegistration: true },
      didChangeWatchedFiles: { dynamicRegistration: true },
      workspaceEdit: { documentChanges: options.documentChanges !== false },
      workspaceFolders: true,
      executeCommand: {},
      ...(options.pull ? { diagnostics: { refreshSupport: true } } : {}),
    },
  };
}

export interface LspWorkspace {
  /** The current test's temporary workspace (a copy of seeds/), new for each test. */
  readonly root: string;
  start(options: Omit<SessionOptions, 'root'>): Promise<LspSession>;
  seedFile(name: string): string;
  seed000(): string;
}

/**
 * Mocha hooks shared by the protocol suites: build the server once, give each test a fresh
 * workspace, and after it dispose every session, asserting the server logged no internal error.
 */
export function useLspWorkspace(): LspWorkspace {
  const sessions: LspSession[] = [];
  const ws = {
    root: '',
    async start(options: Omit<SessionOptions, 'root'>) {
      const s = await LspSession.start({ ...options, root: ws.root });
      sessions.push(s);
      return s;
    },
    seedFile: (name: string) => path.join(ws.root, 'seeds', name),
    seed000: () => ws.seedFile(SEED_NAMES[0]),
  };
  before(function () {
    this.timeout(120_000);
    ensureServerBuilt();
  });
  beforeEach(() => {
    ws.root = tempWorkspace();
  });
  afterEach(() => {
    for (const s of sessions.splice(0)) {
      s.dispose();
      assert.deepEqual(s.internalErrors(), [], 'the server logged no internal error');
    }
    removeWorkspace(ws.root);
  });
  return ws;
}
