/** The language server: LSP wiring only. Diagnostics in lsp/diagnostics.ts, settings in lsp/settings.ts, files through io/. */
import {
  CodeActionKind,
  createConnection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  MessageType,
  ProposedFeatures,
  ShowMessageNotification,
  TextDocuments,
  TextDocumentSyncKind,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { allRules, CONFIG_FILE_NAME, REVIEWED_FILE_NAME } from './engine/index';
import { removeTempFiles } from './io/write';
import { codeActionsFor, FIX_ALL_KIND } from './lsp/codeActions';
import { COMMAND_DISABLE_RULE, COMMAND_MARK_REVIEWED, executeCommand } from './lsp/commands';
import { Diagnostics, startPushDiagnostics, type PushDiagnostics } from './lsp/diagnostics';
import { ClampedTextDocument } from './lsp/documents';
import { exitWhenFramingIsLost } from './lsp/framing';
import { hoverFor } from './lsp/hover';
import { SettingsStore } from './lsp/settings';
import { ConfigStore, uriToPath, workspaceFolderOf } from './lsp/workspace';

const connection = createConnection(ProposedFeatures.all);
// Clamped: an edit past the end must not corrupt the document's line table (see lsp/documents.ts).
const documents = new TextDocuments(ClampedTextDocument);
const client = { pull: false, refresh: false, configurationRegistration: false, watchedFilesRegistration: false, documentChanges: false, workspaceFolders: false };
let workspaceFolders: string[] = [];
const folderOf = (dir: string) => workspaceFolderOf(workspaceFolders, dir);

const configs = new ConfigStore((message) => void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: `seedlint: ${message}` }), folderOf);
const settings = new SettingsStore(connection, folderOf);
/** Each distinct internal error is logged once: a rule that throws on every keystroke must not flood the output. */
const loggedErrors = new Set<string>();
function logErrorOnce(key: string, message: string): void {
  if (loggedErrors.has(key)) return;
  loggedErrors.add(key);
  connection.console.error(message);
}
const host = { documents, configs, settings, workspaceFolders: () => workspaceFolders, logErrorOnce };
const diagnostics = new Diagnostics(host);
/** Only for clients without pull diagnostics. */
let push: PushDiagnostics | undefined;

/** Re-lints everything after a config, sidecar, settings or workspace change. */
function relintAll(): void {
  diagnostics.invalidate();
  if (push) push.relint();
  else if (client.refresh) connection.languages.diagnostics.refresh().catch(() => undefined);
}

connection.onInitialize((params: InitializeParams): InitializeResult => {
  const caps = params.capabilities;
  client.pull = Boolean(caps.textDocument?.diagnostic);
  client.refresh = Boolean(caps.workspace?.diagnostics?.refreshSupport);
  settings.pull = Boolean(caps.workspace?.configuration);
  client.configurationRegistration = Boolean(caps.workspace?.didChangeConfiguration?.dynamicRegistration);
  client.watchedFilesRegistration = Boolean(caps.workspace?.didChangeWatchedFiles?.dynamicRegistration);
  client.documentChanges = Boolean(caps.workspace?.workspaceEdit?.documentChanges);
  client.workspaceFolders = Boolean(caps.workspace?.workspaceFolders);
  const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  workspaceFolders = folders.map(uriToPath).filter((p): p is string => p !== undefined);
  if (workspaceFolders.length === 0 && params.rootPath) workspaceFolders = [params.rootPath];
  if (!client.pull) push = startPushDiagnostics(connection, host, diagnostics);
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
      hoverProvider: true,
      executeCommandProvider: { commands: [COMMAND_MARK_REVIEWED, COMMAND_DISABLE_RULE] },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      ...(client.pull ? { diagnosticProvider: { identifier: 'seedlint', interFileDependencies: false, workspaceDiagnostics: true } } : {}),
    },
    serverInfo: { name: 'seedlint' },
  };
});

connection.onInitialized(() => {
  if (client.configurationRegistration) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'seedlint' });
  if (client.watchedFilesRegistration) {
    void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: `**/${CONFIG_FILE_NAME}` }, { globPattern: `**/${REVIEWED_FILE_NAME}` }] });
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
  connection.console.log(`seedlint server ready in ${Math.round(performance.now())} ms: ${client.pull ? 'pull' : 'push'} diagnostics, ${allRules.length} rules, ${workspaceFolders.length} workspace folder(s).`);
});

documents.onDidOpen((e) => {
  const doc = e.document;
  diagnostics.opened(doc);
  // Ask for the document's settings and lint while the client answers, instead of after: the first
  // diagnostics then wait for no round trip. Documents already known to be disabled are not linted.
  void settings.for(doc.uri);
  if (settings.knownFor(doc.uri)?.enable !== false) {
    try {
      diagnostics.lintCached(doc);
    } catch (err) {
      logErrorOnce(`open:${(err as Error).message}`, `seedlint: linting ${doc.uri} on open failed: ${(err as Error).stack ?? err}`);
    }
  }
});

documents.onDidSave((e) => {
  diagnostics.saved(e.document);
  // A client pulls after changes, not necessarily after a save: tell it what changed.
  if (client.pull && client.refresh) {
    void settings.for(e.document.uri).then((s) => {
      if (s.run === 'onSave') connection.languages.diagnostics.refresh().catch(() => undefined);
    });
  }
});

documents.onDidClose((e) => {
  diagnostics.closed(e.document.uri);
  settings.forget(e.document.uri);
});

connection.languages.diagnostics.on((params, token) => diagnostics.documentReport(params.textDocument.uri, params.previousResultId, token));
connection.languages.diagnostics.onWorkspace((params, token, _workDone, resultProgress) => diagnostics.workspaceReport(params, token, resultProgress));

connection.onRequest('seedlint/lintCorpus', async () => {
  const totals = await diagnostics.lintCorpus(push?.publishClosed);
  if (client.pull && client.refresh) connection.languages.diagnostics.refresh().catch(() => undefined);
  return totals;
});

connection.onCodeAction(async (params) => {
  const doc = documents.get(params.textDocument.uri);
  if (!doc || !(await settings.for(doc.uri)).enable) return [];
  const folder = configs.forUri(doc.uri);
  const { findings } = diagnostics.lintCached(doc);
  return codeActionsFor({ doc, diagnostics: params.context.diagnostics ?? [], findings, config: folder.config, reviewed: folder.reviewed, only: params.context.only, documentChanges: client.documentChanges });
});

connection.onHover(async (params) => {
  const doc = documents.get(params.textDocument.uri);
  if (!doc || !(await settings.for(doc.uri)).enable) return null;
  const entry = diagnostics.lintCached(doc);
  return hoverFor(entry.findings, doc.offsetAt(params.position), entry.index, diagnostics.docUriOf);
});

connection.onExecuteCommand((params) => {
  const result = executeCommand(params, { configs, workspaceFolders: () => workspaceFolders, now: new Date() });
  connection.console.log(`Wrote ${result.file}.`);
  configs.clear();
  relintAll();
  return result;
});

connection.onDidChangeConfiguration((params) => {
  settings.changed(params.settings);
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
// Stopped by a signal: no temporary file of a config or sidecar write is left behind.
for (const [signal, code] of [['SIGTERM', 143], ['SIGINT', 130]] as const) {
  process.once(signal, () => {
    removeTempFiles();
    process.exit(code);
  });
}
if (process.argv.includes('--stdio')) exitWhenFramingIsLost(connection);

documents.listen(connection);
connection.listen();
