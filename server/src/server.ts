/** The language server: LSP wiring over the engine. Documents, diagnostics, code actions, hover, config. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  createConnection,
  DiagnosticRefreshRequest,
  DidChangeConfigurationNotification,
  DocumentDiagnosticReportKind,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type Diagnostic,
  type InitializeParams,
  type InitializeResult,
  type WorkspaceDocumentDiagnosticReport,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { addReviewed, allRules, CONFIG_FILE_NAME, decodeBytes, emptyReviewed, lint, parseReviewed, REVIEWED_FILE_NAME, type LintResult } from './engine/index';
import { ruleDocPath, ruleDocUri } from './io/docs';
import { collectFiles, DEFAULT_INCLUDE, writeFileAtomic } from './io/files';
import { codeActionsFor, COMMAND_DISABLE_RULE, COMMAND_MARK_REVIEWED, FIX_ALL_KIND } from './lsp/codeActions';
import { toDiagnostic } from './lsp/convert';
import { ConfigStore, type FolderConfig } from './lsp/workspace';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);

interface Settings {
  enable: boolean;
  run: 'onType' | 'onSave';
}
const DEFAULT_SETTINGS: Settings = { enable: true, run: 'onType' };
/** Quiet time after a keystroke before linting in push mode. */
const DEBOUNCE_MS = 150;
/** Files the workspace report covers when no config names them. */
const WORKSPACE_DEFAULT_INCLUDE = ['**/seeds/**/*.txt'];
const MAX_DOCUMENT_CHARS = 64 * 1024 * 1024;

interface Linted {
  version: number;
  result: LintResult;
  diagnostics: Diagnostic[];
  configKey: string;
}

let pullDiagnostics = false;
let workspaceFolders: string[] = [];
let hasConfigurationCapability = false;
const linted = new Map<string, Linted>();
const settingsCache = new Map<string, Promise<Settings>>();
const timers = new Map<string, NodeJS.Timeout>();
const reportedFailures = new Set<string>();
let configEpoch = 0;
const configs = new ConfigStore((message) => connection.window.showWarningMessage(`seedlint: ${message}`));

function log(message: string): void {
  connection.console.log(message);
}

connection.onInitialize((params: InitializeParams): InitializeResult => {
  pullDiagnostics = Boolean(params.capabilities.textDocument?.diagnostic);
  hasConfigurationCapability = Boolean(params.capabilities.workspace?.configuration);
  workspaceFolders = (params.workspaceFolders ?? []).map((f) => fileURLToPath(f.uri));
  if (workspaceFolders.length === 0 && params.rootUri) workspaceFolders = [fileURLToPath(params.rootUri)];
  const result: InitializeResult = {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
      hoverProvider: true,
      executeCommandProvider: { commands: [COMMAND_MARK_REVIEWED, COMMAND_DISABLE_RULE] },
      workspace: { workspaceFolders: { supported: true } },
    },
    serverInfo: { name: 'seedlint' },
  };
  if (pullDiagnostics) {
    result.capabilities.diagnosticProvider = { identifier: 'seedlint', interFileDependencies: false, workspaceDiagnostics: true };
  }
  return result;
});

connection.onInitialized(() => {
  if (hasConfigurationCapability) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'seedlint' });
  log(`seedlint server ready (${pullDiagnostics ? 'pull' : 'push'} diagnostics, ${allRules.length} rules)`);
});

function settingsFor(uri: string): Promise<Settings> {
  if (!hasConfigurationCapability) return Promise.resolve(DEFAULT_SETTINGS);
  let s = settingsCache.get(uri);
  if (!s) {
    s = connection.workspace.getConfiguration({ scopeUri: uri, section: 'seedlint' }).then(
      (v: Partial<Settings> | null) => ({ ...DEFAULT_SETTINGS, ...(v ?? {}) }),
      () => DEFAULT_SETTINGS,
    );
    settingsCache.set(uri, s);
  }
  return s;
}

function reportFailures(uri: string, result: LintResult): void {
  for (const f of result.failures) {
    const key = `${f.ruleId}\u0000${f.error.message}`;
    if (reportedFailures.has(key)) continue;
    reportedFailures.add(key);
    connection.console.error(`Rule ${f.ruleId} failed on ${uri}: ${f.error.stack ?? f.error.message}`);
  }
}

/** Lints a document at its current version (cached per version and config). */
function lintOpen(doc: TextDocument): Linted {
  const folder = configs.forUri(doc.uri);
  const configKey = `${configEpoch}:${folder.config.key}`;
  const cached = linted.get(doc.uri);
  if (cached && cached.version === doc.version && cached.configKey === configKey) return cached;
  const text = doc.getText();
  let result: LintResult;
  if (text.length > MAX_DOCUMENT_CHARS) {
    result = lint('', folder.config);
    result.findings = [];
  } else {
    result = lint(text, folder.config, { reviewed: folder.reviewed });
  }
  reportFailures(doc.uri, result);
  const index = result.document.lineIndex;
  const entry: Linted = {
    version: doc.version,
    result,
    diagnostics: result.findings.map((f) => toDiagnostic(f, index, doc.version, ruleDocUri)),
    configKey,
  };
  linted.set(doc.uri, entry);
  return entry;
}

async function pushDiagnostics(doc: TextDocument): Promise<void> {
  const settings = await settingsFor(doc.uri);
  if (!settings.enable) {
    void connection.sendDiagnostics({ uri: doc.uri, diagnostics: [] });
    return;
  }
  const current = documents.get(doc.uri);
  if (!current || current.version !== doc.version) return; // superseded by a newer edit
  const entry = lintOpen(current);
  void connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics: entry.diagnostics });
}

function schedule(doc: TextDocument, delay: number): void {
  clearTimeout(timers.get(doc.uri));
  timers.set(
    doc.uri,
    setTimeout(() => {
      timers.delete(doc.uri);
      void pushDiagnostics(doc);
    }, delay),
  );
}

/** Re-lints everything after a config, sidecar or settings change. */
function relintAll(): void {
  configEpoch++;
  if (pullDiagnostics) void connection.sendRequest(DiagnosticRefreshRequest.type).catch(() => undefined);
  else for (const doc of documents.all()) schedule(doc, 0);
}

documents.onDidOpen((e) => {
  if (!pullDiagnostics) schedule(e.document, 0);
});
documents.onDidChangeContent(async (e) => {
  if (pullDiagnostics) return;
  const settings = await settingsFor(e.document.uri);
  if (settings.run === 'onType') schedule(e.document, DEBOUNCE_MS);
});
documents.onDidSave((e) => {
  if (!pullDiagnostics) schedule(e.document, 0);
  else void connection.sendRequest(DiagnosticRefreshRequest.type).catch(() => undefined);
});
documents.onDidClose((e) => {
  clearTimeout(timers.get(e.document.uri));
  linted.delete(e.document.uri);
  settingsCache.delete(e.document.uri);
  if (!pullDiagnostics) void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
});

/** Saved versions per document, for `run: onSave` in pull mode. */
const savedVersion = new Map<string, Linted>();
documents.onDidSave((e) => {
  savedVersion.set(e.document.uri, lintOpen(e.document));
});
documents.onDidOpen((e) => {
  savedVersion.set(e.document.uri, lintOpen(e.document));
});

connection.languages.diagnostics.on(async (params, token) => {
  const doc = documents.get(params.textDocument.uri);
  if (!doc) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
  const settings = await settingsFor(doc.uri);
  if (token.isCancellationRequested) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
  if (!settings.enable) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
  const entry = settings.run === 'onSave' ? (savedVersion.get(doc.uri) ?? lintOpen(doc)) : lintOpen(doc);
  const resultId = `${entry.configKey}:${entry.version}`;
  if (params.previousResultId === resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId };
  return { kind: DocumentDiagnosticReportKind.Full, resultId, items: entry.diagnostics };
});

/** Results of closed files for the workspace report, keyed by path, reused while size and mtime hold. */
const diskCache = new Map<string, { stamp: string; resultId: string; items: Diagnostic[] }>();

function workspaceFiles(): string[] {
  const files: string[] = [];
  for (const folder of workspaceFolders) {
    const fc: FolderConfig = configs.forDir(folder);
    const include = fc.config.file.include ?? (fc.file ? DEFAULT_INCLUDE : WORKSPACE_DEFAULT_INCLUDE);
    const collected = collectFiles([fc.root], fc.root, fc.root, include, fc.config.file.exclude ?? []);
    files.push(...collected.files);
  }
  return [...new Set(files)];
}

function lintClosedFile(file: string): { stamp: string; resultId: string; items: Diagnostic[] } | undefined {
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch {
    return undefined;
  }
  const folder = configs.forDir(path.dirname(file));
  const stamp = `${st.size}:${st.mtimeMs}:${configEpoch}:${folder.config.key}`;
  const cached = diskCache.get(file);
  if (cached && cached.stamp === stamp) return cached;
  if (st.size > MAX_DOCUMENT_CHARS) return undefined;
  const decoded = decodeBytes(fs.readFileSync(file));
  if (decoded.binary) return undefined;
  const result = lint(decoded.text, folder.config, { reviewed: folder.reviewed });
  reportFailures(file, result);
  const index = result.document.lineIndex;
  const entry = { stamp, resultId: stamp, items: result.findings.map((f) => toDiagnostic(f, index, -1, ruleDocUri)) };
  diskCache.set(file, entry);
  return entry;
}

connection.languages.diagnostics.onWorkspace(async (params, token) => {
  const previous = new Map(params.previousResultIds.map((p) => [p.uri, p.value]));
  const items: WorkspaceDocumentDiagnosticReport[] = [];
  for (const file of workspaceFiles()) {
    if (token.isCancellationRequested) break;
    const uri = pathToFileURL(file).href;
    if (documents.get(uri)) continue; // open documents are reported per document
    const entry = lintClosedFile(file);
    if (!entry) continue;
    if (previous.get(uri) === entry.resultId) items.push({ kind: DocumentDiagnosticReportKind.Unchanged, uri, version: null, resultId: entry.resultId });
    else items.push({ kind: DocumentDiagnosticReportKind.Full, uri, version: null, resultId: entry.resultId, items: entry.items });
  }
  return { items };
});

/** "Seedlint: Lint Corpus": lints every seed file of the workspace and reports the totals. */
connection.onRequest('seedlint/lintCorpus', async () => {
  const files = workspaceFiles();
  let errors = 0;
  let warnings = 0;
  for (const file of files) {
    const uri = pathToFileURL(file).href;
    const open = documents.get(uri);
    const items = open ? lintOpen(open).diagnostics : (lintClosedFile(file)?.items ?? []);
    errors += items.filter((d) => d.severity === 1).length;
    warnings += items.filter((d) => d.severity === 2).length;
    if (!pullDiagnostics && !open) void connection.sendDiagnostics({ uri, diagnostics: items });
  }
  if (pullDiagnostics) void connection.sendRequest(DiagnosticRefreshRequest.type).catch(() => undefined);
  return { files: files.length, errors, warnings };
});

connection.onCodeAction((params) => {
  const doc = documents.get(params.textDocument.uri);
  if (!doc) return [];
  const entry = lintOpen(doc);
  const folder = configs.forUri(doc.uri);
  return codeActionsFor(doc, params.context.diagnostics, entry.result.findings, folder.config, params.context.only);
});

connection.onHover((params) => {
  const doc = documents.get(params.textDocument.uri);
  if (!doc) return null;
  const entry = lintOpen(doc);
  const offset = doc.offsetAt(params.position);
  const hits = entry.result.findings.filter((f) => f.start <= offset && offset <= f.end);
  if (hits.length === 0) return null;
  const parts = hits.map((f) => {
    const rule = allRules.find((r) => r.meta.id === f.ruleId);
    return `**${f.message}**\n\n\`${f.ruleId}\` (${f.severity})${rule ? ` — ${rule.meta.description}\n\n---\n\n${rule.docs}` : ''}`;
  });
  return { contents: { kind: 'markdown', value: parts.join('\n\n---\n\n') } };
});

connection.onExecuteCommand(async (params) => {
  const arg = (params.arguments?.[0] ?? {}) as { uri?: string; ruleId?: string; fingerprint?: string; excerpt?: string };
  if (!arg.uri || !arg.ruleId || !arg.uri.startsWith('file:')) return;
  const folder = configs.forUri(arg.uri);
  try {
    if (params.command === COMMAND_MARK_REVIEWED && arg.fingerprint) {
      const sidecar = path.join(folder.root, REVIEWED_FILE_NAME);
      const current = fs.existsSync(sidecar) ? parseReviewed(fs.readFileSync(sidecar, 'utf8')) : emptyReviewed();
      const text = addReviewed(current, {
        fingerprint: arg.fingerprint,
        ruleId: arg.ruleId,
        file: path.relative(folder.root, fileURLToPath(arg.uri)).split(path.sep).join('/'),
        excerpt: arg.excerpt,
        reviewedAt: new Date().toISOString().slice(0, 10),
      });
      if (fs.existsSync(sidecar)) writeFileAtomic(sidecar, text);
      else fs.writeFileSync(sidecar, text, { flag: 'wx' });
    } else if (params.command === COMMAND_DISABLE_RULE) {
      const file = folder.file ?? path.join(folder.root, CONFIG_FILE_NAME);
      const current = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as { rules?: Record<string, unknown> }) : {};
      current.rules = { ...(current.rules ?? {}), [arg.ruleId]: 'off' };
      const text = JSON.stringify(current, null, 2) + '\n';
      if (fs.existsSync(file)) writeFileAtomic(file, text);
      else fs.writeFileSync(file, text, { flag: 'wx' });
    } else return;
  } catch (e) {
    void connection.window.showErrorMessage(`seedlint: ${(e as Error).message}`);
    return;
  }
  configs.clear();
  relintAll();
});

connection.onDidChangeConfiguration(() => {
  settingsCache.clear();
  relintAll();
});

connection.onDidChangeWatchedFiles(() => {
  configs.clear();
  diskCache.clear();
  relintAll();
});

/** For hovers and links: where a rule's doc page is. */
connection.onRequest('seedlint/ruleDoc', (ruleId: string) => ruleDocPath(ruleId));

process.on('uncaughtException', (e) => connection.console.error(`seedlint: uncaught ${e.stack ?? e}`));

documents.listen(connection);
connection.listen();
