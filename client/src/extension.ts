/** The VS Code client: starts the language server, registers commands and the status bar. Little else. */
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  RevealOutputChannelOn,
  TransportKind,
  type ErrorHandler,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';

/** Crashes tolerated within CRASH_WINDOW_MS before the client stops restarting the server. */
const MAX_RESTARTS = 3;
const CRASH_WINDOW_MS = 3 * 60 * 1000;

let client: LanguageClient | undefined;

function crashHandler(output: vscode.OutputChannel): ErrorHandler {
  const crashes: number[] = [];
  return {
    error: () => ({ action: ErrorAction.Continue }),
    closed: () => {
      const now = Date.now();
      crashes.push(now);
      while (crashes.length && now - crashes[0] > CRASH_WINDOW_MS) crashes.shift();
      if (crashes.length > MAX_RESTARTS) {
        const message = `The seedlint server stopped ${crashes.length} times in ${CRASH_WINDOW_MS / 60000} minutes and will not be restarted. Run "Seedlint: Restart Server" after checking the output.`;
        output.appendLine(message);
        return { action: CloseAction.DoNotRestart, message };
      }
      output.appendLine(`The seedlint server stopped; restarting (${crashes.length} of ${MAX_RESTARTS}).`);
      return { action: CloseAction.Restart, handled: true };
    },
  };
}

function updateStatus(item: vscode.StatusBarItem): void {
  let errors = 0;
  let warnings = 0;
  for (const [, diagnostics] of vscode.languages.getDiagnostics()) {
    for (const d of diagnostics) {
      if (d.source !== 'seedlint') continue;
      if (d.severity === vscode.DiagnosticSeverity.Error) errors++;
      else if (d.severity === vscode.DiagnosticSeverity.Warning) warnings++;
    }
  }
  item.text = `$(error) ${errors} $(warning) ${warnings} seedlint`;
  item.tooltip = `seedlint: ${errors} error(s), ${warnings} warning(s) in the corpus. Click to open Problems.`;
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const started = Date.now();
  const output = vscode.window.createOutputChannel('Seedlint', { log: true });
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'seed' },
      { scheme: 'untitled', language: 'seed' },
    ],
    synchronize: {
      fileEvents: vscode.workspace.createFileSystemWatcher('**/{seedlint.config.json,.seedlint-reviewed.json}'),
    },
    diagnosticPullOptions: { onChange: true, onSave: true },
    outputChannel: output,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    errorHandler: crashHandler(output),
  };
  client = new LanguageClient('seedlint', 'Seedlint', serverOptions, clientOptions);

  const status = vscode.window.createStatusBarItem('seedlint.status', vscode.StatusBarAlignment.Left, 0);
  status.name = 'Seedlint';
  status.command = 'workbench.actions.view.problems';
  updateStatus(status);
  status.show();

  context.subscriptions.push(
    output,
    status,
    vscode.languages.onDidChangeDiagnostics(() => updateStatus(status)),
    vscode.commands.registerCommand('seedlint.lintCorpus', async () => {
      const totals = await client!.sendRequest<{ files: number; errors: number; warnings: number }>('seedlint/lintCorpus');
      output.appendLine(`Lint corpus: ${totals.files} files, ${totals.errors} errors, ${totals.warnings} warnings.`);
      await vscode.commands.executeCommand('workbench.actions.view.problems');
    }),
    vscode.commands.registerCommand('seedlint.fixAllInFile', () =>
      vscode.commands.executeCommand('editor.action.codeAction', { kind: 'source.fixAll.seedlint', apply: 'first' }),
    ),
    vscode.commands.registerCommand('seedlint.restartServer', async () => {
      output.appendLine('Restarting the server.');
      await client!.restart();
    }),
    vscode.commands.registerCommand('seedlint.showOutput', () => output.show(true)),
  );

  await client.start();
  output.appendLine(`seedlint activated in ${Date.now() - started} ms`);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
