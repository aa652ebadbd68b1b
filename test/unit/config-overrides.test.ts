/** Config `overrides` (rule settings by file) and `fixTypes`: validation and resolution per file. */
import * as assert from 'node:assert/strict';
import { allRules, ConfigError, configForFile, lint, parseConfig, resolveConfig } from '../../server/src/engine/index';
import { configForPath } from '../../server/src/io/config';

const parse = (value: unknown) => parseConfig(JSON.stringify(value), allRules);
const severityOf = (config: ReturnType<typeof resolveConfig>, id: string) => config.rules.find((r) => r.rule.meta.id === id)?.severity ?? 'off';

describe('config: overrides by file', () => {
  it('the schema takes overrides and fixTypes, and refuses what is not one', () => {
    parse({ overrides: [{ files: ['seeds/004_*.txt'], rules: { 'garbled/stutter': 'off' } }], fixTypes: ['layout', 'removal'] });
    const refused = (value: unknown, pattern: RegExp) => assert.throws(() => parse(value), (e: unknown) => e instanceof ConfigError && pattern.test(e.message));
    refused({ overrides: [{ files: [], rules: {} }] }, /\/overrides\/0\/files/);
    refused({ overrides: [{ rules: {} }] }, /\/overrides\/0/);
    refused({ overrides: [{ files: ['a.txt'], rules: { 'garbled/nope': 'off' } }] }, /\/overrides\/0\/rules\/garbled~1nope: unknown rule/);
    refused({ overrides: [{ files: ['a.txt'], rules: { 'garbled/stutter': 'loud' } }] }, /\/overrides\/0\/rules\/garbled~1stutter/);
    refused({ overrides: [{ files: ['../a.txt'], rules: {} }] }, /\/overrides\/0\/files\/0: "..\/a.txt" leaves the corpus root/);
    refused({ fixTypes: ['suggestion'] }, /\/fixTypes\/0: must be one of layout, removal/);
  });

  it('a file an override matches gets its rules over the top-level ones; other files the same config object', () => {
    const file = parse({
      rules: { 'garbled/stutter': 'error', 'date-header/month-precision': { severity: 'warning', options: { requireDay: true } } },
      overrides: [
        { files: ['seeds/004_*.txt'], rules: { 'garbled/stutter': 'off', 'date-header/month-precision': 'info' } },
        { files: ['seeds/004_b.txt'], rules: { 'garbled/stutter': 'warning' } },
      ],
    });
    const config = resolveConfig(file, allRules);
    const other = configForPath(config, '/corpus', '/corpus/seeds/001_a.txt');
    assert.equal(other, config, 'no override matches: the same object');
    const a = configForPath(config, '/corpus', '/corpus/seeds/004_a.txt');
    assert.equal(severityOf(a, 'garbled/stutter'), 'off');
    const precision = a.rules.find((r) => r.rule.meta.id === 'date-header/month-precision')!;
    assert.equal(precision.severity, 'info');
    assert.equal(precision.options.requireDay, true, 'the top-level options stay under an override severity');
    assert.equal(severityOf(configForPath(config, '/corpus', '/corpus/seeds/004_b.txt'), 'garbled/stutter'), 'warning', 'later overrides win');
    assert.equal(configForPath(config, '/corpus', '/corpus/seeds/004_c.txt'), a, 'one resolved config per set of matching overrides');
    assert.equal(severityOf(config, 'garbled/stutter'), 'error');
    assert.deepEqual(a.file.fixTypes, undefined);
  });

  it('findings follow the file\'s config', () => {
    const text = 'date 2024-10-01\nTitle\n\nThe the report was late.\n';
    const config = resolveConfig(parse({ overrides: [{ files: ['x/*.txt'], rules: { 'garbled/stutter': 'off' } }] }), allRules);
    const ids = (c: typeof config) => lint(text, c).findings.map((f) => f.ruleId);
    assert.ok(ids(config).includes('garbled/stutter'));
    assert.ok(!ids(configForFile(config, (g) => g === 'x/*.txt')).includes('garbled/stutter'));
  });
});
