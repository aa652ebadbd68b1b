import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { allRules, fixText, lint, resolveConfig, SeedDocument, type Finding } from '../../server/src/engine/index';
import { analyseFigures } from '../../server/src/rules/unattributed-figure/shared/figures';
import noSource from '../../server/src/rules/unattributed-figure/no-source';
import vagueSource from '../../server/src/rules/unattributed-figure/vague-source';
import { findingsOf, NOW, runRuleTests } from '../helpers/ruleTester';

const ROOT = path.resolve(__dirname, '../..');
const doc = (body: string) => `date 2024-10-28\nTitle\n${body}\n`;
const figureConfig = resolveConfig({ rules: Object.fromEntries(allRules.filter((r) => r.meta.category !== 'unattributed-figure').map((r) => [r.meta.id, 'off'])) }, allRules);

/** The figure texts the analysis finds in a one-paragraph document. */
function figuresIn(body: string, languages?: string[]): string[] {
  const config = languages ? resolveConfig({ languages }, allRules) : figureConfig;
  const d = new SeedDocument(doc(body), config.languages);
  return analyseFigures(d, { minimumCount: 10 }).flatMap((s) => s.figures.map((f) => f.text));
}

runRuleTests(noSource, {
  valid: [
    doc('Sipas lajmit të agjencisë Yonhap, rreth 3 mijë ushtarë janë në Rusi.'),
    doc('NIS tha se Koreja e Veriut ka dërguar rreth 1.500 ushtarë.'),
    doc('– Inteligjenca e Koresë së Jugut: Janë dërguar 3 mijë ushtarë'),
    doc('De acordo com o ministério, 2.000 pessoas foram evacuadas.'),
    doc('Ifølge politiet deltog 12.000 mennesker i demonstrationen.'),
    doc('The ministry said 40% of the budget was spent.'),
    doc('“We counted 15,000 people,” the mayor told reporters.'),
    doc('Lufta ka nisur më 24 shkurt të vitit 2022.'),
    doc('Rutte foli në Bruksel më 28 tetor.'),
    doc('Leverancerne har stået på siden august 2022.'),
    doc('The meeting starts at 14:30 under article 12 of the treaty.'),
    doc('Dy shtetet kanë raporte të veçanta.'),
    doc('He finished 2nd in the 2024 race with an F-16 and version 1.2.3.'),
    doc('Den 5. plads gik til Norge.'),
    doc('Ring 0900-8844 for at bestille tid.'),
    // A number to call is a number, not a quantity.
    doc('Ring 112, hvis du ser noget mistænkeligt.'),
    doc('Call 911 in an emergency; the helpline 116 123 is free.'),
    doc('Ligue 190 ou vá à esquadra mais próxima.'),
    doc('Në rast emergjence telefononi 112.'),
    doc('Ring 112 eller 114, hvis du ser noget mistænkeligt.'),
    doc('Call 911 or 999 in an emergency.'),
    doc('See article 3, 4 and 15 of the treaty.'),
    doc('Zelensky said the situation was grave. He added that 500 more soldiers had arrived.'),
  ],
  invalid: [
    { code: doc('Si pasojë e luftës kanë vdekur mijëra persona.'), errors: [{ messageId: 'noSource', text: 'mijëra' }] },
    // After a reference, a grouped number is a quantity again.
    { code: doc('Under article 5 and 12,000 soldiers were sent to the front.'), errors: [{ messageId: 'noSource', text: '12,000' }] },
    { code: doc('Det militære samarbejde omfatter over otte millioner artilleri.'), errors: [{ messageId: 'noSource', text: 'otte millioner' }] },
    { code: doc('Në Rusi janë dërguar 3 mijë ushtarë.'), errors: [{ messageId: 'noSource', text: '3 mijë' }] },
    { code: doc('The fund lost $2 billion last year.'), errors: [{ messageId: 'noSource', text: '$2 billion' }] },
    { code: doc('Regningen lyder på €3 mia. for staten.'), errors: [{ messageId: 'noSource', text: '€3 mia.' }] },
    { code: doc('Prices rose 40% in a year.'), errors: [{ messageId: 'noSource', text: '40%' }] },
    { code: doc('Omkring 12 000 mennesker flygtede.'), errors: [{ messageId: 'noSource', text: '12 000' }] },
    { code: doc('Die Preise stiegen um 2,5 % im Jahr.'), errors: [{ messageId: 'noSource', text: '2,5 %' }] },
    { code: doc('Morreram 1.500 pessoas e 3.000 ficaram feridas.'), errors: [{ messageId: 'noSource', text: '1.500' }, { messageId: 'noSource', text: '3.000' }] },
    { name: 'a number with an astral character before it keeps UTF-16 offsets', code: doc('𝕏 posts dropped; 1.500 people left.'), errors: [{ messageId: 'noSource', text: '1.500' }] },
  ],
});

runRuleTests(vagueSource, {
  valid: [doc('Ifølge politiet deltog 12.000 mennesker.'), doc('Det siges, at vejret bliver godt.')],
  invalid: [
    { code: doc('I henhold til de seneste fund siges det, at 1.500 soldater er blevet aktiveret.'), errors: [{ messageId: 'vague', text: '1.500' }] },
    { code: doc('It is said that 3,000 troops were sent.'), errors: [{ messageId: 'vague', text: '3,000' }] },
    { code: doc('Thuhet se janë vrarë 2.000 ushtarë.'), errors: [{ messageId: 'vague', text: '2.000' }] },
    { code: doc('Diz-se que a Coreia do Norte enviou 1.500 soldados.'), errors: [{ messageId: 'vague', text: '1.500' }] },
  ],
});

describe('unattributed-figure details', () => {
  it('names the figure and the vague cue in messages', () => {
    const [f] = findingsOf(vagueSource, doc('I henhold til de seneste fund siges det, at 1.500 soldater er blevet aktiveret.'));
    assert.equal(f.message, 'The figure “1.500” has only a vague source (“siges det”): name who says so.');
    const [g] = findingsOf(noSource, doc('Në Rusi janë dërguar 3 mijë ushtarë.'));
    assert.equal(g.message, 'The figure “3 mijë” has no source: its sentence names none.');
  });

  it('offers an unsafe [source?] marker that silences the finding once inserted', () => {
    const code = doc('Në Rusi janë dërguar 3 mijë ushtarë.');
    const [f] = findingsOf(noSource, code);
    assert.equal(f.fixes.length, 1);
    assert.equal(f.fixes[0].safe, false);
    const fixed = fixText(code, figureConfig, { now: NOW, select: () => true });
    assert.equal(fixed.text, doc('Në Rusi janë dërguar 3 mijë [source?] ushtarë.'));
    assert.deepEqual(findingsOf(noSource, fixed.text), []);
    assert.equal(fixText(code, figureConfig, { now: NOW }).text, code, '--fix applies safe fixes only');
  });

  it('respects minimumCount', () => {
    assert.deepEqual(figuresIn('Morreram 15 pessoas.'), ['15']);
    const config = resolveConfig({ rules: { 'unattributed-figure/no-source': { options: { minimumCount: 20 } } } }, allRules);
    assert.deepEqual(lint(doc('Morreram 15 pessoas.'), config).findings.filter((f) => f.ruleId === 'unattributed-figure/no-source'), []);
  });

  it('reads local number forms and skips non-figures', () => {
    assert.deepEqual(figuresIn('Ushtria dërgoi 1.500 ushtarë, 10.000 të tjerë dhe 3,000 mjete.'), ['1.500', '10.000', '3,000']);
    assert.deepEqual(figuresIn('In 1999 and 2022, on 2024-10-28 at 10:30, section 5, call +45 33 12 34 56.'), []);
    assert.deepEqual(figuresIn('Kim tha se në 1991 kishte 20 ushtarë.'), ['20']);
    assert.deepEqual(figuresIn('La guerra comenzó el 24 de febrero de 2022.'), []);
  });

  it('uses a quoted paragraph\'s own language for its cues', () => {
    const body = 'Prezydent powiedział dziennikarzom w poniedziałek, że w zeszłym tygodniu granicę przekroczyło ponad 1.500 żołnierzy z północy kraju.';
    const text = `date 2024-10-28\nTitulli i lajmit\nKoreja e Veriut ka dërguar trupa në Rusi për të mbështetur luftën e saj kundër Ukrainës, sipas zyrtarëve.\n${body}\n`;
    const result = lint(text, figureConfig, { now: NOW });
    assert.equal(result.document.language, 'sq');
    assert.deepEqual(result.findings, []);
  });

  it('keeps the document\'s language for a paragraph whose words do not point elsewhere', () => {
    // Finnish has no data file; "on" (is) is Turkish for ten. Franc once read this paragraph as Turkish.
    const text =
      'date 2022-06-20\nOtsikko\nKylässä on vanha koulu, jonka pihalla lapset leikkivät joka päivä. Kesällä järvellä uidaan ja talvella hiihdetään pitkin metsäpolkuja, kun lunta riittää.\n' +
      'Jeesiöjärven maisemanäkymiä leimaa vahvasti idässä kohoava Kumputunturi (581 m mpy), joka jylhänä taustamaisemana luo mieleenpainuvan kehyksen kylän pihapiireille. Yleinen virhe tässä blokissa on, että toinen kahdesta ketjussa hyppäävästä ottaa jalkaotteen ulommasta jalasta eikä sisäjalasta.\n';
    const result = lint(text, figureConfig, { now: NOW });
    assert.equal(result.document.language, 'fi');
    assert.deepEqual(result.findings.map((f) => text.slice(f.start, f.end)), ['581']);
  });

  it('still finds digits, quotes with speakers and colon sources in a language without data', () => {
    const config = resolveConfig({ languages: ['fi', 'en'] }, allRules);
    const findings = (body: string) => lint(doc(body), config, { now: NOW }).findings.filter((f) => f.category === 'unattributed-figure');
    assert.equal(findings('Helsingissä mielenosoitukseen osallistui noin 12.000 ihmistä lauantaina.').length, 1);
    assert.equal(findings('Poliisi: Mielenosoitukseen osallistui noin 12.000 ihmistä lauantaina').length, 0);
  });

  it('takes extra cue words from the config', () => {
    const body = 'Komiteen udtrykte bekymring over 12.000 nye sager.';
    assert.equal(lint(doc(body), figureConfig, { now: NOW }).findings.length, 1);
    const extended = resolveConfig({ rules: figureConfig.file.rules, languageData: { da: { attribution: { verbs: ['udtrykte'] } } } }, allRules);
    assert.equal(lint(doc(body), extended, { now: NOW }).findings.length, 0);
  });

  it('keeps a finding\'s fingerprint when text elsewhere changes', () => {
    const body = 'Në Rusi janë dërguar 3 mijë ushtarë.';
    const a = lint(doc(body), figureConfig, { now: NOW }).findings[0];
    const b = lint(`date 2024-10-28\nA different title\nA new first paragraph.\n${body}\n`, figureConfig, { now: NOW }).findings.find((f) => f.ruleId === a.ruleId)!;
    assert.equal(a.fingerprint, b.fingerprint);
    const reviewed = lint(doc(body), figureConfig, { now: NOW, reviewed: new Set([a.fingerprint!]) });
    assert.deepEqual(reviewed.findings, [], 'reviewed findings are dropped');
  });
});

describe('unattributed figures on seeds/', () => {
  const seed = (name: string) => fs.readFileSync(path.join(ROOT, 'seeds', name), 'utf8');
  const figuresOf = (name: string): Array<[number, string, string]> => {
    const text = seed(name);
    const result = lint(text, figureConfig, { now: NOW });
    return result.findings.map((f: Finding) => [result.document.lineOf(f.start) + 1, f.ruleId.split('/')[1], text.slice(f.start, f.end)]);
  };

  it('004: line 8 has only a vague source, line 9 none', () => {
    assert.deepEqual(figuresOf('004_936c4cfa7d2d837d.txt'), [
      [8, 'vague-source', '1.500'],
      [8, 'vague-source', '12.000'],
      [9, 'no-source', 'otte millioner'],
    ]);
  });

  it('000 and 002: every figure is attributed, dates are not figures', () => {
    assert.deepEqual(figuresOf('000_a083e0d14a4b92e0.txt'), []);
    assert.deepEqual(figuresOf('002_42ddd5023fd7d488.txt'), []);
  });

  it('001: attributed figures and dates pass; the unsourced counts are flagged', () => {
    const found = figuresOf('001_a9c94aec80565383.txt');
    for (const line of [3, 5, 21, 25]) assert.ok(!found.some(([l]) => l === line), `line ${line} should pass`);
    assert.deepEqual(found.map(([, , t]) => t), ['32', 'mijëra', 'miliona']);
  });
});

interface Labelled {
  text: string;
  unattributed: string[];
  vague: string[];
}

describe('precision and recall on labelled news sentences (test/fixtures/figures)', () => {
  const dir = path.join(ROOT, 'test/fixtures/figures');
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort();

  it('covers at least 10 languages', () => assert.ok(files.length >= 10, `${files.length} languages`));

  it('recall >= 0.9 and precision >= 0.9 over all languages (and >= 0.8 in each)', () => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    const misses: string[] = [];
    const perLanguage: string[] = [];
    for (const file of files) {
      let ltp = 0;
      let lfp = 0;
      let lfn = 0;
      for (const line of fs.readFileSync(path.join(dir, file), 'utf8').split('\n').filter(Boolean)) {
        const c = JSON.parse(line) as Labelled;
        const text = doc(c.text);
        const base = text.indexOf(c.text);
        const found = lint(text, figureConfig, { now: NOW }).findings.map((f) => ({ kind: f.ruleId.split('/')[1], s: f.start - base, e: f.end - base, t: text.slice(f.start, f.end) }));
        const expected = [...c.unattributed.map((t) => ({ kind: 'no-source', t })), ...c.vague.map((t) => ({ kind: 'vague-source', t }))].map((x) => ({ ...x, s: c.text.indexOf(x.t), e: c.text.indexOf(x.t) + x.t.length }));
        const used = new Set<number>();
        for (const e of expected) {
          const i = found.findIndex((f, k) => !used.has(k) && f.kind === e.kind && f.s < e.e && e.s < f.e);
          if (i >= 0) {
            used.add(i);
            ltp++;
          } else {
            lfn++;
            misses.push(`missed ${e.kind} "${e.t}" in ${file}: ${c.text}`);
          }
        }
        found.forEach((f, k) => {
          if (!used.has(k)) {
            lfp++;
            misses.push(`false ${f.kind} "${f.t}" in ${file}: ${c.text}`);
          }
        });
      }
      tp += ltp;
      fp += lfp;
      fn += lfn;
      const lr = ltp / Math.max(1, ltp + lfn);
      const lp = ltp / Math.max(1, ltp + lfp);
      perLanguage.push(`${file.slice(0, -6)} recall ${lr.toFixed(2)} precision ${lp.toFixed(2)}`);
      assert.ok(lr >= 0.8 && lp >= 0.8, `${file}: recall ${lr.toFixed(2)}, precision ${lp.toFixed(2)}\n${misses.join('\n')}`);
    }
    const recall = tp / (tp + fn);
    const precision = tp / (tp + fp);
    console.log(`      figures: recall ${recall.toFixed(3)}, precision ${precision.toFixed(3)} over ${files.length} languages (${tp} hits, ${fn} misses, ${fp} false)`);
    assert.ok(recall >= 0.9, `recall ${recall.toFixed(3)} < 0.9\n${misses.join('\n')}`);
    assert.ok(precision >= 0.9, `precision ${precision.toFixed(3)} < 0.9\n${misses.join('\n')}`);
  });
});
