/**
 * The IncrementalLinter gives exactly the findings of a full lint, over random typing sessions
 * on real text: the property that lets the server lint only what an edit touched.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Paragraph } from '../../server/src/engine/document';
import { prng } from '../../bench/prng.mjs';
import { allRules, IncrementalLinter, lint, resolveConfig, type Finding } from '../../server/src/engine/index';

const ROOT = path.resolve(__dirname, '../..');
const NOW = new Date('2025-06-01T00:00:00Z');

const sentences = (lang: string) =>
  fs.readFileSync(path.join(ROOT, 'test/fixtures/clean', `${lang}.txt`), 'utf8').split('\n').filter((l) => l.trim().length > 0);

/** A seed-shaped article from real sentences, with a figure or two. */
function article(rnd: ReturnType<typeof prng>, lang: string, paragraphs: number): string {
  const s = sentences(lang);
  const out = ['date 2024-10-28', rnd.pick(s)];
  for (let i = 0; i < paragraphs; i++) {
    const n = 1 + rnd.int(4);
    const p = Array.from({ length: n }, () => rnd.pick(s));
    if (rnd.next() < 0.4) p.splice(rnd.int(p.length), 0, `Some ${1000 + rnd.int(90000)} soldiers were sent.`);
    out.push(p.join(' '));
  }
  return out.join('\n\n') + '\n';
}

/** A paragraph's data, whatever object carries it (kept paragraphs move their sentences on demand). */
const plain = (p: Paragraph) => ({ index: p.index, line: p.line, start: p.start, end: p.end, text: p.text, sentences: p.sentences });

const FOREIGN = ['The ministry said nothing about it today.', 'Ctrl\u0007here\u200b and\u200bthere', '+---+---+', 'Der Minister sagte, dass 3.000 Soldaten kommen.', 'date 2024-10-28', '<div class="x">', '| a | b |', 'Ã©tÃ© dÃ©jÃ '];

/** One random edit: typing, deleting, splitting or joining lines, pasting a foreign line, touching the header. */
function edit(rnd: ReturnType<typeof prng>, text: string): string {
  const at = rnd.int(text.length + 1);
  const r = rnd.next();
  if (r < 0.45) return text.slice(0, at) + 'abcdefghijklmnopqrstuvwxyz .,0123456789'[rnd.int(39)] + text.slice(at);
  if (r < 0.7) return text.slice(0, at) + text.slice(at + 1 + rnd.int(3));
  if (r < 0.78) return text.slice(0, at) + '\n' + text.slice(at);
  if (r < 0.84) {
    const nl = text.indexOf('\n', at);
    return nl < 0 ? text : text.slice(0, nl) + text.slice(nl + 1);
  }
  if (r < 0.9) return text.slice(0, at) + '\n' + rnd.pick(FOREIGN) + '\n' + text.slice(at);
  if (r < 0.95) return text.replace(/^date 2024-10-28/, rnd.pick(['date 28.10.2024', 'Date: 2024-10-28', 'date 2024-10-28', '']));
  // Undo-like: repeat an earlier paragraph at the end.
  const lines = text.split('\n');
  return text + rnd.pick(lines) + '\n';
}

const strip = (fs: Finding[]) => fs.map((f) => ({ ...f }));

describe('IncrementalLinter (perf)', () => {
  const config = resolveConfig({}, allRules);

  for (const [lang, seed] of [['de', 1], ['pt', 2], ['da', 3], ['ru', 4], ['sq', 5]] as const) {
    it(`gives the findings of a full lint after each of 60 random edits (${lang})`, () => {
      const rnd = prng(seed);
      let text = article(rnd, lang, 12);
      const inc = new IncrementalLinter();
      for (let k = 0; k < 60; k++) {
        text = edit(rnd, text);
        const a = inc.lint(text, config, { now: NOW });
        const b = lint(text, config, { now: NOW });
        assert.deepEqual(strip(a.findings), strip(b.findings), `edit ${k} differs`);
        assert.equal(a.document.language, b.document.language);
        assert.deepEqual(a.document.paragraphs.map(plain), b.document.paragraphs.map(plain), `edit ${k}: paragraphs differ`);
      }
      assert.ok(inc.stats.hits > inc.stats.misses, `mostly reused: ${JSON.stringify(inc.stats)}`);
    });
  }

  /** What an editor's change ranges say of `a` becoming `b`: the lengths of their unchanged start and end. */
  const hintOf = (a: string, b: string) => {
    let prefix = 0;
    while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
    let suffix = 0;
    while (suffix < a.length - prefix && suffix < b.length - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++;
    return { prefix, suffix };
  };

  it('takes what an edit left unchanged from the hint it is given, and gives the findings of a full lint', () => {
    const rnd = prng(31);
    let text = article(rnd, 'pt', 12);
    const inc = new IncrementalLinter();
    inc.lint(text, config, { now: NOW });
    for (let k = 0; k < 40; k++) {
      const next = edit(rnd, text);
      const hint = hintOf(text, next);
      text = next;
      assert.deepEqual(strip(inc.lint(text, config, { now: NOW }, hint).findings), strip(lint(text, config, { now: NOW }).findings), `edit ${k} differs`);
    }
    assert.equal(inc.stats.hintsRejected, 0);
    assert.equal(inc.stats.hintsUsed, 40);
  });

  it('cannot reuse work at wrong offsets when the hint it is given is wrong', () => {
    // Two versions whose second line differs in one word, the same length: told that the change was in
    // the third line, a linter that trusted it would find the second line's paragraph where it was, with
    // the same length, and give back its old findings.
    const line2 = (word: string) => `The ${word} word was seen again near the border last week.`;
    const third = 'Nothing else happened in the region that day, the police said.';
    const before = `date 2024-10-28\nTitle\n${line2('blablablaxo')}\n${third}\n`;
    const after = `date 2024-10-28\nTitle\n${line2('blueberries')}\n${third}\n`;
    assert.equal(before.length, after.length);
    const inc = new IncrementalLinter();
    assert.ok(inc.lint(before, config, { now: NOW }).findings.some((f) => f.ruleId === 'garbled/gibberish'));
    const wrong = before.indexOf(third);
    const found = inc.lint(after, config, { now: NOW }, { prefix: wrong, suffix: before.length - wrong - 1 }).findings;
    assert.deepEqual(strip(found), strip(lint(after, config, { now: NOW }).findings));
    assert.ok(!found.some((f) => f.ruleId === 'garbled/gibberish'));
    assert.deepEqual([inc.stats.hintsUsed, inc.stats.hintsRejected], [0, 1]);
    // Random wrong ranges over a typing session: the findings are still a full lint's.
    const rnd = prng(33);
    let text = article(rnd, 'de', 10);
    inc.lint(text, config, { now: NOW });
    for (let k = 0; k < 30; k++) {
      const next = edit(rnd, text);
      const { prefix, suffix } = hintOf(text, next);
      const shift = rnd.int(3) === 0 ? 0 : rnd.int(200) - 100;
      const room = Math.min(text.length, next.length);
      const wrongPrefix = Math.max(0, Math.min(room, prefix + shift));
      text = next;
      const hint = { prefix: wrongPrefix, suffix: Math.max(0, Math.min(room - wrongPrefix, suffix - shift)) };
      assert.deepEqual(strip(inc.lint(text, config, { now: NOW }, hint).findings), strip(lint(text, config, { now: NOW }).findings), `edit ${k} differs`);
    }
    assert.ok(inc.stats.hintsRejected > 1);
  });

  it('follows the document language when an edit changes it (sentences split by the new abbreviations)', () => {
    const rnd = prng(21);
    const inc = new IncrementalLinter();
    // "bl.a." ends no sentence in Danish, but does in German: the split must follow the language.
    const danish = article(rnd, 'da', 3).replace(/\n$/, '\nDer kom bl.a. Peter og Hans til mødet. Vi talte bl.a. Om vejret.\n');
    const german = sentences('de').slice(0, 12).join(' ');
    const flipped = danish.replace(/\n\n/, `\n\n${german}\n\n`);
    for (const text of [danish, flipped, danish, flipped]) {
      const a = inc.lint(text, config, { now: NOW });
      const b = lint(text, config, { now: NOW });
      assert.deepEqual(strip(a.findings), strip(b.findings));
      assert.deepEqual(a.document.paragraphs.map(plain), b.document.paragraphs.map(plain));
    }
    const [da, de] = [lint(danish, config).document, lint(flipped, config).document];
    assert.deepEqual([da.language, de.language], ['da', 'de']);
    const last = (d: typeof da) => d.paragraphs[d.paragraphs.length - 1].sentences.length;
    assert.notEqual(last(da), last(de), 'the last paragraph splits differently in the two languages');
  });

  it('gives a kept finding a new fingerprint when only the whitespace around its paragraph changes', () => {
    // Same paragraph text at the same offset, but the line (part of a fingerprint) differs.
    const body = 'The blablablaxo word was seen again near the border last week.';
    const a = `date 2024-10-28\nTitle\n  ${body}\n`;
    const b = `date 2024-10-28\nTitle\n\t ${body}\n`;
    const inc = new IncrementalLinter();
    for (const text of [a, b, a]) {
      const incremental = inc.lint(text, config, { now: NOW }).findings;
      assert.ok(incremental.some((f) => f.ruleId === 'garbled/gibberish'), 'the gibberish is found');
      assert.deepEqual(strip(incremental), strip(lint(text, config, { now: NOW }).findings));
    }
    assert.notDeepEqual(
      lint(a, config, { now: NOW }).findings.map((f) => f.fingerprint),
      lint(b, config, { now: NOW }).findings.map((f) => f.fingerprint),
    );
  });

  it('starts afresh when the configuration changes', () => {
    const rnd = prng(9);
    const text = article(rnd, 'en', 6);
    const inc = new IncrementalLinter();
    inc.lint(text, config, { now: NOW });
    const other = resolveConfig({ rules: { 'unattributed-figure/no-source': { options: { minimumCount: 100000 } } } }, allRules);
    assert.deepEqual(strip(inc.lint(text, other, { now: NOW }).findings), strip(lint(text, other, { now: NOW }).findings));
    const english = resolveConfig({ languages: ['en'] }, allRules);
    assert.deepEqual(strip(inc.lint(text, english, { now: NOW }).findings), strip(lint(text, english, { now: NOW }).findings));
  });

  it('keeps memory bounded: entries of paragraphs gone for two lints are dropped', () => {
    const rnd = prng(11);
    const inc = new IncrementalLinter();
    for (let k = 0; k < 8; k++) inc.lint(article(rnd, 'fr', 10), config, { now: NOW });
    const few = inc.stats.entries;
    inc.lint('date 2024-10-28\nTitle\n', config, { now: NOW });
    inc.lint('date 2024-10-28\nTitle\n', config, { now: NOW });
    inc.lint('date 2024-10-28\nTitle\n', config, { now: NOW });
    assert.ok(inc.stats.entries < few / 3, `${inc.stats.entries} entries left of ${few}`);
  });
});
