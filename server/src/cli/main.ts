/** `seedlint`: the CI face of the engine. Argument parsing, the run, the report and exit codes. */
import * as path from 'node:path';
import pkg from '../../../package.json';
import { ConfigError } from '../engine/index';
import { HELP, parseArgs, UsageError, type CliArgs } from './args';
import { removeTempFiles } from '../io/write';
import { printablePath } from './formatters';
import { ReportOutput } from './output';
import { Report } from './report';
import { writtenFiles } from './lintFile';
import { setup, type CliIo, type Setup } from './setup';

export type { CliIo, Setup };

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let args: CliArgs;
  try {
    args = parseArgs(argv);
  } catch (e) {
    io.stderr(`seedlint: ${(e as Error).message}\n`);
    return 2;
  }
  if (args.help) {
    io.stdout(HELP + '\n');
    return 0;
  }
  if (args.version) {
    io.stdout(pkg.version + '\n');
    return 0;
  }
  let s: Setup;
  try {
    s = setup(args, io);
  } catch (e) {
    if (e instanceof UsageError || e instanceof ConfigError) {
      io.stderr(`seedlint: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  const { runFiles } = await import('./run');
  const outputFile = args.outputFile === undefined ? undefined : path.resolve(io.cwd, args.outputFile);
  const output = new ReportOutput(io.stdout, outputFile);
  const report = new Report(args, io);
  await runFiles(s, io, (r) => output.add(report.add(r)));
  output.add(report.end());
  const failure = output.close();
  if (failure !== undefined) {
    io.stderr(`seedlint: cannot write ${args.outputFile}: ${failure}\n`);
    return 2;
  }
  if (args.fix && args.format === 'stylish') {
    const { fixes, filesFixed } = report;
    io.stderr(`seedlint: applied ${fixes} fix${fixes === 1 ? '' : 'es'} in ${filesFixed} file${filesFixed === 1 ? '' : 's'}.\n`);
  }
  return report.exitCode;
}

/** Interrupted: no temporary file is left, and the user learns which files were already fixed. */
function onSignal(signal: NodeJS.Signals, code: number): void {
  removeTempFiles();
  const written = writtenFiles();
  let note = `seedlint: ${signal}: stopped.`;
  if (written.length > 0) note += ` ${written.length} file${written.length === 1 ? ' was' : 's were'} already fixed:\n${written.map((f) => `  ${printablePath(f)}\n`).join('')}`;
  else note += ' No file was changed.\n';
  process.stderr.write(note.endsWith('\n') ? note : note + '\n');
  process.exit(code);
}

export function main(): void {
  // A reader that stops early (`seedlint | head`) is not an error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  process.once('SIGINT', () => onSignal('SIGINT', 130));
  process.once('SIGTERM', () => onSignal('SIGTERM', 143));
  runCli(process.argv.slice(2), {
    cwd: process.cwd(),
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    isTTY: Boolean(process.stdout.isTTY),
    env: process.env,
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      process.stderr.write(`seedlint: internal error: ${(e as Error).stack ?? e}\n`);
      process.exitCode = 2;
    },
  );
}

if (require.main === module) main();
