/** Command-line arguments of `seedlint`. */
import type { SeveritySetting } from '../engine/index';
import { FORMATS, type FormatName } from './formatters';

export interface CliArgs {
  paths: string[];
  format: FormatName;
  fix: boolean;
  rules: Record<string, SeveritySetting>;
  config?: string;
  maxWarnings: number;
  quiet: boolean;
  maxFileSizeMb: number;
  outputFile?: string;
  color?: boolean;
  cache: boolean;
  cacheLocation?: string;
  workers?: number;
  /** Lint standard input instead of files (`--stdin`), reported under `stdinFilename`. */
  stdin: boolean;
  stdinFilename?: string;
  /** Compute fixes and report the fixed text (JSON's `output`) without writing anything. */
  fixDryRun: boolean;
  /** Print the configuration that applies to this file and exit. */
  printConfig?: string;
  listRules: boolean;
  /** Ignore seedlint.config.json: every rule at its default. */
  noConfig: boolean;
  help: boolean;
  version: boolean;
}

export class UsageError extends Error {}

export const HELP = `Usage: seedlint [options] [files, directories or globs]
       seedlint [options] --stdin [--stdin-filename <path>] < file

Lints news seed files: date headers, unattributed figures, garbled passages.
Without paths: the config's "include" globs, else **/seeds/**/*.txt.

Options:
  -f, --format <name>     stylish (default), json, sarif or github
      --fix               apply safe fixes and write the files (atomically)
      --fix-dry-run       apply safe fixes in memory only: the report describes the fixed
                          text, and the json format gives it in each result's "output"
      --stdin             lint standard input (with --fix-dry-run, fix it)
      --stdin-filename <path>  the name standard input is reported under; it picks the
                          config (the nearest seedlint.config.json above it)
      --rule <id=level>   set a rule's level: off, info, warning or error (repeatable)
  -c, --config <file>     use this config instead of the nearest seedlint.config.json
      --no-config         use no config file: every rule at its default
      --print-config <file>  print the configuration used for this file, as JSON
      --list-rules        list the rules with their levels (json with --format json)
      --max-warnings <n>  exit 1 when there are more than n warnings (-1: no limit)
      --quiet             report errors only
  -o, --output-file <f>   write the report to a file instead of standard output
      --max-file-size <MB> skip larger files with an error (default 64)
      --cache             reuse results for unchanged files (node_modules/.cache/seedlint)
      --cache-location <p> where the cache lives
      --workers <n>       worker threads (default: one per core, 1 for small runs)
      --color, --no-color force colours on or off (default: on a terminal only)
  -h, --help              show this help
  -v, --version           show the version

Exit codes: 0 no errors, 1 errors (or warnings over --max-warnings), 2 usage, config or I/O failure.`;

const LEVELS = new Set(['off', 'info', 'warning', 'error']);

export function parseArgs(argv: string[]): CliArgs {
  const a: CliArgs = {
    paths: [],
    format: 'stylish',
    fix: false,
    rules: {},
    maxWarnings: -1,
    quiet: false,
    maxFileSizeMb: 64,
    cache: false,
    stdin: false,
    fixDryRun: false,
    listRules: false,
    noConfig: false,
    help: false,
    version: false,
  };
  /** The option's value: the next argument, unless it is another option (a negative number is a value). */
  const value = (i: number, flag: string, numeric = false) => {
    const v = argv[i + 1];
    if (v === undefined || (v.startsWith('-') && v !== '-' && !(numeric && /^-\d+$/.test(v)))) throw new UsageError(`${flag} needs a value`);
    return v;
  };
  const int = (v: string, flag: string, min = 0) => {
    if (!/^-?\d+$/.test(v) || parseInt(v, 10) < min) throw new UsageError(`${flag} takes a whole number of at least ${min}, not "${v}"`);
    return parseInt(v, 10);
  };
  for (let i = 0; i < argv.length; i++) {
    let arg = argv[i];
    let inline: string | undefined;
    if (arg.startsWith('--') && arg.includes('=')) {
      inline = arg.slice(arg.indexOf('=') + 1);
      arg = arg.slice(0, arg.indexOf('='));
      argv = [...argv.slice(0, i), arg, inline, ...argv.slice(i + 1)];
    }
    switch (arg) {
      case '-f':
      case '--format': {
        const v = value(i++, arg);
        if (!FORMATS.includes(v as FormatName)) throw new UsageError(`unknown format "${v}": use ${FORMATS.join(', ')}`);
        a.format = v as FormatName;
        break;
      }
      case '--fix':
        a.fix = true;
        break;
      case '--fix-dry-run':
        a.fixDryRun = true;
        break;
      case '--stdin':
        a.stdin = true;
        break;
      case '--stdin-filename':
        a.stdinFilename = value(i++, arg);
        break;
      case '--print-config':
        a.printConfig = value(i++, arg);
        break;
      case '--list-rules':
        a.listRules = true;
        break;
      case '--no-config':
        a.noConfig = true;
        break;
      case '--rule': {
        const v = value(i++, arg);
        const m = /^([^=]+)=(.+)$/.exec(v);
        if (!m || !LEVELS.has(m[2])) throw new UsageError(`--rule takes id=level with level off, info, warning or error, not "${v}"`);
        a.rules[m[1]] = m[2] as SeveritySetting;
        break;
      }
      case '-c':
      case '--config':
        a.config = value(i++, arg);
        break;
      case '--max-warnings':
        a.maxWarnings = int(value(i++, arg, true), arg, -1);
        break;
      case '--quiet':
        a.quiet = true;
        break;
      case '-o':
      case '--output-file':
        a.outputFile = value(i++, arg);
        break;
      case '--max-file-size':
        a.maxFileSizeMb = int(value(i++, arg, true), arg, 1);
        break;
      case '--cache':
        a.cache = true;
        break;
      case '--cache-location':
        a.cacheLocation = value(i++, arg);
        a.cache = true;
        break;
      case '--workers':
        a.workers = int(value(i++, arg, true), arg, 1);
        break;
      case '--color':
        a.color = true;
        break;
      case '--no-color':
        a.color = false;
        break;
      case '-h':
      case '--help':
        a.help = true;
        break;
      case '-v':
      case '--version':
        a.version = true;
        break;
      case '--':
        for (const rest of argv.slice(i + 1)) a.paths.push(rest);
        i = argv.length;
        break;
      default:
        if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option "${arg}" (see --help)`);
        a.paths.push(arg);
    }
  }
  checkCombinations(a);
  return a;
}

/** Options that cannot go together, as ESLint words them where it has the same ones. */
function checkCombinations(a: CliArgs): void {
  if (a.fix && a.fixDryRun) throw new UsageError('--fix and --fix-dry-run cannot be used together');
  if (a.stdin && a.fix) throw new UsageError('--fix cannot write standard input: use --fix-dry-run (the json format gives the fixed text in "output")');
  if (a.stdin && a.paths.length > 0) throw new UsageError(`--stdin lints standard input, not "${a.paths[0]}": leave out the paths`);
  if (a.stdinFilename !== undefined && !a.stdin) throw new UsageError('--stdin-filename names standard input: add --stdin');
  if (a.config !== undefined && a.noConfig) throw new UsageError('--config and --no-config cannot be used together');
}
