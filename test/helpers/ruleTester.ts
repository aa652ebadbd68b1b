/**
 * A RuleTester in ESLint's mould: every invalid case must report exactly the listed findings, and
 * `output` is given exactly when the rule's safe fixes change the text. The fixed text is linted
 * again and must hold nothing this rule could still fix.
 */
import * as assert from 'node:assert/strict';
import { allRules, fixText, lint, resolveConfig, type Finding, type Rule } from '../../server/src/engine/index';

export const NOW = new Date('2026-11-22T12:00:00Z');

export interface ExpectedFinding {
  messageId: string;
  /** The exact text the finding spans. */
  text?: string;
  /** 1-based line of the finding's start. */
  line?: number;
}

export interface InvalidCase {
  name?: string;
  code: string;
  errors: ExpectedFinding[];
  /** The text after applying this rule's safe fixes to a fixed point; omit when there is none. */
  output?: string;
  options?: Record<string, unknown>;
}

export function configFor(rule: Rule, options?: Record<string, unknown>, languages?: string[]) {
  const others = Object.fromEntries(allRules.filter((r) => r !== rule).map((r) => [r.meta.id, 'off' as const]));
  return resolveConfig({ rules: { ...others, [rule.meta.id]: options ? { options } : rule.meta.defaultSeverity }, ...(languages ? { languages } : {}) }, allRules);
}

export function findingsOf(rule: Rule, code: string, options?: Record<string, unknown>): Finding[] {
  const result = lint(code, configFor(rule, options), { now: NOW });
  assert.deepEqual(result.failures, [], `rule threw: ${result.failures[0]?.error.stack}`);
  return result.findings;
}

export function runRuleTests(rule: Rule, cases: { valid: Array<string | { code: string; options?: Record<string, unknown> }>; invalid: InvalidCase[] }): void {
  describe(rule.meta.id, () => {
    for (const [i, v] of cases.valid.entries()) {
      const code = typeof v === 'string' ? v : v.code;
      const options = typeof v === 'string' ? undefined : v.options;
      it(`valid #${i + 1}: ${JSON.stringify(code.slice(0, 50))}`, () => {
        const found = findingsOf(rule, code, options);
        assert.deepEqual(found.map((f) => `${f.messageId} ${JSON.stringify(code.slice(f.start, f.end))}`), []);
      });
    }
    for (const [i, c] of cases.invalid.entries()) {
      it(`invalid #${i + 1}: ${c.name ?? JSON.stringify(c.code.slice(0, 50))}`, () => {
        const found = findingsOf(rule, c.code, c.options);
        assert.equal(found.length, c.errors.length, `expected ${c.errors.length} finding(s), got: ${found.map((f) => `${f.messageId} ${JSON.stringify(c.code.slice(f.start, f.end))}`).join('; ')}`);
        for (const [k, e] of c.errors.entries()) {
          const f = found[k];
          assert.equal(f.messageId, e.messageId);
          assert.ok(f.message.length > 0);
          assert.ok(!/\{\w+\}/.test(f.message), `unfilled placeholder in "${f.message}"`);
          if (e.text !== undefined) assert.equal(c.code.slice(f.start, f.end), e.text);
          if (e.line !== undefined) assert.equal(result(c.code, f.start), e.line);
          for (const fix of f.fixes) {
            assert.ok(fix.title.length > 0);
            assert.ok(fix.edits.length > 0);
          }
        }
        const config = configFor(rule, c.options);
        const fixed = fixText(c.code, config, { now: NOW });
        if (c.output === undefined) {
          assert.equal(fixed.text, c.code, 'the rule fixed the text but the case gives no output');
        } else {
          assert.equal(fixed.text, c.output);
          const again = lint(fixed.text, config, { now: NOW });
          const fixable = again.findings.filter((f) => f.fixes.some((x) => x.safe));
          assert.deepEqual(fixable.map((f) => f.messageId), [], 'fixable findings remain after fixing');
        }
      });
    }
  });
}

function result(code: string, offset: number): number {
  return code.slice(0, offset).split(/\r\n|\r|\n/).length;
}
