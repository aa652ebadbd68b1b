/**
 * The server's diagnostics: open documents linted incrementally, closed files through the shared
 * file edge (io/lintFile.ts, as the CLI reads them), the workspace report, and their caches. Pull
 * diagnostics, as VS Code asks for them; `startPushDiagnostics` publishes the same reports to a
 * client that cannot pull.
 */
import { pathToFileURL } from 'node:url';
import {
  DocumentDiagnosticReportKind,
  LSPErrorCodes,
  ResponseError,
  type CancellationToken,
  type Connection,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type TextDocuments,
  type WorkspaceDiagnosticParams,
  type WorkspaceDiagnosticReport,
  type WorkspaceDocumentDiagnosticReport,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { hashText, IncrementalLinter, LineIndex, type Finding } from '../engine/index';
import { DEFAULT_INCLUDE } from '../io/config';
import { ruleDocUri } from '../io/docs';
import { collectFiles } from '../io/files';
import { capFindings, lintFileOnDisk, unlintableText, type FileProblem } from '../io/lintFile';
import { snapshotOf } from '../io/read';
import { problemDiagnostic, toDiagnostic } from './convert';
import { takeEditHint } from './documents';
import type { Settings, SettingsStore } from './settings';
import { uriToPath, type ConfigStore } from './workspace';
import * as fs from 'node:fs';

/** Closed files linted between two yields to the event loop in the workspace report, so cancellation gets through. */
const WORKSPACE_CHUNK = 32;
/** How long a walk of the workspace folders is reused: VS Code asks for the workspace report every 2 s. */
const FILE_LIST_TTL_MS = 5000;

export interface Linted {
  version: number;
  configKey: string;
  findings: Finding[];
  problems: FileProblem[];
  index: LineIndex;
}

export interface Report {
  resultId: string;
  version: number | null;
  items: Diagnostic[];
}

interface OpenState {
  /** The text as last opened or saved: what `run: onSave` shows. */
  saved: TextDocument;
  /** Distinguishes two openings of the same URI, whose versions may repeat. */
  serial: number;
}

export interface DiagnosticsHost {
  documents: TextDocuments<TextDocument>;
  configs: ConfigStore;
  settings: SettingsStore;
  workspaceFolders(): readonly string[];
  logErrorOnce(key: string, message: string): void;
}

function cancelled(): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, 'request cancelled');
}

function snapshot(doc: TextDocument): TextDocument {
  return TextDocument.create(doc.uri, doc.languageId, doc.version, doc.getText());
}

export class Diagnostics {
  /** Bumped whenever a config, a sidecar or the settings change: part of every cache key and result id. */
  epoch = 0;
  /** The last two lint results per open document: the displayed one and, with `run: onSave`, the edited one. */
  private readonly linted = new Map<string, Linted[]>();
  /** Per open document: keeps the work of unchanged parts between keystrokes (engine/incremental.ts). */
  private readonly incremental = new Map<string, IncrementalLinter>();
  /** Per open document, whether its IncrementalLinter last linted the live text (an edit hint then applies). */
  private readonly linterOnLive = new Map<string, boolean>();
  private readonly openStates = new Map<string, OpenState>();
  private openSerial = 0;
  /** Results of closed files, keyed by path, reused while the file and the config hold. */
  private readonly diskCache = new Map<string, Report & { stamp: string }>();
  private fileList: { at: number; epoch: number; files: string[] } | undefined;
  /** Each rule's doc link, built once: pathToFileURL per diagnostic cost more than the rest of the conversion. */
  private readonly docUris = new Map<string, string>();
  /** Config keys' hashes: a key holds every option and language setting, so hashing it per lint adds up. */
  private readonly configHashes = new WeakMap<object, string>();

  constructor(private readonly host: DiagnosticsHost) {}

  readonly docUriOf = (ruleId: string): string => {
    let uri = this.docUris.get(ruleId);
    if (uri === undefined) this.docUris.set(ruleId, (uri = ruleDocUri(ruleId)));
    return uri;
  };

  opened(doc: TextDocument): void {
    this.openStates.set(doc.uri, { saved: snapshot(doc), serial: ++this.openSerial });
  }

  /** Whether this change event is the opening itself (TextDocuments fires one for it). */
  isOpening(doc: TextDocument): boolean {
    return this.openStates.get(doc.uri)?.saved.version === doc.version;
  }

  saved(doc: TextDocument): void {
    const state = this.openStates.get(doc.uri);
    if (state) state.saved = snapshot(doc);
  }

  closed(uri: string): void {
    this.linted.delete(uri);
    this.incremental.delete(uri);
    this.linterOnLive.delete(uri);
    this.openStates.delete(uri);
  }

  /** A config, sidecar, settings or workspace change: every result is stale. */
  invalidate(): void {
    this.epoch++;
    this.diskCache.clear();
  }

  private configKeyFor(uri: string): string {
    const { config } = this.host.configs.forUri(uri);
    let hash = this.configHashes.get(config);
    if (hash === undefined) this.configHashes.set(config, (hash = hashText(config.key)));
    return `${this.epoch}.${hash}`;
  }

  /**
   * Lints an open document's text (the live text, or its saved snapshot). The one place the server
   * calls the engine's IncrementalLinter: `hint` says which part of the live text changed since its
   * last lint (see lsp/documents.ts), for the engine to take when it accepts one.
   */
  private lintOpenText(doc: TextDocument): Omit<Linted, 'version' | 'configKey'> {
    const { uri } = doc;
    const text = doc.getText();
    const live = this.host.documents.get(uri) === doc;
    const hint = live ? takeEditHint(doc) : undefined;
    const problem = unlintableText(text);
    if (problem) return { findings: [], problems: [problem], index: new LineIndex(text) };
    const folder = this.host.configs.forUri(uri);
    let linter = this.incremental.get(uri);
    if (!linter) this.incremental.set(uri, (linter = new IncrementalLinter()));
    const hintApplies = live && this.linterOnLive.get(uri) === true && hint !== undefined;
    this.linterOnLive.set(uri, live);
    const result = linter.lint(text, folder.config, { reviewed: folder.reviewed }, hintApplies ? hint : undefined);
    for (const f of result.failures) {
      this.host.logErrorOnce(`${f.ruleId}\u0000${f.error.message}`, `Rule ${f.ruleId} failed (first seen on ${uri}); it is skipped where it fails: ${f.error.stack ?? f.error.message}`);
    }
    const capped = capFindings(result.findings);
    return { findings: capped.findings, problems: capped.summary ? [capped.summary] : [], index: result.document.lineIndex };
  }

  /** The lint of an open document at its version, cached. */
  lintCached(doc: TextDocument): Linted {
    const configKey = this.configKeyFor(doc.uri);
    const list = this.linted.get(doc.uri) ?? [];
    const hit = list.find((e) => e.version === doc.version && e.configKey === configKey);
    if (hit) return hit;
    const entry: Linted = { version: doc.version, configKey, ...this.lintOpenText(doc) };
    this.linted.set(doc.uri, [entry, ...list].slice(0, 2));
    return entry;
  }

  /**
   * The diagnostics of a lint, made each time they are sent and not kept: on a large file they are
   * thousands of objects, which kept until the next edit would outlive a scavenge or two and be
   * promoted, to be collected by the slower full collections.
   */
  private diagnosticsOf(l: Pick<Linted, 'version' | 'findings' | 'problems' | 'index'>): Diagnostic[] {
    const out: Diagnostic[] = [];
    for (const p of l.problems) out.push(problemDiagnostic(p, l.index));
    for (const f of l.findings) out.push(toDiagnostic(f, l.index, l.version, this.docUriOf));
    return out;
  }

  /** The diagnostics an open document shows under its settings. */
  openReport(doc: TextDocument, settings: Settings): Report {
    const state = this.openStates.get(doc.uri);
    const serial = state?.serial ?? 0;
    if (!settings.enable) return { resultId: `off.${serial}.${this.epoch}`, version: doc.version, items: [] };
    const target = settings.run === 'onSave' && state ? state.saved : doc;
    const entry = this.lintCached(target);
    const diagnosticsOf = () => this.diagnosticsOf(entry);
    return {
      resultId: `${serial}.${entry.configKey}.${target.version}`,
      version: target.version,
      get items() {
        return diagnosticsOf();
      },
    };
  }

  /** A closed file's diagnostics, read from disk as the CLI reads it; undefined when there is no file. */
  closedReport(file: string): Report | undefined {
    let st: fs.Stats;
    try {
      st = fs.statSync(file);
    } catch {
      return undefined;
    }
    const uri = pathToFileURL(file).href;
    const s = snapshotOf(st);
    const stamp = `${s.dev}.${s.ino}.${s.size}.${s.mtimeMs}.${s.ctimeMs}.${this.configKeyFor(uri)}`;
    const cached = this.diskCache.get(file);
    if (cached && cached.stamp === stamp) return cached;
    const folder = this.host.configs.forUri(uri);
    const linted = lintFileOnDisk(file, folder.config, { reviewed: folder.reviewed });
    for (const f of linted.failures) {
      this.host.logErrorOnce(`${f.ruleId}\u0000${f.error.message}`, `Rule ${f.ruleId} failed (first seen on ${uri}); it is skipped where it fails: ${f.error.stack ?? f.error.message}`);
    }
    const entry = { stamp, resultId: `disk.${hashText(stamp)}`, version: null, items: this.diagnosticsOf({ version: -1, ...linted }) };
    this.diskCache.set(file, entry);
    return entry;
  }

  /** textDocument/diagnostic. */
  async documentReport(uri: string, previousResultId: string | undefined, token: CancellationToken): Promise<DocumentDiagnosticReport> {
    const settings = await this.host.settings.for(uri);
    if (token.isCancellationRequested) throw cancelled();
    const doc = this.host.documents.get(uri);
    let report: Report | undefined;
    if (doc) report = this.openReport(doc, settings);
    else {
      // A tab whose document the client has not opened: lint the file on disk.
      const file = uriToPath(uri);
      if (settings.enable && file) report = this.closedReport(file);
    }
    report ??= { resultId: `none.${this.epoch}`, version: null, items: [] };
    if (previousResultId === report.resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: report.resultId };
    return { kind: DocumentDiagnosticReportKind.Full, resultId: report.resultId, items: report.items };
  }

  /** Every seed file of the workspace folders, by each folder's config (include, exclude). */
  workspaceFiles(fresh = false): string[] {
    const { fileList } = this;
    if (!fresh && fileList && fileList.epoch === this.epoch && Date.now() - fileList.at < FILE_LIST_TTL_MS) return fileList.files;
    const files = new Set<string>();
    for (const folder of this.host.workspaceFolders()) {
      const fc = this.host.configs.forDir(folder);
      const include = fc.config.file.include ?? DEFAULT_INCLUDE;
      try {
        for (const f of collectFiles([folder], folder, fc.root, include, fc.config.file.exclude ?? []).files) files.add(f);
      } catch (e) {
        // A glob the matcher refuses (longer than 64 kB, say) is a config problem, not a failed request.
        this.host.configs.report(`${fc.file ?? folder}: include/exclude cannot be used: ${(e as Error).message} (its closed files are not linted until it is fixed)`);
      }
    }
    this.fileList = { at: Date.now(), epoch: this.epoch, files: [...files].sort() };
    return this.fileList.files;
  }

  /** Open documents by file path: the client's URIs may encode a path differently from pathToFileURL. */
  private openByPath(): Map<string, TextDocument> {
    const byPath = new Map<string, TextDocument>();
    for (const doc of this.host.documents.all()) {
      const file = uriToPath(doc.uri);
      if (file) byPath.set(file, doc);
    }
    return byPath;
  }

  /** The report of one workspace file, open or closed, under its settings. */
  private async fileReport(file: string, open: Map<string, TextDocument>): Promise<{ uri: string; open: boolean; report: Report | undefined }> {
    const doc = open.get(file);
    const uri = doc?.uri ?? pathToFileURL(file).href;
    const settings = await (doc ? this.host.settings.for(uri) : this.host.settings.forClosedFile(file));
    let report: Report | undefined;
    if (doc) report = this.openReport(doc, settings);
    else report = settings.enable ? this.closedReport(file) : { resultId: `off.${this.epoch}`, version: null, items: [] };
    return { uri, open: doc !== undefined, report };
  }

  /** workspace/diagnostic, streamed in partial results when the client gave a token for them. */
  async workspaceReport(
    params: WorkspaceDiagnosticParams,
    token: CancellationToken,
    progress: { report(value: { items: WorkspaceDocumentDiagnosticReport[] }): void } | undefined,
  ): Promise<WorkspaceDiagnosticReport> {
    const previous = new Map(params.previousResultIds.map((p) => [p.uri, p.value]));
    const open = this.openByPath();
    const items: WorkspaceDocumentDiagnosticReport[] = [];
    const flush = () => {
      if (progress && items.length > 0) progress.report({ items: items.splice(0) });
    };
    const files = this.workspaceFiles();
    for (let i = 0; i < files.length; i++) {
      if (i > 0 && i % WORKSPACE_CHUNK === 0) {
        flush();
        await new Promise((resolve) => setImmediate(resolve));
      }
      if (token.isCancellationRequested) throw cancelled();
      const { uri, report } = await this.fileReport(files[i], open);
      if (!report) continue;
      if (previous.get(uri) === report.resultId) items.push({ kind: DocumentDiagnosticReportKind.Unchanged, uri, version: report.version, resultId: report.resultId });
      else items.push({ kind: DocumentDiagnosticReportKind.Full, uri, version: report.version, resultId: report.resultId, items: report.items });
    }
    if (progress) {
      flush();
      return { items: [] };
    }
    return { items };
  }

  /** "Seedlint: Lint Corpus": lints every seed file of the workspace; `closed` receives each closed file's diagnostics. */
  async lintCorpus(closed?: (uri: string, items: Diagnostic[]) => void): Promise<{ files: number; errors: number; warnings: number }> {
    const files = this.workspaceFiles(true);
    const open = this.openByPath();
    let errors = 0;
    let warnings = 0;
    for (const file of files) {
      const { uri, open: isOpen, report } = await this.fileReport(file, open);
      const items = report?.items ?? [];
      for (const d of items) {
        if (d.severity === 1) errors++;
        else if (d.severity === 2) warnings++;
      }
      if (!isOpen) closed?.(uri, items);
    }
    return { files: files.length, errors, warnings };
  }
}

/** Quiet time after a keystroke before linting in push mode (in pull mode the client paces requests). */
const DEBOUNCE_MS = 150;

export interface PushDiagnostics {
  /** After a config, sidecar, settings or workspace change: publish everything shown again. */
  relint(): void;
  /** "Lint Corpus" published a closed file: keep it current on config changes. */
  publishClosed(uri: string, items: Diagnostic[]): void;
}

/**
 * Diagnostics for clients that cannot pull: published on open, after a quiet time while typing
 * (or on save, with `run: onSave`), and again after any change of config or settings.
 */
export function startPushDiagnostics(connection: Connection, host: DiagnosticsHost, diagnostics: Diagnostics): PushDiagnostics {
  const { documents, settings } = host;
  const timers = new Map<string, NodeJS.Timeout>();
  /** Closed files whose diagnostics "Lint Corpus" pushed: re-pushed when the config changes. */
  const pushedClosed = new Set<string>();

  async function publish(uri: string): Promise<void> {
    const s = await settings.for(uri);
    const doc = documents.get(uri);
    if (!doc) return;
    const report = diagnostics.openReport(doc, s);
    void connection.sendDiagnostics({ uri, version: report.version ?? undefined, diagnostics: report.items });
  }

  function schedule(uri: string, delay: number): void {
    clearTimeout(timers.get(uri));
    timers.set(
      uri,
      setTimeout(() => {
        timers.delete(uri);
        publish(uri).catch((e) => host.logErrorOnce(`publish:${(e as Error).message}`, `seedlint: publishing diagnostics failed: ${(e as Error).stack ?? e}`));
      }, delay),
    );
  }

  documents.onDidOpen((e) => schedule(e.document.uri, 0));
  documents.onDidChangeContent((e) => {
    if (diagnostics.isOpening(e.document)) return;
    const { uri } = e.document;
    void settings.for(uri).then((s) => {
      if (s.run === 'onType') schedule(uri, DEBOUNCE_MS);
    });
  });
  documents.onDidSave((e) => schedule(e.document.uri, 0));
  documents.onDidClose((e) => {
    const { uri } = e.document;
    clearTimeout(timers.get(uri));
    timers.delete(uri);
    void connection.sendDiagnostics({ uri, diagnostics: [] });
  });

  return {
    relint() {
      for (const doc of documents.all()) schedule(doc.uri, 0);
      for (const uri of pushedClosed) {
        if (documents.get(uri)) continue;
        const file = uriToPath(uri);
        if (!file) continue;
        void settings.forClosedFile(file).then((s) => {
          const report = s.enable ? diagnostics.closedReport(file) : undefined;
          void connection.sendDiagnostics({ uri, diagnostics: report?.items ?? [] });
        });
      }
    },
    publishClosed(uri, items) {
      pushedClosed.add(uri);
      void connection.sendDiagnostics({ uri, diagnostics: items });
    },
  };
}
