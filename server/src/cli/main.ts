/** `seedlint`: the CI face of the engine. Argument parsing, the run, the report and exit codes. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import pkg from '../../../package.json';
import { ConfigError } from '../engine/index';
import { HELP, parseArgs, UsageError, type CliArgs } from './args';
import { removeTempFiles } from '../io/write';
import { printablePath, reportsTooManyWarnings, tooManyWarningsMessage } from './formatters';
import { ReportOutput } from './output';
import { Report } from './report';
import { lintInputForCli, writtenFiles } from './lintFile';
import { fatalResult } from './results';
import { setup, stdinPath, stdinSetup, type CliIo, type Setup } from './setup';

export type { CliIo, Setup };

/** Runs `body`, turning usage and configuration errors into a message and exit code 2. */
function usageErrors<T>(io: CliIo, body: () => T): T | 2 {
  try {
    return body();
  } catch (e) {
    if (e instanceof UsageError || e instanceof ConfigError) {
      io.stderr(`seedlint: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

/** Whether the report file would replace a file being linted: the same path, or a link to it. */
function isInput(outputFile: string, s: Setup): boolean {
  if (s.args.stdin) return false;
  const names = new Set([outputFile]);
  try {
    names.add(fs.realpathSync(outputFile));
  } catch {
    return false; // a new file is nobody's input
  }
  return s.files.some((f) => names.has(f));
}

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
  if (args.listRules || args.printConfig !== undefined) {
    const { listRules, printConfig } = await import('./info');
    return usageErrors(io, () => (args.listRules ? listRules(args, io) : printConfig(args, io)));
  }
  const s = usageErrors(io, () => (args.stdin ? stdinSetup(args, io) : setup(args, io)));
  if (s === 2) return 2;
  const outputFile = args.outputFile === undefined ? undefined : path.resolve(io.cwd, args.outputFile);
  if (outputFile !== undefined && isInput(outputFile, s)) {
    io.stderr(`seedlint: the output file "${printablePath(args.outputFile!)}" is also a file to lint: the report would replace it; write the report elsewhere\n`);
    return 2;
  }
  const output = new ReportOutput(io.stdout, outputFile);
  if (output.openFailure !== undefined) {
    output.close();
    io.stderr(`seedlint: cannot write "${printablePath(args.outputFile!)}": ${output.openFailure}\n`);
    return 2;
  }
  const report = new Report(args, io);
  if (args.stdin) {
    const name = stdinPath(args, io.cwd);
    const maxBytes = args.maxFileSizeMb * 1024 * 1024;
    const input = await (io.readStdin ?? readProcessStdin)(maxBytes);
    const result = input.overLimit
      ? fatalResult(name, 'file/too-large', `Standard input is over the ${args.maxFileSizeMb} MB limit: not linted (--max-file-size raises the limit).`)
      : lintInputForCli(name, input.bytes, s, io.now);
    output.add(report.add(result));
  } else {
    const { runFiles } = await import('./run');
    await runFiles(s, io, (r) => output.add(report.add(r)));
  }
  output.add(report.end());
  const failure = output.close();
  if (failure !== undefined) {
    io.stderr(`seedlint: cannot write "${printablePath(args.outputFile!)}": ${failure}\n`);
    return 2;
  }
  // ESLint prints the verdict on standard error; here it is in the report where the format has room for it.
  if (report.tooManyWarnings && (!reportsTooManyWarnings(args.format) || outputFile !== undefined)) io.stderr(`${tooManyWarningsMessage(args.maxWarnings)}\n`);
  if (args.fix && args.format === 'stylish') {
    const { fixes, filesFixed } = report;
    io.stderr(`seedlint: applied ${fixes} fix${fixes === 1 ? '' : 'es'} in ${filesFixed} file${filesFixed === 1 ? '' : 's'}.\n`);
  }
  return report.exitCode;
}

/** Standard input up to `maxBytes`; past that it is not read further (it may never end). */
function readProcessStdin(maxBytes: number): Promise<{ bytes: Uint8Array; overLimit: boolean }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stdin = process.stdin;
    const done = (overLimit: boolean) => {
      stdin.removeAllListeners('data');
      stdin.pause();
      resolve({ bytes: overLimit ? new Uint8Array(0) : Buffer.concat(chunks, size), overLimit });
    };
    stdin.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) return done(true);
      chunks.push(chunk);
    });
    stdin.once('end', () => done(false));
    stdin.once('error', reject);
  });
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
