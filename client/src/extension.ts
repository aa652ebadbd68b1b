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
/** The status bar is recounted at most this often: diagnostics change on every keystroke. */
const STATUS_THROTTLE_MS = 250;
const PROBLEMS_COMMAND = 'workbench.actions.view.problems';

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

/** Counts seedlint's errors and warnings over every file the editor has diagnostics for (the workspace report covers the corpus). */
function countProblems(): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const [, diagnostics] of vscode.languages.getDiagnostics()) {
    for (const d of diagnostics) {
      if (d.source !== 'seedlint') continue;
      if (d.severity === vscode.DiagnosticSeverity.Error) errors++;
      else if (d.severity === vscode.DiagnosticSeverity.Warning) warnings++;
    }
  }
  return { errors, warnings };
}

function statusBar(context: vscode.ExtensionContext): vscode.StatusBarItem {
  const item = vscode.window.createStatusBarItem('seedlint.status', vscode.StatusBarAlignment.Left, 0);
  item.name = 'Seedlint';
  item.command = PROBLEMS_COMMAND;
  let timer: NodeJS.Timeout | undefined;
  const update = () => {
    timer = undefined;
    const { errors, warnings } = countProblems();
    item.text = `$(error) ${errors} $(warning) ${warnings} seedlint`;
    item.tooltip = `seedlint: ${errors} error(s), ${warnings} warning(s) in the corpus. Click to open Problems.`;
  };
  update();
  item.show();
  context.subscriptions.push(
    item,
    vscode.languages.onDidChangeDiagnostics(() => {
      timer ??= setTimeout(update, STATUS_THROTTLE_MS);
    }),
    { dispose: () => clearTimeout(timer) },
  );
  return item;
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const started = performance.now();
  const output = vscode.window.createOutputChannel('Seedlint', { log: true });
  context.subscriptions.push(output);
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    // Any document in the `seed` language: `**/seeds/**/*.txt` by default, more through files.associations.
    documentSelector: [
      { scheme: 'file', language: 'seed' },
      { scheme: 'untitled', language: 'seed' },
    ],
    // The server registers its own file watchers (seedlint.config.json, .seedlint-reviewed.json).
    diagnosticPullOptions: { onChange: true, onSave: true },
    outputChannel: output,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    errorHandler: crashHandler(output),
  };
  client = new LanguageClient('seedlint', 'Seedlint', serverOptions, clientOptions);

  statusBar(context);
  context.subscriptions.push(
    vscode.commands.registerCommand('seedlint.lintCorpus', async () => {
      if (!client?.isRunning()) {
        void vscode.window.showWarningMessage('The seedlint server is not running: run "Seedlint: Restart Server".');
        return;
      }
      const totals = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Window, title: 'seedlint: linting the corpus' },
        () => client!.sendRequest<{ files: number; errors: number; warnings: number }>('seedlint/lintCorpus'),
      );
      output.appendLine(`Lint corpus: ${totals.files} files, ${totals.errors} errors, ${totals.warnings} warnings.`);
      await vscode.commands.executeCommand(PROBLEMS_COMMAND);
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

  const beforeStart = performance.now();
  try {
    await client.start();
  } catch (e) {
    // Activation itself succeeds: the commands stay, and "Restart Server" can try again.
    output.error(`The seedlint server did not start: ${(e as Error).message}`);
    void vscode.window.showErrorMessage('The seedlint server did not start. See "Seedlint: Show Output".');
    return;
  }
  const done = performance.now();
  output.appendLine(
    `seedlint activated in ${Math.round(done - started)} ms (client ${Math.round(beforeStart - started)} ms, server start and initialize ${Math.round(done - beforeStart)} ms).`,
  );
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
