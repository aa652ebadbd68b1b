/**
 * The bundled server validates seedlint.config.json with a validator compiled at build time
 * (esbuild.mjs, ajv's standalone code): it must accept and refuse exactly what the engine's
 * validator (ajv at run time, as the sources use it here) does, with the same message.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { allRules, parseConfig } from '../../server/src/engine/index';
import { SERVER, useLspWorkspace } from '../helpers/lspSession';

describe('LSP server: the precompiled config validator', function () {
  this.timeout(60_000);
  const ws = useLspWorkspace();

  const configs: { name: string; value: unknown }[] = [
    { name: 'an empty object', value: {} },
    { name: 'the README example', value: { include: ['seeds/**/*.txt'], exclude: ['seeds/drafts/**'], languages: ['sq', 'pt', 'da', 'en'], rules: { 'date-header/month-precision': { severity: 'warning', options: { requireDay: true } }, 'garbled/stutter': 'off' }, languageData: { da: { attribution: { verbs: ['udtalte'] } } } } },
    { name: 'an unknown property', value: { rule: {} } },
    { name: 'a severity out of the enum', value: { rules: { 'date-header/missing': 'loud' } } },
    { name: 'a rule setting that is neither', value: { rules: { 'date-header/missing': { level: 'error' } } } },
    { name: 'a language code that is not one', value: { languages: ['english'] } },
    { name: 'no languages', value: { languages: [] } },
    { name: 'an empty glob', value: { include: [''] } },
    { name: 'include that is not an array', value: { include: 'seeds/**' } },
    { name: 'a month number out of range', value: { languageData: { en: { months: { smarch: 13 } } } } },
    { name: 'a number word of zero', value: { languageData: { en: { numberWords: { large: { nil: 0 } } } } } },
    { name: 'a stop word too long', value: { languageData: { en: { stopWords: ['x'.repeat(201)] } } } },
    { name: 'an unknown attribution list', value: { languageData: { en: { attribution: { nouns: ['source'] } } } } },
    { name: 'not an object', value: ['rules'] },
  ];

  /** The engine's verdict on a config text, with ajv compiled at run time. */
  function engineVerdict(text: string): string {
    try {
      parseConfig(text, allRules, 'seedlint.config.json');
      return 'accepted';
    } catch (e) {
      return (e as Error).message;
    }
  }

  it('the bundle carries no ajv compiler, and so generates no code at run time', () => {
    const bundle = fs.readFileSync(SERVER.replace(/server\.js$/, 'server.bundle.js'), 'utf8');
    assert.ok(!bundle.includes('node_modules/ajv/dist/compile/'), 'ajv/dist/compile is not bundled');
    assert.ok(bundle.includes('PrecompiledAjv'), 'the precompiled validator is bundled');
    // ajv's compiler turned the schema into code with `new Function`: the one such call the server had.
    assert.ok(!/\bnew Function\s*\(|\beval\s*\(/.test(bundle), 'no new Function or eval in dist/server.bundle.js');
  });

  for (const { name, value } of configs) {
    it(`${name}: the server gives the engine's verdict`, async () => {
      const text = JSON.stringify(value);
      fs.writeFileSync(path.join(ws.root, 'seedlint.config.json'), text);
      // The message names the file by its path: compare the part after it.
      const expected = engineVerdict(text).replace(/^seedlint\.config\.json: /, '');
      const session = await ws.start({ pull: true });
      const uri = await session.open(ws.seed000());
      await session.pullItems(uri);
      const warning = session.shownMessages.find((m) => m.includes('seedlint.config.json'));
      if (expected === 'accepted') {
        assert.equal(warning, undefined, `no warning for ${name}`);
      } else {
        assert.ok(warning, `a warning for ${name}`);
        const file = path.join(ws.root, 'seedlint.config.json');
        assert.equal(warning, `seedlint: ${file}: ${expected} (using the default configuration until it is fixed)`);
      }
    });
  }
});
