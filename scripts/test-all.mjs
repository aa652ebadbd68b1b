// The whole test suite, as the README's test command runs it: type check, build, unit/CLI/LSP
// tests, the VS Code (test-electron) suite where it can run, and the end-to-end test in
// code-server. Every step runs even when one fails; the last line totals all of them.
import { spawn } from 'node:child_process';

const steps = [
  ['type check', 'npm', ['run', '--silent', 'typecheck']],
  ['build', 'npm', ['run', '--silent', 'build']],
  ['unit, CLI and LSP tests', 'npx', ['mocha']],
  ['VS Code extension tests', 'npm', ['run', '--silent', 'test:vscode']],
  ['end-to-end test in code-server', 'npm', ['run', '--silent', 'test:e2e']],
];
const SUMMARY = /^tests: (\d+) passed, (\d+) failed, (\d+) skipped$/;

function run(label, cmd, args) {
  return new Promise((resolve) => {
    process.stdout.write(`\n=== ${label}: ${cmd} ${args.join(' ')}\n`);
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    const counts = [0, 0, 0];
    let buffered = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop();
      for (const line of lines) {
        const m = SUMMARY.exec(line.trim());
        if (m) m.slice(1).forEach((n, i) => (counts[i] += Number(n)));
      }
    });
    child.on('close', (code) => resolve({ label, code: code ?? 1, counts }));
  });
}

const results = [];
for (const [label, cmd, args] of steps) {
  results.push(await run(label, cmd, args));
  // Nothing can be tested without a build.
  if (label === 'build' && results.at(-1).code !== 0) break;
}
const total = [0, 0, 0];
process.stdout.write('\n=== summary\n');
for (const r of results) {
  r.counts.forEach((n, i) => (total[i] += n));
  process.stdout.write(`${r.code === 0 ? 'ok  ' : 'FAIL'} ${r.label} (exit ${r.code}; ${r.counts[0]} passed, ${r.counts[1]} failed)\n`);
}
const failedSteps = results.filter((r) => r.code !== 0).length;
// A step that failed without a failing test (a crash, a type error) still counts as a failure.
if (failedSteps > 0 && total[1] === 0) total[1] = failedSteps;
process.stdout.write(`tests: ${total[0]} passed, ${total[1]} failed, ${total[2]} skipped\n`);
process.exitCode = failedSteps > 0 ? 1 : 0;
