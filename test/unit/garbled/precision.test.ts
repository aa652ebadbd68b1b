/**
 * Precision of the garbled rules on clean prose nobody here wrote: ten seed-shaped documents per
 * language from the Leipzig sentences of test/fixtures/clean/ (43 languages, eight scripts). At most
 * one finding per 50 documents; every one is listed when the budget is exceeded.
 */
import * as assert from 'node:assert/strict';
import { allRules, lint, resolveConfig } from '../../../server/src/engine/index';
import { buildDocuments, CLEAN_LANGUAGES } from './corpus';

const garbledOnly = resolveConfig(
  { rules: Object.fromEntries(allRules.map((r) => [r.meta.id, r.meta.category === 'garbled' ? r.meta.defaultSeverity : 'off'])) },
  allRules,
);

/** The budget: one finding per this many clean documents. */
const DOCUMENTS_PER_FINDING = 50;

describe('garbled rules on clean prose (precision)', function () {
  this.timeout(120_000);

  it(`report at most one finding per ${DOCUMENTS_PER_FINDING} clean documents, in every script`, () => {
    const findings: string[] = [];
    const byScript = new Map<string, { documents: number; findings: number }>();
    let documents = 0;
    for (const lang of CLEAN_LANGUAGES) {
      for (const [k, text] of buildDocuments(lang).entries()) {
        const result = lint(text, garbledOnly);
        assert.deepEqual(result.failures, [], `${lang}#${k}: a rule threw`);
        documents++;
        const script = result.document.languageProfile.script;
        const tally = byScript.get(script) ?? { documents: 0, findings: 0 };
        tally.documents++;
        tally.findings += result.findings.length;
        byScript.set(script, tally);
        for (const f of result.findings) {
          const line = result.document.lines[result.document.lineOf(f.start)].text;
          findings.push(`${lang}#${k} ${f.ruleId} ${JSON.stringify(text.slice(f.start, f.end).slice(0, 60))}: ${f.message}\n        in: ${line.slice(0, 160)}`);
        }
      }
    }
    const summary = [...byScript].map(([script, t]) => `${script} ${t.findings}/${t.documents}`).join(', ');
    console.log(`      ${findings.length} finding(s) in ${documents} clean documents (${summary})`);
    for (const f of findings) console.log(`        ${f}`);
    assert.ok(documents >= 430, `only ${documents} documents built`);
    assert.ok(
      findings.length * DOCUMENTS_PER_FINDING <= documents,
      `${findings.length} findings in ${documents} clean documents (budget ${Math.floor(documents / DOCUMENTS_PER_FINDING)}):\n${findings.join('\n')}`,
    );
  });
});
