/**
 * Property tests over damaged real text (seeded, part of the normal run): the engine never throws,
 * every range is inside the document and on UTF-16 boundaries that keep surrogate pairs whole,
 * every message is filled in, and fixes reach a fixed point without deleting unflagged text.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { allRules, applyFixes, decodeBytes, fixText, lint, MAX_FIX_PASSES, resolveConfig, type Finding, type Fix } from '../../server/src/engine/index';
import { NOW } from '../helpers/ruleTester';

const ROOT = path.resolve(__dirname, '../..');
const config = resolveConfig({}, allRules);
const SEED = 20261122;
export const FUZZ_RUNS = { documents: 400, bytes: 200, fixes: 250 };

function baseTexts(): string[] {
  const texts = fs.readdirSync(path.join(ROOT, 'seeds')).filter((f) => f.endsWith('.txt')).map((f) => fs.readFileSync(path.join(ROOT, 'seeds', f), 'utf8'));
  for (const lang of ['sq', 'pt', 'da', 'de', 'ru', 'el', 'ar', 'he', 'hi', 'zh', 'ja', 'ko']) {
    const lines = fs.readFileSync(path.join(ROOT, 'test/fixtures/clean', `${lang}.txt`), 'utf8').split('\n').slice(0, 12);
    texts.push(`date 2024-10-28\n${lines.join('\n')}\n`);
  }
  return texts;
}

const DAMAGE = [
  '\r\n', '\r', '\n\n\n', '\u0000', '\u202e', '\u2066', '\u200b', '\u200d', '\ufeff', '\u0301', '\u0308\u0301', '😀', '𝕏', '👩‍👩‍👧',
  'שלום עולם', 'مرحبا بالعالم', 'Привет', 'Ã«', 'â€™', '\ufffd', '|---|---|', 'Details | |', '<br>', '&nbsp;', '-hnk">', ' -coreanos',
  'date 2024-13-45', ' date 2024-10 ', 'Date: 28.10.2024', '1.500', '3 mijë', '€3 mia.', '40%', '“', '”', '„', '«', '»', '"', ':', '. ',
  'siges det', 'sipas', 'Kommentare (0)', '/REL/', '\t', '    ', 'the the the', 'https://example.com/a?b=c',
];
const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));
const damage = fc.oneof(fc.constantFrom(...DAMAGE), loneSurrogate, fc.string({ unit: 'binary', maxLength: 8 }), fc.string({ unit: 'grapheme', maxLength: 8 }));
const edit = fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), cut: fc.nat({ max: 30 }), insert: damage });

function damaged(base: string, edits: Array<{ at: number; cut: number; insert: string }>): string {
  let t = base;
  for (const e of edits) {
    const pos = Math.floor(e.at * t.length);
    t = t.slice(0, pos) + e.insert + t.slice(Math.min(t.length, pos + (e.cut > 20 ? e.cut : 0)));
  }
  return t;
}

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;
/** An offset that falls between the two halves of a surrogate pair. */
function splitsPair(text: string, offset: number): boolean {
  return offset > 0 && offset < text.length && isHigh(text.charCodeAt(offset - 1)) && isLow(text.charCodeAt(offset));
}

export function checkFindings(text: string, findings: Finding[]): void {
  for (const f of findings) {
    const where = `${f.ruleId} [${f.start}, ${f.end})`;
    assert.ok(Number.isInteger(f.start) && Number.isInteger(f.end) && 0 <= f.start && f.start <= f.end && f.end <= text.length, `${where} out of range (length ${text.length})`);
    assert.ok(!splitsPair(text, f.start) && !splitsPair(text, f.end), `${where} splits a surrogate pair`);
    assert.ok(f.message.trim().length > 0 && !/\{\w+\}/.test(f.message), `${where}: bad message "${f.message}"`);
    assert.ok(['error', 'warning', 'info'].includes(f.severity));
    for (const fix of f.fixes) {
      assert.ok(fix.title.trim().length > 0, `${where}: fix without title`);
      for (const e of fix.edits) {
        assert.ok(0 <= e.start && e.start <= e.end && e.end <= text.length, `${where}: fix edit out of range`);
        assert.ok(!splitsPair(text, e.start) && !splitsPair(text, e.end), `${where}: fix edit splits a surrogate pair`);
      }
    }
  }
}

/**
 * One pass of safe fixes, checking that every non-blank character a fix deletes lies inside a
 * finding's range, or is put back by the same fix (a moved line).
 */
function checkedPass(text: string): string {
  const { findings, failures } = lint(text, config, { now: NOW });
  assert.deepEqual(failures.map((f) => `${f.ruleId}: ${f.error.message}`), []);
  const owner = new Map<Fix, Finding>();
  for (const f of findings) {
    const fix = f.fixes.find((x) => x.safe);
    if (fix) owner.set(fix, f);
  }
  const pass = applyFixes(text, [...owner.keys()]);
  const covered = findings.map((f) => [f.start, f.end] as const);
  for (const fix of pass.applied) {
    const inserted = fix.edits.map((e) => e.text).join('');
    for (const e of fix.edits) {
      for (let i = e.start; i < e.end; i++) {
        if (/\s/.test(text[i])) continue;
        const inFinding = covered.some(([s, t]) => s <= i && i < t);
        assert.ok(inFinding || inserted.includes(text.slice(e.start, e.end).trim()), `${owner.get(fix)!.ruleId} deletes unflagged text ${JSON.stringify(text.slice(e.start, e.end))}`);
      }
    }
  }
  return pass.text;
}

describe('property tests (fast-check, seeded)', function () {
  this.timeout(300_000);
  const bases = baseTexts();

  it(`lints ${FUZZ_RUNS.documents} damaged documents without throwing; ranges, messages and fixes are sound`, () => {
    fc.assert(
      fc.property(fc.nat({ max: bases.length - 1 }), fc.array(edit, { maxLength: 12 }), (i, edits) => {
        const text = damaged(bases[i], edits);
        const result = lint(text, config, { now: NOW });
        assert.deepEqual(result.failures.map((f) => `${f.ruleId}: ${f.error.stack}`), []);
        checkFindings(text, result.findings);
      }),
      { seed: SEED, numRuns: FUZZ_RUNS.documents },
    );
  });

  it(`decodes and lints ${FUZZ_RUNS.bytes} random byte strings (NUL, invalid UTF-8, BOM)`, () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), fc.boolean(), (bytes, bom) => {
        const input = bom ? new Uint8Array([0xef, 0xbb, 0xbf, ...bytes]) : bytes;
        const decoded = decodeBytes(input);
        if (decoded.invalidUtf8At !== undefined) assert.ok(decoded.invalidUtf8At >= 0 && decoded.invalidUtf8At < input.length);
        const valid = new TextDecoder('utf-8', { fatal: false }).decode(input);
        if (decoded.invalidUtf8At === undefined) assert.doesNotThrow(() => new TextDecoder('utf-8', { fatal: true }).decode(input));
        else assert.ok(valid.includes('\ufffd'));
        const result = lint(decoded.text, config, { now: NOW });
        assert.deepEqual(result.failures, []);
        checkFindings(decoded.text, result.findings);
      }),
      { seed: SEED, numRuns: FUZZ_RUNS.bytes },
    );
  });

  it(`fixes ${FUZZ_RUNS.fixes} damaged documents to a fixed point, idempotently, deleting only flagged text`, () => {
    fc.assert(
      fc.property(fc.nat({ max: bases.length - 1 }), fc.array(edit, { maxLength: 8 }), (i, edits) => {
        const text = damaged(bases[i], edits);
        let current = text;
        let passes = 0;
        for (; passes < MAX_FIX_PASSES; passes++) {
          const next = checkedPass(current);
          if (next === current) break;
          current = next;
        }
        assert.ok(passes < MAX_FIX_PASSES, 'no fixed point within the pass limit');
        const engine = fixText(text, config, { now: NOW });
        assert.equal(engine.text, current, 'fixText and pass-by-pass fixing disagree');
        assert.equal(fixText(engine.text, config, { now: NOW }).text, engine.text, 'fixing is not idempotent');
        assert.deepEqual(engine.result.findings.filter((f) => f.fixes.some((x) => x.safe)).map((f) => f.ruleId), [], 'fixable findings remain');
        checkFindings(engine.text, engine.result.findings);
      }),
      { seed: SEED, numRuns: FUZZ_RUNS.fixes },
    );
  });
});

describe('hostile shapes', function () {
  this.timeout(300_000);
  const seed = fs.readFileSync(path.join(ROOT, 'seeds/004_936c4cfa7d2d837d.txt'), 'utf8');

  it('a 10 MB single line', () => {
    const line = seed.replace(/\n/g, ' ').repeat(Math.ceil((10 * 1024 * 1024) / seed.length)).slice(0, 10 * 1024 * 1024);
    const text = `date 2024-10-28\n${line}`;
    const result = lint(text, config, { now: NOW });
    assert.deepEqual(result.failures, []);
    checkFindings(text, result.findings);
  });

  it('100,000 empty lines, and CRLF / CR / LF mixtures', () => {
    const text = `date 2024-10-28\nTitle\n${'\n'.repeat(100_000)}Body 1.500 soldater.\r\nMore\rand more.\n`;
    const result = lint(text, config, { now: NOW });
    assert.deepEqual(result.failures, []);
    checkFindings(text, result.findings);
    assert.equal(result.document.lineIndex.lineCount, 100_006);
  });
});
