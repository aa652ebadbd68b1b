/** The language server: LSP wiring over the engine. Documents, diagnostics, code actions, hover, config. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  createConnection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  DocumentDiagnosticReportKind,
  ErrorCodes,
  LogMessageNotification,
  LSPErrorCodes,
  MessageType,
  ProposedFeatures,
  ResponseError,
  ShowMessageNotification,
  TextDocuments,
  TextDocumentSyncKind,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type InitializeParams,
  type InitializeResult,
  type WorkspaceDocumentDiagnosticReport,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { allRules, CONFIG_FILE_NAME, decodeBytes, hashText, IncrementalLinter, lint, LineIndex, REVIEWED_FILE_NAME, type Finding } from './engine/index';
import { ruleDocUri } from './io/docs';
import { collectFiles } from './io/files';
import { codeActionsFor, FIX_ALL_KIND } from './lsp/codeActions';
import { COMMAND_DISABLE_RULE, COMMAND_MARK_REVIEWED, disableRule, isDisableRuleArgs, isMarkReviewedArgs, markReviewed } from './lsp/commands';
import { toDiagnostic } from './lsp/convert';
import { ClampedTextDocument } from './lsp/documents';
import { FramingWatcher } from './lsp/framing';
import { hoverFor } from './lsp/hover';
import { ConfigStore, uriToPath } from './lsp/workspace';

const connection = createConnection(ProposedFeatures.all);
// Clamped: an edit past the end must not corrupt the document's line table (see lsp/documents.ts).
// Each change's range also goes to the document's IncrementalLinter: what the edit left alone.
const documents = new TextDocuments<TextDocument>({
  ...ClampedTextDocument,
  update(doc, changes, version) {
    for (const change of changes) {
      const range = 'range' in change ? change.range : undefined;
      if (range) incremental.get(doc.uri)?.noteChange(doc.offsetAt(range.start), doc.offsetAt(range.end), change.text.length);
      else incremental.get(doc.uri)?.noteChange();
      ClampedTextDocument.update(doc, [change], version);
    }
    return doc;
  },
});

interface Settings {
  enable: boolean;
  run: 'onType' | 'onSave';
}
const DEFAULT_SETTINGS: Settings = { enable: true, run: 'onType' };
/** Quiet time after a keystroke before linting in push mode (in pull mode the client paces requests). */
const DEBOUNCE_MS = 150;
/** Seed files of a workspace folder when its config names none: the same files the `seed` language covers. */
const WORKSPACE_DEFAULT_INCLUDE = ['**/seeds/**/*.txt'];
/** Larger texts are not linted: a seed file is an article, not a dump. */
const MAX_DOCUMENT_CHARS = 16 * 1024 * 1024;
/** Closed files linted between two yields to the event loop in the workspace report, so cancellation gets through. */
const WORKSPACE_CHUNK = 32;

/** What the client can do, from `initialize`. */
const client = {
  pull: false,
  refresh: false,
  configuration: false,
  configurationRegistration: false,
  watchedFilesRegistration: false,
  documentChanges: false,
  workspaceFolders: false,
};
let workspaceFolders: string[] = [];
/** Settings sent with didChangeConfiguration, for clients without `workspace/configuration`. */
let pushedSettings: Settings = DEFAULT_SETTINGS;
/** Bumped whenever a config, a sidecar or the settings change: part of every cache key and result id. */
let configEpoch = 0;

/** The innermost workspace folder holding `dir`. */
function workspaceFolderOf(dir: string): string | undefined {
  return workspaceFolders.filter((f) => dir === f || dir.startsWith(f.endsWith(path.sep) ? f : f + path.sep)).sort((a, b) => b.length - a.length)[0];
}

const configs = new ConfigStore(
  (message) => void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: `seedlint: ${message}` }),
  workspaceFolderOf,
);

function log(message: string): void {
  connection.console.log(message);
}

/** Each distinct internal error is logged once: a rule that throws on every keystroke must not flood the output. */
const loggedErrors = new Set<string>();
function logErrorOnce(key: string, message: string): void {
  if (loggedErrors.has(key)) return;
  loggedErrors.add(key);
  connection.console.error(message);
}

function cancelled(): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, 'request cancelled');
}

// ---------------------------------------------------------------------------------------------
// Settings

function normalizeSettings(value: unknown): Settings {
  const v = (typeof value === 'object' && value !== null ? value : {}) as Partial<Settings>;
  return { enable: v.enable !== false, run: v.run === 'onSave' ? 'onSave' : 'onType' };
}

const settingsCache = new Map<string, Promise<Settings>>();
/** The settings of `settingsCache` that have arrived, for the handlers that cannot wait for them. */
const settingsKnown = new Map<string, Settings>();

/**
 * Settings of a closed file: its workspace folder's, so that a workspace report over thousands of
 * files asks the client once per folder, not once per file.
 */
function closedFileSettings(file: string): Promise<Settings> {
  const folder = workspaceFolderOf(path.dirname(file));
  return settingsFor(pathToFileURL(folder ?? file).href);
}

function settingsFor(uri: string): Promise<Settings> {
  if (!client.configuration) return Promise.resolve(pushedSettings);
  let s = settingsCache.get(uri);
  if (!s) {
    const asked = connection.workspace.getConfiguration({ scopeUri: uri, section: 'seedlint' }).then(normalizeSettings, () => DEFAULT_SETTINGS);
    s = asked.then((settings) => {
      if (settingsCache.get(uri) === s) settingsKnown.set(uri, settings);
      return settings;
    });
    settingsCache.set(uri, s);
  }
  return s;
}

// ---------------------------------------------------------------------------------------------
// Linting

interface Linted {
  version: number;
  configKey: string;
  findings: Finding[];
  index: LineIndex;
}

/** The last two lint results per open document: the displayed one and, with `run: onSave`, the edited one. */
const linted = new Map<string, Linted[]>();

/** Per open document: keeps the paragraph-local work of unchanged paragraphs between keystrokes (engine/incremental.ts). */
const incremental = new Map<string, IncrementalLinter>();

/** Each rule's doc link, built once: pathToFileURL per diagnostic cost more than the rest of the conversion. */
const docUris = new Map<string, string>();
function docUriOf(ruleId: string): string {
  let uri = docUris.get(ruleId);
  if (uri === undefined) docUris.set(ruleId, (uri = ruleDocUri(ruleId)));
  return uri;
}

function lintText(text: string, uri: string, version: number): Omit<Linted, 'version' | 'configKey'> {
  const folder = configs.forUri(uri);
  if (text.length > MAX_DOCUMENT_CHARS) {
    logErrorOnce(`large:${uri}`, `${uri} has ${text.length} characters, more than ${MAX_DOCUMENT_CHARS}: not linted.`);
    return { findings: [], index: new LineIndex(text) };
  }
  // Open documents are linted incrementally (same findings as lint(), by construction); closed files in one go.
  let linter = version >= 0 && documents.get(uri) ? incremental.get(uri) : undefined;
  if (!linter && version >= 0 && documents.get(uri)) incremental.set(uri, (linter = new IncrementalLinter()));
  const result = linter ? linter.lint(text, folder.config, { reviewed: folder.reviewed }) : lint(text, folder.config, { reviewed: folder.reviewed });
  const index = result.document.lineIndex;
  for (const f of result.failures) {
    logErrorOnce(`${f.ruleId}\u0000${f.error.message}`, `Rule ${f.ruleId} failed (first seen on ${uri}); it is skipped where it fails: ${f.error.stack ?? f.error.message}`);
  }
  return { findings: result.findings, index };
}

/**
 * The diagnostics of a lint, made each time they are sent and not kept: on a large file they are
 * thousands of objects, which kept until the next edit would outlive a scavenge or two and be
 * promoted, to be collected by the slower full collections (the findings themselves are kept, and
 * mostly the same objects from one edit to the next).
 */
function diagnosticsOf(linted: Omit<Linted, 'configKey'>): Diagnostic[] {
  return linted.findings.map((f) => toDiagnostic(f, linted.index, linted.version, docUriOf));
}

/** Config keys' hashes: a key holds every option and language setting, so hashing it per lint adds up. */
const configHashes = new WeakMap<object, string>();

function configKeyFor(uri: string): string {
  const { config } = configs.forUri(uri);
  let hash = configHashes.get(config);
  if (hash === undefined) configHashes.set(config, (hash = hashText(config.key)));
  return `${configEpoch}.${hash}`;
}

function lintCached(doc: TextDocument): Linted {
  const configKey = configKeyFor(doc.uri);
  const list = linted.get(doc.uri) ?? [];
  const hit = list.find((e) => e.version === doc.version && e.configKey === configKey);
  if (hit) return hit;
  const entry: Linted = { version: doc.version, configKey, ...lintText(doc.getText(), doc.uri, doc.version) };
  linted.set(doc.uri, [entry, ...list].slice(0, 2));
  return entry;
}

interface OpenState {
  /** The text as last opened or saved: what `run: onSave` shows. */
  saved: TextDocument;
  /** Distinguishes two openings of the same URI, whose versions may repeat. */
  serial: number;
}
const openStates = new Map<string, OpenState>();
let openSerial = 0;

function snapshot(doc: TextDocument): TextDocument {
  return TextDocument.create(doc.uri, doc.languageId, doc.version, doc.getText());
}

interface Report {
  resultId: string;
  version: number | null;
  items: Diagnostic[];
}

/** The diagnostics an open document shows under its settings. */
function openDocumentReport(doc: TextDocument, settings: Settings): Report {
  const state = openStates.get(doc.uri);
  const serial = state?.serial ?? 0;
  if (!settings.enable) return { resultId: `off.${serial}.${configEpoch}`, version: doc.version, items: [] };
  const target = settings.run === 'onSave' && state ? state.saved : doc;
  const entry = lintCached(target);
  return {
    resultId: `${serial}.${entry.configKey}.${target.version}`,
    version: target.version,
    get items() {
      return diagnosticsOf(entry);
    },
  };
}

/** Results of closed files, keyed by path, reused while size, mtime and config hold. */
const diskCache = new Map<string, Report & { stamp: string }>();

function lintClosedFile(file: string): Report | undefined {
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch {
    return undefined;
  }
  if (!st.isFile()) return undefined;
  const uri = pathToFileURL(file).href;
  const stamp = `${st.size}.${st.mtimeMs}.${configKeyFor(uri)}`;
  const cached = diskCache.get(file);
  if (cached && cached.stamp === stamp) return cached;
  let items: Diagnostic[] = [];
  if (st.size <= MAX_DOCUMENT_CHARS) {
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(file);
    } catch {
      return undefined;
    }
    const decoded = decodeBytes(bytes);
    if (decoded.binary) return undefined;
    items = diagnosticsOf({ version: -1, ...lintText(decoded.text, uri, -1) });
  }
  const entry = { stamp, resultId: `disk.${hashText(stamp)}`, version: null, items };
  diskCache.set(file, entry);
  return entry;
}

// ---------------------------------------------------------------------------------------------
// Push diagnostics (clients without pull support)

const timers = new Map<string, NodeJS.Timeout>();
/** Closed files whose diagnostics "Lint Corpus" pushed: re-pushed when the config changes. */
const pushedClosed = new Set<string>();

async function publish(uri: string): Promise<void> {
  const settings = await settingsFor(uri);
  const doc = documents.get(uri);
  if (!doc) return;
  const report = openDocumentReport(doc, settings);
  void connection.sendDiagnostics({ uri, version: report.version ?? undefined, diagnostics: report.items });
}

function schedule(uri: string, delay: number): void {
  clearTimeout(timers.get(uri));
  timers.set(
    uri,
    setTimeout(() => {
      timers.delete(uri);
      publish(uri).catch((e) => logErrorOnce(`publish:${(e as Error).message}`, `seedlint: publishing diagnostics failed: ${(e as Error).stack ?? e}`));
    }, delay),
  );
}

/** Re-lints everything after a config, sidecar, settings or workspace change. */
function relintAll(): void {
  configEpoch++;
  diskCache.clear();
  if (client.pull) {
    if (client.refresh) connection.languages.diagnostics.refresh().catch(() => undefined);
    return;
  }
  for (const doc of documents.all()) schedule(doc.uri, 0);
  for (const uri of pushedClosed) {
    if (documents.get(uri)) continue;
    const file = uriToPath(uri);
    if (!file) continue;
    void closedFileSettings(file).then((settings) => {
      const report = settings.enable ? lintClosedFile(file) : undefined;
      void connection.sendDiagnostics({ uri, diagnostics: report?.items ?? [] });
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Lifecycle

connection.onInitialize((params: InitializeParams): InitializeResult => {
  const caps = params.capabilities;
  client.pull = Boolean(caps.textDocument?.diagnostic);
  client.refresh = Boolean(caps.workspace?.diagnostics?.refreshSupport);
  client.configuration = Boolean(caps.workspace?.configuration);
  client.configurationRegistration = Boolean(caps.workspace?.didChangeConfiguration?.dynamicRegistration);
  client.watchedFilesRegistration = Boolean(caps.workspace?.didChangeWatchedFiles?.dynamicRegistration);
  client.documentChanges = Boolean(caps.workspace?.workspaceEdit?.documentChanges);
  client.workspaceFolders = Boolean(caps.workspace?.workspaceFolders);
  const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  workspaceFolders = folders.map(uriToPath).filter((p): p is string => p !== undefined);
  if (workspaceFolders.length === 0 && params.rootPath) workspaceFolders = [params.rootPath];
  const result: InitializeResult = {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
      hoverProvider: true,
      executeCommandProvider: { commands: [COMMAND_MARK_REVIEWED, COMMAND_DISABLE_RULE] },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'seedlint' },
  };
  if (client.pull) {
    result.capabilities.diagnosticProvider = { identifier: 'seedlint', interFileDependencies: false, workspaceDiagnostics: true };
  }
  return result;
});

connection.onInitialized(() => {
  if (client.configurationRegistration) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'seedlint' });
  if (client.watchedFilesRegistration) {
    void connection.client.register(DidChangeWatchedFilesNotification.type, {
      watchers: [{ globPattern: `**/${CONFIG_FILE_NAME}` }, { globPattern: `**/${REVIEWED_FILE_NAME}` }],
    });
  }
  if (client.workspaceFolders) {
    connection.workspace.onDidChangeWorkspaceFolders((e) => {
      const removed = new Set(e.removed.map((f) => uriToPath(f.uri)));
      const added = e.added.map((f) => uriToPath(f.uri)).filter((p): p is string => p !== undefined);
      workspaceFolders = [...workspaceFolders.filter((f) => !removed.has(f)), ...added];
      configs.clear();
      relintAll();
    });
  }
  const startup = Math.round(performance.now());
  log(`seedlint server ready in ${startup} ms: ${client.pull ? 'pull' : 'push'} diagnostics, ${allRules.length} rules, ${workspaceFolders.length} workspace folder(s).`);
});

// ---------------------------------------------------------------------------------------------
// Documents

documents.onDidOpen((e) => {
  const doc = e.document;
  openStates.set(doc.uri, { saved: snapshot(doc), serial: ++openSerial });
  // Ask for the document's settings and lint while the client answers, instead of after: the first
  // diagnostics then wait for no round trip. Documents already known to be disabled are not linted.
  void settingsFor(doc.uri);
  const known = client.configuration ? settingsKnown.get(doc.uri) : pushedSettings;
  if (known?.enable !== false) {
    try {
      lintCached(doc);
    } catch (err) {
      logErrorOnce(`open:${(err as Error).message}`, `seedlint: linting ${doc.uri} on open failed: ${(err as Error).stack ?? err}`);
    }
  }
  if (!client.pull) schedule(doc.uri, 0);
});

documents.onDidChangeContent((e) => {
  const { uri, version } = e.document;
  if (openStates.get(uri)?.saved.version === version) return; // fired for the opening itself
  if (client.pull) return; // the client pulls after changes
  void settingsFor(uri).then((s) => {
    if (s.run === 'onType') schedule(uri, DEBOUNCE_MS);
  });
});

documents.onDidSave((e) => {
  const state = openStates.get(e.document.uri);
  if (state) state.saved = snapshot(e.document);
  if (!client.pull) {
    schedule(e.document.uri, 0);
    return;
  }
  // A client pulls after changes, not necessarily after a save: tell it what changed.
  void settingsFor(e.document.uri).then((s) => {
    if (s.run === 'onSave' && client.refresh) connection.languages.diagnostics.refresh().catch(() => undefined);
  });
});

documents.onDidClose((e) => {
  const { uri } = e.document;
  clearTimeout(timers.get(uri));
  timers.delete(uri);
  linted.delete(uri);
  incremental.delete(uri);
  openStates.delete(uri);
  settingsCache.delete(uri);
  settingsKnown.delete(uri);
  if (!client.pull) void connection.sendDiagnostics({ uri, diagnostics: [] });
});

// ---------------------------------------------------------------------------------------------
// Pull diagnostics

connection.languages.diagnostics.on(async (params, token): Promise<DocumentDiagnosticReport> => {
  const uri = params.textDocument.uri;
  const settings = await settingsFor(uri);
  if (token.isCancellationRequested) throw cancelled();
  const doc = documents.get(uri);
  let report: Report | undefined;
  if (doc) report = openDocumentReport(doc, settings);
  else {
    // A tab whose document the client has not opened: lint the file on disk.
    const file = uriToPath(uri);
    if (settings.enable && file) report = lintClosedFile(file);
  }
  report ??= { resultId: `none.${configEpoch}`, version: null, items: [] };
  if (params.previousResultId === report.resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: report.resultId };
  return { kind: DocumentDiagnosticReportKind.Full, resultId: report.resultId, items: report.items };
});

/** How long a walk of the workspace folders is reused: VS Code asks for the workspace report every 2 s. */
const FILE_LIST_TTL_MS = 5000;
let fileList: { at: number; epoch: number; files: string[] } | undefined;

/** Every seed file of the workspace folders, by each folder's config (include, exclude). */
function workspaceFiles(fresh = false): string[] {
  if (!fresh && fileList && fileList.epoch === configEpoch && Date.now() - fileList.at < FILE_LIST_TTL_MS) return fileList.files;
  const files = new Set<string>();
  for (const folder of workspaceFolders) {
    const fc = configs.forDir(folder);
    const include = fc.config.file.include ?? WORKSPACE_DEFAULT_INCLUDE;
    try {
      for (const f of collectFiles([folder], folder, fc.root, include, fc.config.file.exclude ?? []).files) files.add(f);
    } catch (e) {
      // A glob the matcher refuses (longer than minimatch's 64 kB, say) is a config problem, not a failed request.
      configs.report(`${fc.file ?? folder}: include/exclude cannot be used: ${(e as Error).message} (its closed files are not linted until it is fixed)`);
    }
  }
  fileList = { at: Date.now(), epoch: configEpoch, files: [...files].sort() };
  return fileList.files;
}

/** Open documents by file path: the client's URIs may encode a path differently from pathToFileURL. */
function openDocumentsByPath(): Map<string, TextDocument> {
  const byPath = new Map<string, TextDocument>();
  for (const doc of documents.all()) {
    const file = uriToPath(doc.uri);
    if (file) byPath.set(file, doc);
  }
  return byPath;
}

connection.languages.diagnostics.onWorkspace(async (params, token, _workDone, resultProgress) => {
  const previous = new Map(params.previousResultIds.map((p) => [p.uri, p.value]));
  const open = openDocumentsByPath();
  const items: WorkspaceDocumentDiagnosticReport[] = [];
  const flush = () => {
    if (resultProgress && items.length > 0) resultProgress.report({ items: items.splice(0) });
  };
  const files = workspaceFiles();
  for (let i = 0; i < files.length; i++) {
    if (i > 0 && i % WORKSPACE_CHUNK === 0) {
      flush();
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (token.isCancellationRequested) throw cancelled();
    const doc = open.get(files[i]);
    const uri = doc?.uri ?? pathToFileURL(files[i]).href;
    const settings = await (doc ? settingsFor(uri) : closedFileSettings(files[i]));
    let report: Report | undefined;
    if (doc) report = openDocumentReport(doc, settings);
    else report = settings.enable ? lintClosedFile(files[i]) : { resultId: `off.${configEpoch}`, version: null, items: [] };
    if (!report) continue;
    if (previous.get(uri) === report.resultId) items.push({ kind: DocumentDiagnosticReportKind.Unchanged, uri, version: report.version, resultId: report.resultId });
    else items.push({ kind: DocumentDiagnosticReportKind.Full, uri, version: report.version, resultId: report.resultId, items: report.items });
  }
  if (resultProgress) {
    flush();
    return { items: [] };
  }
  return { items };
});

/** "Seedlint: Lint Corpus": lints every seed file of the workspace and returns the totals. */
connection.onRequest('seedlint/lintCorpus', async () => {
  const files = workspaceFiles(true);
  const open = openDocumentsByPath();
  let errors = 0;
  let warnings = 0;
  for (const file of files) {
    const doc = open.get(file);
    const uri = doc?.uri ?? pathToFileURL(file).href;
    const settings = await (doc ? settingsFor(uri) : closedFileSettings(file));
    const report = doc ? openDocumentReport(doc, settings) : settings.enable ? lintClosedFile(file) : undefined;
    const items = report?.items ?? [];
    errors += items.filter((d) => d.severity === 1).length;
    warnings += items.filter((d) => d.severity === 2).length;
    if (!client.pull && !doc) {
      pushedClosed.add(uri);
      void connection.sendDiagnostics({ uri, diagnostics: items });
    }
  }
  if (client.pull && client.refresh) connection.languages.diagnostics.refresh().catch(() => undefined);
  return { files: files.length, errors, warnings };
});

// ---------------------------------------------------------------------------------------------
// Code actions, hover, commands

connection.onCodeAction(async (params) => {
  const doc = documents.get(params.textDocument.uri);
  if (!doc) return [];
  const settings = await settingsFor(doc.uri);
  if (!settings.enable) return [];
  const folder = configs.forUri(doc.uri);
  return codeActionsFor({
    doc,
    diagnostics: params.context.diagnostics ?? [],
    findings: lintCached(doc).findings,
    config: folder.config,
    reviewed: folder.reviewed,
    only: params.context.only,
    documentChanges: client.documentChanges,
  });
});

connection.onHover(async (params) => {
  const doc = documents.get(params.textDocument.uri);
  if (!doc) return null;
  const settings = await settingsFor(doc.uri);
  if (!settings.enable) return null;
  const entry = lintCached(doc);
  return hoverFor(entry.findings, doc.offsetAt(params.position), entry.index, docUriOf);
});

connection.onExecuteCommand((params) => {
  const arg: unknown = params.arguments?.[0];
  let written: string;
  try {
    if (params.command === COMMAND_MARK_REVIEWED) {
      const file = isMarkReviewedArgs(arg) ? uriToPath(arg.uri) : undefined;
      if (!isMarkReviewedArgs(arg) || !file) throw new ResponseError(ErrorCodes.InvalidParams, 'seedlint: mark as reviewed needs { uri (a file), ruleId, fingerprint }');
      written = markReviewed(configs.forUri(arg.uri), file, arg, new Date());
    } else if (params.command === COMMAND_DISABLE_RULE) {
      if (!isDisableRuleArgs(arg) || !uriToPath(arg.uri)) throw new ResponseError(ErrorCodes.InvalidParams, 'seedlint: disable rule needs { uri (a file), ruleId }');
      written = disableRule(configs.forUri(arg.uri), arg);
    } else {
      throw new ResponseError(ErrorCodes.InvalidParams, `seedlint: unknown command ${params.command}`);
    }
  } catch (e) {
    if (e instanceof ResponseError) throw e;
    throw new ResponseError(LSPErrorCodes.RequestFailed, `seedlint: ${(e as Error).message}`);
  }
  log(`Wrote ${written}.`);
  configs.clear();
  relintAll();
  return { file: written };
});

connection.onDidChangeConfiguration((params) => {
  if (!client.configuration) pushedSettings = normalizeSettings((params.settings as { seedlint?: unknown } | null)?.seedlint);
  settingsCache.clear();
  settingsKnown.clear();
  relintAll();
});

connection.onDidChangeWatchedFiles((params) => {
  const ours = params.changes.some((c) => {
    const name = c.uri.slice(c.uri.lastIndexOf('/') + 1);
    return name === CONFIG_FILE_NAME || name === REVIEWED_FILE_NAME;
  });
  if (!ours) return;
  configs.clear();
  relintAll();
});

// The engine already turns a throwing rule into a finding; this is the last net for the server's own bugs.
process.on('uncaughtException', (e) => logErrorOnce(`uncaught:${e.message}`, `seedlint: uncaught ${e.stack ?? e}`));
process.on('unhandledRejection', (e) => logErrorOnce(`unhandled:${String(e)}`, `seedlint: unhandled rejection ${(e as Error)?.stack ?? e}`));

// Over stdio, a wrong Content-Length leaves vscode-jsonrpc's reader out of step for good: exit rather than idle deaf.
if (process.argv.includes('--stdio')) {
  const framing = new FramingWatcher((reason) => {
    const message = `seedlint: the client's messages cannot be read any further (${reason}); exiting so that the client can restart the server.`;
    const logged = connection.sendNotification(LogMessageNotification.type, { type: MessageType.Error, message }).then(() => true, () => false);
    const late = new Promise<boolean>((resolve) => setTimeout(resolve, 1000, false));
    void Promise.race([logged, late]).then((ok) => {
      if (!ok) process.stderr.write(`${message}\n`);
      process.exit(1);
    });
  });
  process.stdin.on('data', (chunk: Buffer) => framing.push(chunk));
}

documents.listen(connection);
connection.listen();
