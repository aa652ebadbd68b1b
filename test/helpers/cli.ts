/** Running the built CLI as a child process, on temporary copies of the seeds. */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const REPO = path.resolve(__dirname, '../..');
export const CLI = path.join(REPO, 'dist', 'cli.js');
export const SEEDS = path.join(REPO, 'seeds');

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Run {
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first`);
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env }, maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

const created: string[] = [];
process.once('exit', () => {
  for (const dir of created) {
    try {
      fs.chmodSync(dir, 0o755);
      fs.rmSync(dir, { recursive: true, force: true });
    } catch {
      /* best effort: a test may have left a folder unreadable */
    }
  }
});

/** A temporary directory, removed when the test process exits. */
export function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seedlint-test-'));
  created.push(dir);
  return dir;
}

/** A temporary directory holding a copy of seeds/ (as seeds/), removed when the test process exits. */
export function tempCorpus(): string {
  const dir = tempDir();
  fs.cpSync(SEEDS, path.join(dir, 'seeds'), { recursive: true });
  return dir;
}
