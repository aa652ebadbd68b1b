/**
 * The garbled rules on the demo corpus: what they must find in seeds 003 (Portuguese machine
 * translation) and 004 (Danish), what they must leave alone in the clean Albanian seeds 000-002, and
 * what applying every safe fix does to 003 and 004, compared with text edited by hand.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { allRules, fixText, lint, resolveConfig, type Finding } from '../../../server/src/engine/index';
import { NOW } from '../../helpers/ruleTester';

const ROOT = path.resolve(__dirname, '../../..');
const seed = (prefix: string) => {
  const name = fs.readdirSync(path.join(ROOT, 'seeds')).find((f) => f.startsWith(prefix))!;
  return fs.readFileSync(path.join(ROOT, 'seeds', name), 'utf8');
};
const garbledOnly = resolveConfig(
  { rules: Object.fromEntries(allRules.map((r) => [r.meta.id, r.meta.category === 'garbled' ? r.meta.defaultSeverity : 'off'])) },
  allRules,
);

interface Located {
  rule: string;
  /** 1-based lines of the finding's start and end. */
  line: number;
  endLine: number;
  text: string;
  finding: Finding;
}

function findings(text: string): Located[] {
  const result = lint(text, garbledOnly, { now: NOW });
  assert.deepEqual(result.failures, []);
  const lineOf = (offset: number) => result.document.lineIndex.positionAt(offset).line + 1;
  return result.findings.map((f) => ({ rule: f.ruleId, line: lineOf(f.start), endLine: lineOf(f.end), text: text.slice(f.start, f.end), finding: f }));
}

function has(found: Located[], rule: string, line: number, text?: string): Located {
  const hit = found.find((f) => f.rule === rule && f.line === line && (text === undefined || f.text === text));
  assert.ok(hit, `expected ${rule} on line ${line}${text ? ` for "${text}"` : ''}; found:\n${found.map((f) => `  ${f.line} ${f.rule} ${JSON.stringify(f.text.slice(0, 60))}`).join('\n')}`);
  return hit;
}

describe('garbled rules on seeds/', () => {
  const s003 = seed('003_');
  const s004 = seed('004_');
  const f003 = findings(s003);
  const f004 = findings(s004);

  it('003 and 004: the repeated title (line 2)', () => {
    has(f003, 'garbled/duplicate-line', 2);
    has(f004, 'garbled/duplicate-line', 2);
  });

  it('003 line 5: the tag debris and the gibberish token', () => {
    has(f003, 'garbled/markup-debris', 5, '-hnk">');
    has(f003, 'garbled/gibberish', 5, 'Pynongy-visitysitysday-hnk');
  });

  it('003 line 6: the English splice at the end of the line, and the detached hyphens', () => {
    const splice = has(f003, 'garbled/wrong-language', 6, 'ucraine reject thes transfers');
    const lineEnd = s003.split('\n')[5].length;
    const column = splice.finding.start - s003.split('\n').slice(0, 5).join('\n').length - 1;
    assert.ok(lineEnd - column < 60, 'the splice sits at the end of line 6');
    has(f003, 'garbled/detached-hyphen', 6, 'norte -coreanos');
    has(f003, 'garbled/detached-hyphen', 6, 'quinta -feira');
  });

  it('the detached hyphens of 003 lines 7, 8, 14 and 004 lines 3-4', () => {
    has(f003, 'garbled/detached-hyphen', 7, 'norte -coreana');
    has(f003, 'garbled/detached-hyphen', 8, 'norte -coreana');
    has(f003, 'garbled/detached-hyphen', 14, 'norte -coreano');
    has(f004, 'garbled/detached-hyphen', 3, 'Ukraine -konflikten');
    has(f004, 'garbled/detached-hyphen', 3, 'Kursk -regionen');
    has(f004, 'garbled/detached-hyphen', 4, 'Kursk -regionen');
  });

  it('003 lines 8-13: the run of orphan headings', () => {
    const run = has(f003, 'garbled/orphan-headings', 8);
    assert.equal(run.endLine, 13);
  });

  it('004 lines 11-14: the table debris', () => {
    const table = has(f004, 'garbled/table-debris', 11);
    assert.equal(table.endLine, 14);
  });

  it('003 and 004: "Kommentare (0)"', () => {
    has(f003, 'garbled/boilerplate', 15, 'Kommentare (0)');
    has(f004, 'garbled/boilerplate', 15, 'Kommentare (0)');
  });

  it('004 line 7: the English heading "Brotherhood of Arms"', () => {
    has(f004, 'garbled/wrong-language', 7, 'Brotherhood of Arms');
  });

  it('the clean Albanian seeds 000-002: nothing but the agency tag that ends 001', () => {
    assert.deepEqual(findings(seed('000_')).map((f) => `${f.rule} ${f.text}`), []);
    assert.deepEqual(findings(seed('001_')).map((f) => `${f.rule} ${f.text}`), ['garbled/boilerplate  /REL/']);
    assert.deepEqual(findings(seed('002_')).map((f) => `${f.rule} ${f.text}`), []);
  });

  /** Applies every safe garbled fix; checks that nothing fixable is left and returns the text. */
  function fixed(text: string): string {
    const result = fixText(text, garbledOnly, { now: NOW });
    const again = lint(result.text, garbledOnly, { now: NOW });
    assert.deepEqual(again.findings.filter((f) => f.fixes.some((x) => x.safe)).map((f) => `${f.ruleId} ${result.text.slice(f.start, f.end)}`), [], 'fixable findings left');
    return result.text;
  }

  it('003: the safe fixes give the hand-edited text', () => {
    const lines = s003.split('\n');
    assert.equal(lines.length, 15, 'seed 003 has 15 lines and no final line break');
    // By hand: drop the repeated title (line 2) and the comment counter (line 15, with the line
    // break before it), delete the tag tail, join the detached hyphens. Nothing else changes: the
    // orphan headings (unsafe fix), the splice and the gibberish token (no fix) stay.
    const expected = [lines[0], ...lines.slice(2, 14)]
      .join('\n')
      .replace('Pynongy-visitysitysday-hnk"> Visita', 'Pynongy-visitysitysday Visita')
      .replace(/norte -corean/g, 'norte-corean')
      .replace('quinta -feira', 'quinta-feira');
    // Six joined here, one written right in line 6 already.
    assert.equal(expected.split('norte-corean').length - 1, 7);
    assert.equal(fixed(s003), expected);
  });

  it('004: the safe fixes give the hand-edited text', () => {
    const lines = s004.split('\n');
    assert.equal(lines.length, 15, 'seed 004 has 15 lines and no final line break');
    // By hand: drop the repeated title (line 2), the table (lines 11-14) and the comment counter
    // (line 15, with the line break before it), join the detached hyphens.
    const expected = [lines[0], ...lines.slice(2, 10)]
      .join('\n')
      .replace('Ukraine -konflikten', 'Ukraine-konflikten')
      .replace(/Kursk -regionen/g, 'Kursk-regionen');
    assert.equal(fixed(s004), expected);
  });
});
