/**
 * The engine's compiled franc and the faster tokenizer give exactly what they replace: franc 6's
 * `francAll` and the original word and sentence splitting, on real text of 43 languages and on
 * hostile strings.
 */
import { scriptOf } from '../../server/src/engine/scripts';
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { francAll as reference } from 'franc';
import { francAll, francScores, SEPARATOR_UNITS } from '../../server/src/engine/language/franc';
import { isSpaceUnit, splitWords, startsWithCapital, WORD_RE, type Word } from '../../server/src/engine/words';
import { DEFAULT_LANGUAGES, LanguageRegistry } from '../../server/src/engine/index';

const ROOT = path.resolve(__dirname, '../..');
const CLEAN = path.join(ROOT, 'test/fixtures/clean');
const texts: string[] = [];
for (const f of fs.readdirSync(CLEAN).filter((f) => f.endsWith('.txt')).sort()) {
  const t = fs.readFileSync(path.join(CLEAN, f), 'utf8');
  const lines = t.split('\n');
  texts.push(...lines.slice(0, 12), lines.slice(12, 30).join(' '), t.slice(0, 3000));
}
const HOSTILE = [
  '',
  'a',
  '123456789 !!!',
  '😀😀😀 hello world 𠀀𠀁 text and more',
  'İstanbul İİİ ΑΣ.Β ΟΔΟΣ:Α Σ ﬁne straße ǅǄǆ',
  '\uD800abc lone \uDC00 surrogates here and there',
  'Ελληνικά και English mixed μαζί στο ίδιο κείμενο',
  'Русский текст with Latin words и цифры 2024',
  '\u00a0\u2003tabs\tand\u2028line\u2029separators\ufeff and\u3000spaces',
  'a'.repeat(5000),
  'the '.repeat(700),
];

const registryOnly = (new LanguageRegistry(DEFAULT_LANGUAGES) as unknown as { francOnly: string[] }).francOnly;
const OPTIONS = [{}, { only: registryOnly }, { only: registryOnly, minLength: 20 }, { only: ['eng', 'deu', 'fra'] }, { ignore: ['eng', 'sco'] }, { only: ['cmn', 'jpn'] }, { only: ['xyz'] }];

describe('compiled franc (perf)', function () {
  this.timeout(120000);
  it('gives exactly francAll on real sentences and documents of 43 languages', () => {
    let n = 0;
    for (const t of texts) {
      for (const o of OPTIONS) {
        assert.deepEqual(francAll(t, o), reference(t, o), `${JSON.stringify(o)}: ${JSON.stringify(t.slice(0, 60))}`);
        n++;
      }
    }
    assert.ok(n > 3000);
  });

  it('gives exactly francAll on hostile strings and random mixtures', () => {
    let seed = 7;
    const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296);
    const samples = [...HOSTILE];
    for (let k = 0; k < 300; k++) {
      const a = texts[Math.floor(rnd() * texts.length)];
      const b = texts[Math.floor(rnd() * texts.length)];
      const cut = Math.floor(rnd() * a.length);
      samples.push(a.slice(0, cut) + b.slice(0, Math.floor(rnd() * 400)) + String.fromCharCode(Math.floor(rnd() * 0x3000)));
    }
    for (const t of samples) for (const o of OPTIONS) assert.deepEqual(francAll(t, o), reference(t, o), JSON.stringify(t.slice(0, 60)));
  });

  it('treats as separators exactly what trigram-utils removes', () => {
    const listed = new Set<number>();
    for (const [a, b] of SEPARATOR_UNITS) for (let c = a; c <= b; c++) listed.add(c);
    for (let c = 0; c < 65536; c++) {
      assert.equal(listed.has(c), /^(?:[\u0021-\u0040]|\s)$/.test(String.fromCharCode(c)), `U+${c.toString(16)}`);
    }
  });
});

/** splitWords as it was: each word lower-cased and normalised on its own. */
function referenceWords(text: string, base = 0): Word[] {
  const out: Word[] = [];
  const re = new RegExp(WORD_RE.source, WORD_RE.flags);
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const lower0 = m[0].toLowerCase().replace(/’/g, "'").replace(/i\u0307/g, 'i');
    const lower = /[\u0300-\u036f]/.test(lower0) ? lower0.normalize('NFC') : lower0;
    out.push({ start: base + m.index, end: base + m.index + m[0].length, lower, script: scriptOf(m[0].codePointAt(0) ?? 0) });
  }
  return out;
}

describe('word splitting (perf)', () => {
  it('lower-cases the whole text once with the same words as word by word', () => {
    for (const t of [...texts, ...HOSTILE, 'd’après l’été', 'Cafe\u0301 NAI\u0308VE', 'ΟΔΟΣ:Α ΑΣ.Β ΣΑΣ', 'İZMİR İstanbul']) {
      assert.deepEqual(splitWords(t, 5), referenceWords(t, 5), JSON.stringify(t.slice(0, 60)));
    }
  });

  it('finds the words the regular expression finds, on any string of letters, marks, joiners and surrogates', () => {
    const pieces = ['a', 'Z', 'é', 'ß', 'ж', 'Ω', 'ع', 'ह', 'ि', '\u0301', '語', '𝐀', '𠀀', '😀', '\ud800', '\udc00', "'", '’', '-', '.', ' ', ',', '1', '\n', 'İ', 'Σ'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 40 }), (parts) => {
        const t = parts.join('');
        assert.deepEqual(splitWords(t, 3), referenceWords(t, 3), JSON.stringify(t));
      }),
      { numRuns: 2000 },
    );
  });

  it('startsWithCapital is /^\\p{Lu}/u on the text from that offset, for every code unit and for astral letters', () => {
    for (let c = 0; c < 0x10000; c++) {
      const t = `x${String.fromCharCode(c)}y`;
      assert.equal(startsWithCapital(t, 1), /^\p{Lu}/u.test(t.slice(1)), `U+${c.toString(16)}`);
    }
    for (const t of ['𝐀bc', '𝐚bc', '𞤀x', '😀A', '\ud835', 'A', 'ǅ', 'Ⅸ']) assert.equal(startsWithCapital(t, 0), /^\p{Lu}/u.test(t), JSON.stringify(t));
  });

  it('isSpaceUnit is what trim() removes and \\s matches, for every code unit', () => {
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      assert.equal(isSpaceUnit(c), ch.trim() === '', `U+${c.toString(16)}`);
      assert.equal(isSpaceUnit(c), /\s/.test(ch), `U+${c.toString(16)}`);
    }
  });
});

describe('francScores (perf)', () => {
  it('is francAll for the text’s own script', () => {
    const latin = texts.filter((t) => /^[\p{Script=Latin}\s\p{P}\d]+$/u.test(t.slice(0, 200)) && t.length > 30).slice(0, 60);
    assert.ok(latin.length > 20);
    for (const t of latin) assert.deepEqual(francScores(t, 'Latin', { only: registryOnly }), reference(t, { only: registryOnly, minLength: 1 }), t.slice(0, 60));
  });
});
