/**
 * No regular expression of the project or of its language data can backtrack catastrophically:
 * each is checked by recheck (exponential and polynomial ReDoS), and the engine is run on
 * adversarial inputs whose lint time must stay proportional to that of ordinary text.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { checkSync } from 'recheck';
import { allRules, lint, resolveConfig } from '../../server/src/engine/index';
import { regexLiterals, RUNTIME_PROBE, type FoundRegex } from '../helpers/collectRegexes';

const ROOT = path.resolve(__dirname, '../..');

function runtimeRegexes(): FoundRegex[] {
  const r = spawnSync(process.execPath, ['--require', 'tsx/cjs', '--require', './test/helpers/markdown.cjs', '-e', RUNTIME_PROBE], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`runtime probe failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as FoundRegex[];
}

describe('regular expressions', function () {
  this.timeout(300_000);

  it('are all free of exponential and polynomial backtracking (recheck)', () => {
    const all = [...regexLiterals(), ...runtimeRegexes()];
    const unique = new Map<string, FoundRegex>();
    for (const r of all) if (!unique.has(r.source + '/' + r.flags)) unique.set(r.source + '/' + r.flags, r);
    assert.ok(unique.size > 50, `only ${unique.size} expressions found: the collection is broken`);
    const problems: string[] = [];
    for (const r of unique.values()) {
      // recheck's own parser has no lookbehind-in-Unicode-sets gaps for these; `g`/`y` do not change matching cost.
      const result = checkSync(r.source, r.flags.replace(/[gy]/g, ''), { timeout: 10_000 });
      if (result.status === 'vulnerable') problems.push(`${r.where}: /${r.source.slice(0, 120)}/${r.flags}: ${result.complexity.summary}`);
      else if (result.status === 'unknown') problems.push(`${r.where}: /${r.source.slice(0, 120)}/${r.flags}: could not be checked (${result.error?.kind ?? 'unknown'})`);
    }
    console.log(`      checked ${unique.size} distinct expressions`);
    assert.deepEqual(problems, []);
  });

  it('keep lint time proportional on adversarial inputs', () => {
    const config = resolveConfig({}, allRules);
    const size = 200_000;
    const timeOf = (text: string) => {
      const t = process.hrtime.bigint();
      lint(text, config);
      return Number(process.hrtime.bigint() - t) / 1e6;
    };
    const clean = `date 2024-10-28\nTitle\n${'Sipas zyrtarëve, rreth 3 mijë ushtarë janë dërguar në Rusi për trajnime ushtarake. '.repeat(size / 85)}\n`;
    const baseline = Math.max(timeOf(clean), timeOf(clean), 5);
    const adversarial: Record<string, string> = {
      'digits with separators': '1.'.repeat(size / 2),
      'spaced digit groups': '1 000 '.repeat(size / 6),
      'spaces before a date keyword': `date${' '.repeat(size)}x`,
      'letters without spaces': 'a'.repeat(size),
      'periods and capitals': 'A. '.repeat(size / 3),
      'unclosed quotes': '“„«"'.repeat(size / 4),
      'pipes and dashes': '|-'.repeat(size / 2),
      'angle brackets': '<a '.repeat(size / 3),
      'hyphens between words': 'x -y '.repeat(size / 5),
      'colons': 'A: '.repeat(size / 3),
      'mojibake pairs': 'Ã«'.repeat(size / 2),
      'many short lines': 'ab\n'.repeat(size / 3),
    };
    const slow: string[] = [];
    for (const [name, body] of Object.entries(adversarial)) {
      const ms = timeOf(`date 2024-10-28\nTitle\n${body}\n`);
      // A generous ratio: linear work differs by constant factors, catastrophic work by orders of magnitude.
      if (ms > baseline * 25) slow.push(`${name}: ${ms.toFixed(0)} ms vs ${baseline.toFixed(0)} ms for clean text`);
    }
    assert.deepEqual(slow, []);
  });
});
