import * as assert from 'node:assert/strict';
import duplicate from '../../server/src/rules/date-header/duplicate';
import future from '../../server/src/rules/date-header/future';
import glued from '../../server/src/rules/date-header/glued';
import invalidDate from '../../server/src/rules/date-header/invalid-date';
import keyword from '../../server/src/rules/date-header/keyword';
import missing, { datesNamedInText } from '../../server/src/rules/date-header/missing';
import monthPrecision from '../../server/src/rules/date-header/month-precision';
import nonIso from '../../server/src/rules/date-header/non-iso';
import whitespace from '../../server/src/rules/date-header/whitespace';
import { allRules, resolveConfig, SeedDocument, splitSentences } from '../../server/src/engine/index';
import { splitWords } from '../../server/src/engine/words';
import { findingsOf, runRuleTests } from '../helpers/ruleTester';

const BODY = 'Titulli i lajmit\n\nNjë paragraf i shkurtër.\n';

runRuleTests(missing, {
  valid: [`date 2024-10-28\n${BODY}`, `date 2024-10\n${BODY}`, `Date: 28.10.2024\n${BODY}`],
  invalid: [
    { name: 'no header', code: BODY, errors: [{ messageId: 'missing', line: 1, text: 'Titulli i lajmit' }], output: `date YYYY-MM-DD\n${BODY}` },
    { name: 'empty file', code: '', errors: [{ messageId: 'missing', line: 1, text: '' }], output: 'date YYYY-MM-DD\n' },
    { name: 'CRLF file gets a CRLF header', code: 'Title\r\nBody.\r\n', errors: [{ messageId: 'missing' }], output: 'date YYYY-MM-DD\r\nTitle\r\nBody.\r\n' },
    { name: 'header after the title is moved', code: 'Title\ndate 2024-10-28\nBody.\n', errors: [{ messageId: 'misplaced', line: 1 }], output: 'date 2024-10-28\nTitle\nBody.\n' },
    { name: 'placeholder stays flagged, no safe fix', code: `date YYYY-MM-DD\n${BODY}`, errors: [{ messageId: 'placeholder', text: 'YYYY-MM-DD' }] },
  ],
});

describe('date-header/missing candidates', () => {
  it('offers the one full date the text names, as an unsafe fix', () => {
    const [f] = findingsOf(missing, 'Title\nThe talks ended on 28 October 2024 in Brussels.\n');
    assert.equal(f.fixes.length, 2);
    assert.equal(f.fixes[0].safe, false);
    assert.equal(f.fixes[0].edits[0].text, 'date 2024-10-28\n');
    assert.equal(f.fixes[1].safe, true);
  });
  it('offers no dated header when the text names two dates', () => {
    const [f] = findingsOf(missing, 'Title\nFrom 28 October 2024 to 3 November 2024.\n');
    assert.deepEqual(f.fixes.map((x) => x.safe), [true]);
  });
  it('reads dates in several languages and forms', () => {
    const config = resolveConfig({}, allRules);
    const doc = new SeedDocument('Lufta ka nisur më 24 shkurt të vitit 2022. Am 3. März 2023. On May 5, 2021. 2020-01-31. 31.12.2019.', config.languages);
    assert.deepEqual(datesNamedInText(doc).map((d) => d.iso).sort(), ['2019-12-31', '2020-01-31', '2021-05-05', '2022-02-24', '2023-03-03']);
  });
  it('gives each date the first line that names it, in whatever form', () => {
    const config = resolveConfig({}, allRules);
    const doc = new SeedDocument('Title\nOn October 28, 2024 it began.\nNothing here.\nSince 28 October 2024, and 2024-10-28 again.\n', config.languages);
    assert.deepEqual(datesNamedInText(doc), [{ iso: '2024-10-28', line: 2 }]);
  });
});

runRuleTests(whitespace, {
  valid: [`date 2024-10-28\n${BODY}`, BODY],
  invalid: [
    { name: 'leading space (seeds 000-002)', code: ` date 2024-10-28\n${BODY}`, errors: [{ messageId: 'leading', text: ' ' }], output: `date 2024-10-28\n${BODY}` },
    { name: 'blank lines first', code: `\n\n  \ndate 2024-10-28\n${BODY}`, errors: [{ messageId: 'blankLines', line: 1 }], output: `date 2024-10-28\n${BODY}` },
    { name: 'trailing tab', code: `date 2024-10-28\t\n${BODY}`, errors: [{ messageId: 'trailing', text: '\t' }], output: `date 2024-10-28\n${BODY}` },
  ],
});

runRuleTests(glued, {
  valid: [`date 2024-10-28\n${BODY}`],
  invalid: [
    { name: 'body on the header line', code: 'date 2024-10 Sekretari i Mbrojtjes tha.\n', errors: [{ messageId: 'glued', text: ' Sekretari' }], output: 'date 2024-10\nSekretari i Mbrojtjes tha.\n' },
    { name: 'CRLF document gets CRLF', code: 'date 2024-10-28  Body here.\r\nMore.\r\n', errors: [{ messageId: 'glued' }], output: 'date 2024-10-28\r\nBody here.\r\nMore.\r\n' },
  ],
});

runRuleTests(keyword, {
  valid: [`date 2024-10-28\n${BODY}`, BODY],
  invalid: [
    { code: `Date: 2024-10-28\n${BODY}`, errors: [{ messageId: 'variant', text: 'Date: ' }], output: `date 2024-10-28\n${BODY}` },
    { code: `DATE 2024-10-28\n${BODY}`, errors: [{ messageId: 'variant' }], output: `date 2024-10-28\n${BODY}` },
    { code: `data 2024-10-28\n${BODY}`, errors: [{ messageId: 'variant' }], output: `date 2024-10-28\n${BODY}` },
    { code: `date  2024-10-28\n${BODY}`, errors: [{ messageId: 'separator' }], output: `date 2024-10-28\n${BODY}` },
    { code: `2024-10-28\n${BODY}`, errors: [{ messageId: 'missingKeyword', text: '2024-10-28' }], output: `date 2024-10-28\n${BODY}` },
  ],
});

runRuleTests(nonIso, {
  valid: [`date 2024-10-28\n${BODY}`, `date 2024-10\n${BODY}`],
  invalid: [
    { code: `date 28.10.2024\n${BODY}`, errors: [{ messageId: 'nonIso', text: '28.10.2024' }], output: `date 2024-10-28\n${BODY}` },
    { code: `date 2024/10/28\n${BODY}`, errors: [{ messageId: 'nonIso' }], output: `date 2024-10-28\n${BODY}` },
    { code: `date 2024-1-5\n${BODY}`, errors: [{ messageId: 'nonIso' }], output: `date 2024-01-05\n${BODY}` },
    { code: `date 28 October 2024\n${BODY}`, errors: [{ messageId: 'nonIso', text: '28 October 2024' }], output: `date 2024-10-28\n${BODY}` },
    { code: `date October 28, 2024\n${BODY}`, errors: [{ messageId: 'nonIso' }], output: `date 2024-10-28\n${BODY}` },
    { name: 'Albanian month', code: `date 28 tetor 2024\n${BODY}`, errors: [{ messageId: 'nonIso' }], output: `date 2024-10-28\n${BODY}` },
    { name: 'Danish month with period', code: `date 28. oktober 2024\n${BODY}`, errors: [{ messageId: 'nonIso' }], output: `date 2024-10-28\n${BODY}` },
    { name: 'Portuguese', code: `date 28 outubro 2024\n${BODY}`, errors: [{ messageId: 'nonIso' }], output: `date 2024-10-28\n${BODY}` },
    { name: 'German', code: `date 3. März 2024\n${BODY}`, errors: [{ messageId: 'nonIso' }], output: `date 2024-03-03\n${BODY}` },
    { name: 'Polish genitive', code: `date 28 października 2024\n${BODY}`, errors: [{ messageId: 'nonIso' }], output: `date 2024-10-28\n${BODY}` },
    { name: 'day-first slash', code: `date 28/10/2024\n${BODY}`, errors: [{ messageId: 'nonIso' }], output: `date 2024-10-28\n${BODY}` },
    { name: 'ambiguous slash: no fix', code: `date 03/04/2024\n${BODY}`, errors: [{ messageId: 'ambiguous' }] },
    { name: 'month words', code: `date October 2024\n${BODY}`, errors: [{ messageId: 'nonIso' }], output: `date 2024-10\n${BODY}` },
    { name: 'impossible date gets no fix', code: `date 30.02.2024\n${BODY}`, errors: [{ messageId: 'nonIso' }] },
  ],
});

runRuleTests(invalidDate, {
  valid: [`date 2024-02-29\n${BODY}`, `date 2024-10\n${BODY}`],
  invalid: [
    { code: `date 2024-02-30\n${BODY}`, errors: [{ messageId: 'impossible', text: '2024-02-30' }] },
    { code: `date 2023-02-29\n${BODY}`, errors: [{ messageId: 'impossible' }] },
    { code: `date 2024-13\n${BODY}`, errors: [{ messageId: 'impossible' }] },
    { code: `date 2024-10-00\n${BODY}`, errors: [{ messageId: 'impossible' }] },
    { code: `date tomorrow\n${BODY}`, errors: [{ messageId: 'unparsed', text: 'tomorrow' }] },
  ],
});

runRuleTests(monthPrecision, {
  valid: [`date 2024-10-28\n${BODY}`, BODY],
  invalid: [
    { code: `date 2024-10\n${BODY}`, errors: [{ messageId: 'monthOnly', text: '2024-10' }] },
    { code: `date 2024-10\n${BODY}`, options: { requireDay: true }, errors: [{ messageId: 'dayRequired' }] },
  ],
});

describe('date-header/month-precision severity', () => {
  it('is info by default and error when the day is required', () => {
    assert.equal(findingsOf(monthPrecision, `date 2024-10\n${BODY}`)[0].severity, 'info');
    assert.equal(findingsOf(monthPrecision, `date 2024-10\n${BODY}`, { requireDay: true })[0].severity, 'error');
  });
});

runRuleTests(future, {
  valid: [`date 2026-11-22\n${BODY}`, `date 2026-11\n${BODY}`, `date 2020-01-01\n${BODY}`],
  invalid: [
    { code: `date 2026-11-23\n${BODY}`, errors: [{ messageId: 'future' }] },
    { code: `date 2042-01\n${BODY}`, errors: [{ messageId: 'future' }] },
  ],
});

runRuleTests(duplicate, {
  valid: [`date 2024-10-28\n${BODY}`],
  invalid: [
    { name: 'same header again: safe delete', code: `date 2024-10-28\nTitle\ndate 2024-10-28\nBody.\n`, errors: [{ messageId: 'duplicate', line: 3 }], output: `date 2024-10-28\nTitle\nBody.\n` },
    { name: 'different date: unsafe only', code: `date 2024-10-28\nTitle\ndate 2024-10-29\nBody.\n`, errors: [{ messageId: 'duplicate', line: 3 }] },
  ],
});

describe('document model', () => {
  it('gives every word its lower case and Unicode script, with UTF-16 offsets', () => {
    const config = resolveConfig({}, allRules);
    const text = 'date 2024-10-28\n𝕏 Ukraina и Россия: Ελλάδα, 北京 ve İSTANBUL’da.\n';
    const doc = new SeedDocument(text, config.languages);
    const words = doc.paragraphs.flatMap((p) => p.sentences.flatMap((s) => doc.words(s)));
    assert.deepEqual(
      words.map((w) => [text.slice(w.start, w.end), w.lower, w.script]),
      [
        ['𝕏', '𝕏', 'Other'], // an astral letter of the Common script: two UTF-16 units
        ['Ukraina', 'ukraina', 'Latin'],
        ['и', 'и', 'Cyrillic'],
        ['Россия', 'россия', 'Cyrillic'],
        ['Ελλάδα', 'ελλάδα', 'Greek'],
        ['北京', '北京', 'Han'],
        ['ve', 've', 'Latin'],
        ['İSTANBUL’da', "istanbul'da", 'Latin'],
      ],
    );
  });
});

describe('document model: lower case made once', () => {
  const config = resolveConfig({}, allRules);
  const bodies = [
    'Ukraina dhe Rusia. NATO THOTË: 1.500 USHTARË. Çfarë ndodhi?',
    'L’Ukraine et la Russie. D’APRÈS l’AFP, 3 000 soldats.', // curly apostrophes: words normalised one by one
    'Cafe\u0301 com leite. SEGUNDA FRASE AQUI.', // a combining mark: likewise
    'Россия и Украина. ΑΘΗΝΑ ΚΑΙ ΣΟΦΙΑ. Ελλάδα.', // capital sigma: no lower-cased text
    'İSTANBUL’da ve Ankara’da. İkinci cümle.', // dotted capital I: likewise
  ];
  for (const body of bodies) {
    it(`gives every word the lower case splitWords gives its sentence alone: ${body.slice(0, 24)}`, () => {
      const text = `date 2024-10-28\nTitle\n${body}\n${body}\n`;
      const doc = new SeedDocument(text, config.languages);
      assert.equal(doc.lowerText === undefined, /[\u0130\u03a3]/.test(text));
      const sentences = doc.paragraphs.flatMap((p) => p.sentences);
      assert.ok(sentences.length >= 4);
      for (const s of sentences) {
        assert.deepEqual(
          doc.words(s).map((w) => [w.start, w.end, w.lower]),
          splitWords(s.text, s.start).map((w) => [w.start, w.end, w.lower]),
        );
      }
    });
  }
});

describe('sentence splitting', () => {
  const split = (text: string) => splitSentences(text, 0, 0, new Set(['dr']), new Map([['mai', 5]])).map((s) => s.text);
  it('splits after ?! and ..., never producing empty sentences; a closed quote stays with what follows', () => {
    assert.deepEqual(split('Really?! Yes... “Then what?” He left. Dr. Smith stayed on 5. Mai.'), ['Really?!', 'Yes...', '“Then what?” He left.', 'Dr. Smith stayed on 5. Mai.']);
  });
  it('keeps a quotation with its speaker in one sentence', () => {
    assert.deepEqual(split('“Ne po shohim prova. Nuk dihet ende”, tha Austin. Ai foli.'), ['“Ne po shohim prova. Nuk dihet ende”, tha Austin.', 'Ai foli.']);
  });
  it('splits scripts without capitals: at their own full stops, and after . ? before any of their letters', () => {
    assert.deepEqual(split('यह पहला वाक्य है। यह दूसरा वाक्य है॥ और तीसरा।'), ['यह पहला वाक्य है।', 'यह दूसरा वाक्य है॥', 'और तीसरा।']);
    assert.deepEqual(split('هذه الجملة الأولى. وهذه الثانية؟ نعم۔ تم'), ['هذه الجملة الأولى.', 'وهذه الثانية؟', 'نعم۔', 'تم']);
    assert.deepEqual(split('ሰላም ነው። እንዴት ነህ፧ ደህና'), ['ሰላም ነው።', 'እንዴት ነህ፧', 'ደህና']);
    // Still not before a lower-case letter of a cased script, nor after an abbreviation.
    assert.deepEqual(split('Dr. Ali said so. and then'), ['Dr. Ali said so. and then']);
  });
  it('splits after the CJK 。！？ with or without a space, keeping closing 」 with its sentence', () => {
    assert.deepEqual(split('这是第一句。这是第二句！第三句？ 好。'), ['这是第一句。', '这是第二句！', '第三句？', '好。']);
    assert.deepEqual(split('日本語の文です。「引用です。」次の文。'), ['日本語の文です。', '「引用です。」', '次の文。']);
  });
  it('gives each sentence its own words (no cache collision after "?!")', () => {
    const config = resolveConfig({}, allRules);
    const doc = new SeedDocument('date 2024-10-28\nTitle\nWho knew?! Then 1.500 left.\n', config.languages);
    const sentences = doc.paragraphs[1].sentences;
    assert.deepEqual(sentences.map((s) => doc.words(s).map((w) => w.lower)), [['who', 'knew'], ['then', 'left']]);
  });
});
