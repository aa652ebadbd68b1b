/** `--list-rules` and `--print-config <file>`: what the CLI would do, printed instead of a lint. */
import * as path from 'node:path';
import { allRules, DEFAULT_LANGUAGES, resolveConfig, type ConfigFile } from '../engine/index';
import { DEFAULT_INCLUDE, readConfigFile } from '../io/config';
import { ALWAYS_EXCLUDED } from '../io/files';
import { compileGlob } from '../io/glob';
import type { CliArgs } from './args';
import { corpusFor, type CliIo } from './setup';

interface RuleRow {
  id: string;
  category: string;
  /** The level this run would use: the config's and --rule's, else the default. */
  level: string;
  defaultLevel: string;
  fixable: boolean;
  description: string;
}

function configOf(args: CliArgs, io: CliIo, start?: string) {
  const found = corpusFor(args, io.cwd, start);
  const file: ConfigFile = found.configFile ? readConfigFile(found.configFile) : {};
  return { found, file, config: resolveConfig(file, allRules, args.rules) };
}

/** Every rule with the level the config in force gives it: a table, or JSON with --format json. */
export function listRules(args: CliArgs, io: CliIo): number {
  const { config } = configOf(args, io);
  const levels = new Map(config.rules.map((r) => [r.rule.meta.id, r.severity as string]));
  const rows: RuleRow[] = allRules.map((r) => ({
    id: r.meta.id,
    category: r.meta.category,
    level: levels.get(r.meta.id) ?? 'off',
    defaultLevel: r.meta.defaultSeverity,
    fixable: r.meta.fixable,
    description: r.meta.description,
  }));
  if (args.format === 'json') {
    io.stdout(JSON.stringify(rows, null, 2) + '\n');
    return 0;
  }
  const idWidth = rows.reduce((w, r) => Math.max(w, r.id.length), 0);
  const levelWidth = rows.reduce((w, r) => Math.max(w, r.level.length), 0);
  let out = '';
  for (const r of rows) out += `${r.id.padEnd(idWidth)}  ${r.level.padEnd(levelWidth)}  ${r.fixable ? 'fix' : '   '}  ${r.description}\n`;
  io.stdout(out);
  return 0;
}

/**
 * The configuration used for `file`, as JSON (ESLint's --print-config): the config file and corpus
 * root a run from here uses, whether a walk of the corpus picks the file, the languages and each
 * rule's level and options.
 */
export function printConfig(args: CliArgs, io: CliIo): number {
  const target = path.resolve(io.cwd, args.printConfig!);
  const { found, file, config } = configOf(args, io);
  const include = file.include ?? DEFAULT_INCLUDE;
  const exclude = file.exclude ?? [];
  const rel = path.relative(found.root, target).split(path.sep).join('/');
  const inCorpus = !rel.startsWith('../') && rel !== '..' && !path.isAbsolute(rel);
  const matches = (globs: string[]) => globs.some((g) => compileGlob(g).match(rel));
  const rules: Record<string, { level: string; options: Record<string, unknown> }> = {};
  const resolved = new Map(config.rules.map((r) => [r.rule.meta.id, r]));
  for (const r of allRules) {
    const on = resolved.get(r.meta.id);
    rules[r.meta.id] = { level: on?.severity ?? 'off', options: on?.options ?? { ...(r.meta.defaultOptions ?? {}) } };
  }
  const printed = {
    filePath: target,
    configFile: found.configFile ?? null,
    corpusRoot: found.root,
    /** Whether a run without paths lints this file (include, exclude and the folders always left out). */
    inCorpus: inCorpus && matches(include) && !matches(exclude) && !ALWAYS_EXCLUDED.some((g) => compileGlob(g).match(rel)),
    include,
    exclude,
    languages: file.languages ?? DEFAULT_LANGUAGES,
    languageData: file.languageData ?? {},
    rules,
  };
  io.stdout(JSON.stringify(printed, null, 2) + '\n');
  return 0;
}
