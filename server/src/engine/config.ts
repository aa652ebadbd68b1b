/** The configuration: `seedlint.config.json` parsed, validated against its schema, resolved per rule. */
import Ajv from 'ajv';
import schema from '../../../schemas/seedlint.config.schema.json';
import { DEFAULT_LANGUAGES, LanguageRegistry, type LanguageExtensions } from './language/index';
import type { Rule } from './rule';
import type { Severity, SeveritySetting } from './types';

export const CONFIG_FILE_NAME = 'seedlint.config.json';
/** Config files are data; anything larger than this is refused rather than parsed. */
export const MAX_CONFIG_BYTES = 1024 * 1024;

export type RuleSetting = SeveritySetting | { severity?: SeveritySetting; options?: Record<string, unknown> };

/** Rule settings for the files some globs match (relative to the corpus root). */
export interface ConfigOverride {
  files: string[];
  rules: Record<string, RuleSetting>;
}

export interface ConfigFile {
  include?: string[];
  exclude?: string[];
  languages?: string[];
  rules?: Record<string, RuleSetting>;
  overrides?: ConfigOverride[];
  /** The fix classes bulk fixing applies (`--fix`, fix-all, fix on save); default layout only. */
  fixTypes?: ('layout' | 'removal')[];
  languageData?: LanguageExtensions;
}

export class ConfigError extends Error {
  constructor(
    message: string,
    /** JSON path of the offending value, like `/rules/date-header~1missing`. */
    readonly path: string,
  ) {
    super(message);
    this.name = 'ConfigError';
  }
}

export interface ResolvedRule {
  rule: Rule;
  severity: Severity;
  /** The config named a severity: it wins over a finding's own severity. */
  severityFromConfig: boolean;
  options: Record<string, unknown>;
}

export interface ResolvedConfig {
  file: ConfigFile;
  rules: ResolvedRule[];
  languages: LanguageRegistry;
  /** A stable string of everything that changes results: part of the CLI cache key. */
  key: string;
}

let validator: ReturnType<Ajv['compile']> | undefined;

/** Validates parsed JSON against the schema; throws a ConfigError naming the path and the problem. */
export function validateConfig(value: unknown, rules: readonly Rule[], source = CONFIG_FILE_NAME): ConfigFile {
  // The schema ships with us and is checked by its own tests: skip validating it against the
  // meta-schema, and skip optimising the generated code. Both halve the compile, which every
  // CLI run and server start pays; validation results are the same.
  validator ??= new Ajv({ allErrors: false, strict: false, validateSchema: false, code: { optimize: false } }).compile(schema);
  if (!validator(value)) {
    const err = validator.errors![0];
    const path = err.instancePath || '/';
    let detail = err.message ?? 'is invalid';
    // The error's path: the unknown property itself, so that an editor can point at it.
    let at = path;
    if (err.keyword === 'additionalProperties') {
      const property = (err.params as { additionalProperty: string }).additionalProperty;
      detail = `has unknown property "${property}"`;
      at = `${err.instancePath}/${property.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    }
    if (err.keyword === 'enum') detail = `must be one of ${(err.params as { allowedValues: string[] }).allowedValues.join(', ')}`;
    if (err.keyword === 'oneOf') detail = 'must be a severity (off, info, warning, error) or { "severity", "options" }';
    throw new ConfigError(`${source}: ${path}: ${detail}`, at);
  }
  const config = value as ConfigFile;
  const globLists: [string, string[] | undefined][] = [
    ['/include', config.include],
    ['/exclude', config.exclude],
    ...(config.overrides ?? []).map((o, i): [string, string[]] => [`/overrides/${i}/files`, o.files]),
  ];
  for (const [at, globs] of globLists) {
    (globs ?? []).forEach((glob, i) => {
      // Globs are relative to the corpus root and stay inside it: the config is data from the workspace.
      if (/^[/\\]|^[A-Za-z]:|(^|[/\\])\.\.([/\\]|$)/.test(glob)) {
        throw new ConfigError(`${source}: ${at}/${i}: "${glob}" leaves the corpus root: use a relative glob without ..`, `${at}/${i}`);
      }
    });
  }
  const known = new Map(rules.map((r) => [r.meta.id, r]));
  const settings: [string, string, RuleSetting][] = [
    ...Object.entries(config.rules ?? {}).map(([id, s]): [string, string, RuleSetting] => ['/rules', id, s]),
    ...(config.overrides ?? []).flatMap((o, i) => Object.entries(o.rules).map(([id, s]): [string, string, RuleSetting] => [`/overrides/${i}/rules`, id, s])),
  ];
  for (const [at, id, setting] of settings) {
    const path = `${at}/${id.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    const rule = known.get(id);
    if (!rule) throw new ConfigError(`${source}: ${path}: unknown rule "${id}"`, path);
    if (typeof setting === 'object' && setting.options) {
      const defaults = rule.meta.defaultOptions ?? {};
      for (const [key, v] of Object.entries(setting.options)) {
        if (!Object.hasOwn(defaults, key)) throw new ConfigError(`${source}: ${path}/options/${key}: unknown option of ${id}`, `${path}/options/${key}`);
        const expected = Array.isArray(defaults[key]) ? 'array' : typeof defaults[key];
        const actual = Array.isArray(v) ? 'array' : typeof v;
        if (expected !== actual) throw new ConfigError(`${source}: ${path}/options/${key}: must be ${expected === 'array' ? 'an array' : `a ${expected}`}`, `${path}/options/${key}`);
      }
    }
  }
  return config;
}

/** Parses config text (JSON) and validates it. */
export function parseConfig(text: string, rules: readonly Rule[], source = CONFIG_FILE_NAME): ConfigFile {
  if (text.length > MAX_CONFIG_BYTES) throw new ConfigError(`${source}: larger than ${MAX_CONFIG_BYTES} bytes`, '/');
  let value: unknown;
  try {
    value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    throw new ConfigError(`${source}: not valid JSON: ${(e as Error).message}`, '/');
  }
  return validateConfig(value, rules, source);
}

const registryCache = new Map<string, LanguageRegistry>();

/** Resolves severities and options for every rule; `overrides` (from --rule) win over the file. */
export function resolveConfig(
  file: ConfigFile,
  rules: readonly Rule[],
  overrides: Record<string, SeveritySetting> = {},
): ResolvedConfig {
  const resolved: ResolvedRule[] = [];
  for (const rule of rules) {
    const setting = file.rules?.[rule.meta.id];
    let severity: SeveritySetting = rule.meta.defaultSeverity;
    let fromConfig = false;
    let options = { ...(rule.meta.defaultOptions ?? {}) };
    if (typeof setting === 'string') {
      severity = setting;
      fromConfig = true;
    } else if (setting) {
      if (setting.severity) {
        severity = setting.severity;
        fromConfig = true;
      }
      options = { ...options, ...(setting.options ?? {}) };
    }
    if (overrides[rule.meta.id]) {
      severity = overrides[rule.meta.id];
      fromConfig = true;
    }
    if (severity === 'off') continue;
    resolved.push({ rule, severity, severityFromConfig: fromConfig, options });
  }
  const languageKey = JSON.stringify([file.languages ?? null, file.languageData ?? null]);
  let languages = registryCache.get(languageKey);
  if (!languages) {
    languages = new LanguageRegistry(file.languages ?? DEFAULT_LANGUAGES, file.languageData ?? {});
    registryCache.set(languageKey, languages);
  }
  const key = JSON.stringify([resolved.map((r) => [r.rule.meta.id, r.severity, r.options]), languageKey]);
  const config: ResolvedConfig = { file, rules: resolved, languages, key };
  if (file.overrides?.length) madeFrom.set(config, { rules, overrides, byMatch: new Map() });
  return config;
}

/** How a config with overrides was resolved, and its per-file variants by the overrides they match. */
const madeFrom = new WeakMap<ResolvedConfig, { rules: readonly Rule[]; overrides: Record<string, SeveritySetting>; byMatch: Map<string, ResolvedConfig> }>();

/** A rule setting with `over` laid on `base`: its severity replaces, its options add to the base's. */
function mergeSetting(base: RuleSetting | undefined, over: RuleSetting): RuleSetting {
  const b = typeof base === 'string' ? { severity: base } : (base ?? {});
  const o = typeof over === 'string' ? { severity: over } : over;
  const options = b.options || o.options ? { ...b.options, ...o.options } : undefined;
  const severity = o.severity ?? b.severity;
  return { ...(severity ? { severity } : {}), ...(options ? { options } : {}) };
}

/**
 * The config for one file: the `overrides` whose globs match it (`matches` tests a glob against
 * the file's path relative to the corpus root) laid over `rules`, in order. The same object when
 * none matches; one object per combination of matching overrides.
 */
export function configForFile(config: ResolvedConfig, matches: (glob: string) => boolean): ResolvedConfig {
  const made = madeFrom.get(config);
  if (!made) return config;
  const hit: number[] = [];
  config.file.overrides!.forEach((o, i) => {
    if (o.files.some(matches)) hit.push(i);
  });
  if (hit.length === 0) return config;
  const key = hit.join(',');
  let resolved = made.byMatch.get(key);
  if (!resolved) {
    const rules: Record<string, RuleSetting> = { ...config.file.rules };
    for (const i of hit) for (const [id, setting] of Object.entries(config.file.overrides![i].rules)) rules[id] = mergeSetting(rules[id], setting);
    const { overrides: _, ...rest } = config.file;
    resolved = resolveConfig({ ...rest, rules }, made.rules, made.overrides);
    made.byMatch.set(key, resolved);
  }
  return resolved;
}
