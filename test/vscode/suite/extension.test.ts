/** The extension in a real VS Code: the seed language, seedlint diagnostics, a quick fix, fix-all. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const DEADLINE_MS = 30_000;

/** Polls `check` until it returns something truthy, or fails at the deadline. */
async function waitFor<T>(what: string, check: () => T | undefined | null | false): Promise<T> {
  const end = Date.now() + DEADLINE_MS;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function ruleOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

function seedlintDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'seedlint');
}

async function openSeed(prefix: string): Promise<vscode.TextDocument> {
  const [uri] = await vscode.workspace.findFiles(`seeds/${prefix}*.txt`);
  assert.ok(uri, `a copy of seeds/${prefix}* in the test workspace`);
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc);
  return doc;
}

describe('seedlint in VS Code', () => {
  before(async () => {
    const ext = vscode.extensions.getExtension('seedlint.seedlint');
    assert.ok(ext, 'the extension under development is loaded');
  });

  afterEach(() => vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor'));

  it('lints a seed file and applies a quick fix', async () => {
    const doc = await openSeed('000_');
    assert.equal(doc.languageId, 'seed');
    const glued = await waitFor('date-header/glued', () => seedlintDiagnostics(doc.uri).find((d) => ruleOf(d) === 'date-header/glued'));
    assert.equal(glued.severity, vscode.DiagnosticSeverity.Error);
    assert.ok(typeof glued.code === 'object' && glued.code.target.path.endsWith('/docs/rules/date-header/glued.md'));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, glued.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.isPreferred && a.diagnostics?.some((d) => ruleOf(d) === 'date-header/glued'));
    assert.ok(fix?.edit, `a preferred quick fix; got ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.equal(doc.lineAt(0).text, ' date 2024-10');
    await waitFor('the glued finding to go', () => !seedlintDiagnostics(doc.uri).some((d) => ruleOf(d) === 'date-header/glued'));
  });

  it('"Seedlint: Fix All in File" applies source.fixAll.seedlint', async () => {
    const doc = await openSeed('000_');
    await waitFor('diagnostics', () => seedlintDiagnostics(doc.uri).length > 0);
    await vscode.commands.executeCommand('seedlint.fixAllInFile');
    await waitFor('the fixed header', () => doc.lineAt(0).text === 'date 2024-10');
    assert.ok(doc.lineAt(1).text.startsWith('Sekretari i Mbrojtjes'));
  });

  it('reports every seed file of the workspace (workspace diagnostics)', async () => {
    const files = await vscode.workspace.findFiles('seeds/*.txt');
    await waitFor('diagnostics for every seed file', () => files.every((uri) => seedlintDiagnostics(uri).length > 0));
  });
});
