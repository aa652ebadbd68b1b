/**
 * Recall of the garbled rules: each kind of defect injected into the clean documents of every
 * language (see inject.ts) must be reported by the right rule where it was put. Deterministic kinds
 * must all be found; the others at least 90 %. Repairable defects must be repaired exactly by the
 * rule's safe fixes.
 */
import * as assert from 'node:assert/strict';
import { allRules, fixText, lint, resolveConfig } from '../../../server/src/engine/index';
import { buildDocuments, CLEAN_LANGUAGES } from './corpus';
import * as inject from './inject';

const garbledOnly = resolveConfig(
  { rules: Object.fromEntries(allRules.map((r) => [r.meta.id, r.meta.category === 'garbled' ? r.meta.defaultSeverity : 'off'])) },
  allRules,
);
const registry = garbledOnly.languages;
const onlyRule = (id: string) => resolveConfig({ rules: Object.fromEntries(allRules.map((r) => [r.meta.id, r.meta.id === id ? 'error' : 'off'])) }, allRules);

/** Kinds whose rule decides from the text's form alone: every injected defect must be found. */
const DETERMINISTIC = new Set(['mojibake', 'markup debris', 'table', 'repeated line', 'detached hyphen', 'boilerplate']);
const MIN_RECALL = 0.9;
/** Languages written without spaces, where words cannot be doubled or hyphens detached by a space. */
const NO_SPACES = new Set(['zh', 'ja']);

describe('garbled rules on injected defects (recall)', function () {
  this.timeout(300_000);

  const stats = new Map<string, { injected: number; found: number; missed: string[] }>();
  before(() => {
    const union = new Set(registry.stopWordIndex.keys());
    for (const lang of CLEAN_LANGUAGES) {
      const stopWords = registry.lexicon(lang)?.stopWords ?? new Set<string>();
      for (const [k, doc] of buildDocuments(lang).entries()) {
        const injections = [
          inject.foreignSentence(registry, lang, k, doc),
          inject.mojibake(doc, k),
          inject.markupDebris(doc, k),
          inject.repeatedLine(doc),
          NO_SPACES.has(lang) ? undefined : inject.detachedHyphen(doc, new Set([...union, ...stopWords]), registry.conjunctionsOfAll),
          inject.tableBlock(doc, k),
          inject.boilerplate(doc, k),
          inject.gibberishToken(doc, k),
          inject.controlCharacter(doc, k),
          NO_SPACES.has(lang) ? undefined : inject.stutter(doc, stopWords, registry.reduplicates(lang), new Set(registry.grammaticalRepeats(lang) ?? [])),
          inject.orphanHeadings(doc),
        ];
        for (const i of injections) {
          if (!i) continue;
          const s = stats.get(i.kind) ?? { injected: 0, found: 0, missed: [] };
          stats.set(i.kind, s);
          s.injected++;
          const result = lint(i.text, garbledOnly);
          const found = result.findings.some((f) => f.ruleId === i.rule && f.start < Math.max(i.end, i.start + 1) && i.start < Math.max(f.end, f.start + 1));
          const repaired = !found || i.repaired === undefined || fixText(i.text, onlyRule(i.rule)).text === i.repaired;
          if (found && repaired) s.found++;
          else s.missed.push(`${lang}#${k} ${i.note}${found ? ' (found, but the safe fix does not restore the text)' : ''}`);
        }
      }
    }
    for (const [kind, s] of stats) console.log(`      ${kind}: ${s.found}/${s.injected} = ${(s.found / s.injected).toFixed(3)}`);
  });

  for (const kind of ['foreign sentence', 'mojibake', 'markup debris', 'repeated line', 'detached hyphen', 'table', 'boilerplate', 'gibberish', 'control character', 'stutter', 'orphan headings']) {
    const required = DETERMINISTIC.has(kind) ? 1 : MIN_RECALL;
    it(`${kind}: recall at least ${required}`, () => {
      const s = stats.get(kind);
      assert.ok(s && s.injected >= 300, `${kind}: only ${s?.injected ?? 0} injections`);
      const recall = s.found / s.injected;
      assert.ok(recall >= required, `${kind}: recall ${recall.toFixed(3)} < ${required}; missed:\n${s.missed.join('\n')}`);
    });
  }
});
