/**
 * Every finding on seeds/, in a readable form, compared with test/snapshots/seeds.txt: a rule change
 * shows its blast radius in review. UPDATE_SNAPSHOTS=1 rewrites the snapshot.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { allRules, lint, resolveConfig } from '../../server/src/engine/index';
import { NOW } from '../helpers/ruleTester';

const ROOT = path.resolve(__dirname, '../..');
const SNAPSHOT = path.join(ROOT, 'test/snapshots/seeds.txt');

export function seedsReport(): string {
  const config = resolveConfig({}, allRules);
  const dir = path.join(ROOT, 'seeds');
  const lines: string[] = [];
  for (const name of fs.readdirSync(dir).filter((f) => f.endsWith('.txt')).sort()) {
    const text = fs.readFileSync(path.join(dir, name), 'utf8');
    const result = lint(text, config, { now: NOW });
    lines.push(`${name} (${result.document.language})`);
    for (const f of result.findings) {
      const s = result.document.lineIndex.positionAt(f.start);
      const e = result.document.lineIndex.positionAt(f.end);
      const excerpt = text.slice(f.start, f.end).replace(/\n/g, '⏎').replace(/\r/g, '␍');
      const fix = f.fixes.length ? ` [${f.fixes.map((x) => (x.safe ? 'fix' : 'unsafe fix')).join(', ')}]` : '';
      lines.push(`  ${s.line + 1}:${s.character + 1}-${e.line + 1}:${e.character + 1} ${f.severity} ${f.ruleId} ${JSON.stringify(excerpt.length > 60 ? excerpt.slice(0, 57) + '...' : excerpt)}${fix}`);
      lines.push(`    ${f.message}`);
    }
  }
  return lines.join('\n') + '\n';
}

describe('findings on seeds/ (snapshot)', () => {
  it('match test/snapshots/seeds.txt', () => {
    const actual = seedsReport();
    if (process.env.UPDATE_SNAPSHOTS === '1' || !fs.existsSync(SNAPSHOT)) {
      fs.writeFileSync(SNAPSHOT, actual);
      if (process.env.UPDATE_SNAPSHOTS !== '1') assert.fail('test/snapshots/seeds.txt did not exist; it was written, review and commit it');
      return;
    }
    assert.equal(actual, fs.readFileSync(SNAPSHOT, 'utf8'), 'findings on seeds/ changed: review, then UPDATE_SNAPSHOTS=1 npm run test:unit');
  });
});
