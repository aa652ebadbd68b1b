/**
 * Runs the extension tests in a real VS Code (the @vscode/test-electron way): `npm run test:vscode`.
 *
 * VS Code comes from SEEDLINT_VSCODE_EXECUTABLE, from an earlier download in .vscode-test/, or,
 * when SEEDLINT_VSCODE_DOWNLOAD=1, from a download. Without any of them this prints one line saying
 * why nothing ran and exits 0; that line is not a test result.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { runTests } from '@vscode/test-electron';
import { downloadDirToExecutablePath, systemDefaultPlatform } from '@vscode/test-electron/out/util';
import { execFileSync } from 'node:child_process';

const REPO = path.resolve(__dirname, '../..');
const OUT = path.join(REPO, 'dist', 'test-vscode');

/** A VS Code executable that is already on this machine, if any. */
function localVSCode(): string | undefined {
  const fromEnv = process.env.SEEDLINT_VSCODE_EXECUTABLE;
  if (fromEnv) {
    if (!fs.existsSync(fromEnv)) throw new Error(`SEEDLINT_VSCODE_EXECUTABLE=${fromEnv} does not exist`);
    return fromEnv;
  }
  const cache = path.join(REPO, '.vscode-test');
  if (!fs.existsSync(cache)) return undefined;
  for (const dir of fs.readdirSync(cache).filter((d) => d.startsWith('vscode-')).sort().reverse()) {
    const exe = downloadDirToExecutablePath(path.join(cache, dir), systemDefaultPlatform);
    if (fs.existsSync(exe)) return exe;
  }
  return undefined;
}

async function main(): Promise<number> {
  const executable = localVSCode();
  const download = process.env.SEEDLINT_VSCODE_DOWNLOAD === '1';
  if (!executable && !download) {
    console.log(
      'test:vscode: NOT RUN (0 tests): no VS Code on this machine; set SEEDLINT_VSCODE_EXECUTABLE to a VS Code binary, or SEEDLINT_VSCODE_DOWNLOAD=1 to download one.',
    );
    return 0;
  }
  execFileSync(process.execPath, ['esbuild.mjs'], { cwd: REPO, stdio: 'inherit' });
  fs.rmSync(OUT, { recursive: true, force: true });
  await esbuild.build({
    entryPoints: [path.join(__dirname, 'suite', 'index.ts'), path.join(__dirname, 'suite', 'extension.test.ts')],
    outdir: OUT,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    // VS Code provides `vscode`; mocha is found in node_modules, above dist/.
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'seedlint-vscode-'));
  fs.cpSync(path.join(REPO, 'seeds'), path.join(workspace, 'seeds'), { recursive: true });
  try {
    await runTests({
      ...(executable ? { vscodeExecutablePath: executable } : { version: 'stable', timeout: 120_000 }),
      extensionDevelopmentPath: REPO,
      extensionTestsPath: path.join(OUT, 'index.js'),
      launchArgs: [workspace, '--disable-extensions', '--skip-welcome', '--skip-release-notes', '--disable-workspace-trust'],
    });
    return 0;
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`test:vscode: failed: ${(e as Error).stack ?? e}`);
    process.exit(1);
  },
);
