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
import { RestartPolicy } from './restartPolicy';

/** Crashes tolerated within CRASH_WINDOW_MS before the client stops restarting the server. */
const MAX_RESTARTS = 3;
const CRASH_WINDOW_MS = 3 * 60 * 1000;
/** The status bar is recounted at most this often: diagnostics change on every keystroke. */
const STATUS_THROTTLE_MS = 250;
const PROBLEMS_COMMAND = 'workbench.actions.view.problems';

let client: LanguageClient | undefined;

function crashHandler(output: vscode.OutputChannel, policy: RestartPolicy): ErrorHandler {
  return {
    error: () => ({ action: ErrorAction.Continue }),
    closed: () => {
      const decision = policy.serverStopped();
      if (decision.restart) {
        output.appendLine(decision.message);
        return { action: CloseAction.Restart, handled: true };
      }
      // The client writes this message to the output and shows it.
      return { action: CloseAction.DoNotRestart, message: decision.message };
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
  const restartPolicy = new RestartPolicy({ maxRestarts: MAX_RESTARTS, windowMs: CRASH_WINDOW_MS });
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
    errorHandler: crashHandler(output, restartPolicy),
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
      // A restart the user asks for gets a fresh allowance of automatic restarts.
      restartPolicy.reset();
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
