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

export interface ConfigFile {
  include?: string[];
  exclude?: string[];
  languages?: string[];
  rules?: Record<string, RuleSetting>;
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
    if (err.keyword === 'additionalProperties') detail = `has unknown property "${(err.params as { additionalProperty: string }).additionalProperty}"`;
    if (err.keyword === 'enum') detail = `must be one of ${(err.params as { allowedValues: string[] }).allowedValues.join(', ')}`;
    if (err.keyword === 'oneOf') detail = 'must be a severity (off, info, warning, error) or { "severity", "options" }';
    throw new ConfigError(`${source}: ${path}: ${detail}`, path);
  }
  const config = value as ConfigFile;
  for (const key of ['include', 'exclude'] as const) {
    (config[key] ?? []).forEach((glob, i) => {
      // Globs are relative to the corpus root and stay inside it: the config is data from the workspace.
      if (/^[/\\]|^[A-Za-z]:|(^|[/\\])\.\.([/\\]|$)/.test(glob)) {
        throw new ConfigError(`${source}: /${key}/${i}: "${glob}" leaves the corpus root: use a relative glob without ..`, `/${key}/${i}`);
      }
    });
  }
  const known = new Map(rules.map((r) => [r.meta.id, r]));
  for (const [id, setting] of Object.entries(config.rules ?? {})) {
    const path = `/rules/${id.replace(/~/g, '~0').replace(/\//g, '~1')}`;
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
  return { file, rules: resolved, languages, key };
}
