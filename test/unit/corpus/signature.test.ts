import * as assert from 'node:assert/strict';
import { applyEdits } from '../../../server/src/engine/index';
import { deserializeSignature, furnitureLine, LINE_FIELDS, lineHash, readsAsProse, serializeSignature, SIGNATURE_VERSION, signatureOf } from '../../../server/src/corpus/index';
import { allStopWords } from '../../../server/src/corpus/lines';
import { documentOf, joinLines, linesOf, page, signature } from './pages';

const STOP = allStopWords(documentOf('date 2024-01-01\nx\n').languages.lexicons);

describe('corpus lines', () => {
  it('hash the same after case, spacing and digits change, and differently otherwise', () => {
    assert.deepEqual(lineHash('© 2021 Diario Norte.  Todos los derechos reservados.'), lineHash('© 2024 diario norte. TODOS LOS DERECHOS RESERVADOS. '));
    assert.deepEqual(lineHash('Aktualisiert am 03.11.2022, 14:05 Uhr'), lineHash('Aktualisiert am 28.1.2023, 9:41 Uhr'));
    assert.notDeepEqual(lineHash('* Política'), lineHash('* Politica'));
    assert.notDeepEqual(lineHash('Share on Facebook'), lineHash('Share on Twitter'));
  });

  it('read as prose: sentences with stop words in any listed language, long unspaced-script sentences', () => {
    assert.equal(readsAsProse('Whale whisperer Hori Parata was just seven years old when he attended his first mass stranding.', { stopWords: STOP }), true);
    assert.equal(readsAsProse('Los estudiantes de inicial, primaria y secundaria volvieron a las clases de forma presencial.', { stopWords: STOP }), true);
    // Albanian prose read in any document: another language's sentence is still prose.
    assert.equal(readsAsProse('Shefi i NATO-s ka thënë se aleanca ushtarake e ka konfirmuar se trupat janë në gatishmëri.', { stopWords: STOP }), true);
    assert.equal(readsAsProse('梁振英在星期二的答问大会开始之际在其演说中道歉，但强调他在违章建筑问题上没有隐瞒的意图和动机。', { stopWords: STOP }), true);
  });

  it('read as furniture: menus, buttons, copyright lines, word lists without stop words', () => {
    const { languages } = documentOf('date 2024-01-01\nx\n');
    const furniture = (t: string) => languages.isBoilerplate(t);
    for (const line of ['* Política', 'Subscribe to our newsletter', 'Share on Facebook', 'Judy Eddy/WENN.com', '© 2022 Diario Libre. Todos los derechos reservados.', 'Home News Sport Business Culture Travel Weather Video Audio Podcasts Newsletters Opinion Lifestyle Money Tech Science Health Food Style Books Music Film Television Games Puzzles.']) {
      assert.equal(readsAsProse(line, { stopWords: STOP, furniture }), false, line);
    }
  });
});

describe('corpus signatures', () => {
  const text = joinLines(['date 2024-05-02', 'Council approves the new budget', '  * Politics  ', 'The council approved the budget on Tuesday after a long debate in the chamber.', 'Subscribe to our newsletter']);
  const sig = signature(text);

  it('keep furniture lines with their offsets, and a removal of each line and one line break', () => {
    const entries = [];
    for (let o = 0; o < sig.lines.length; o += LINE_FIELDS) entries.push(furnitureLine(sig.lines, o));
    assert.deepEqual(entries.map((e) => text.slice(e.start, e.end)), ['Council approves the new budget', '* Politics', 'Subscribe to our newsletter']);
    assert.deepEqual(entries.map((e) => e.line), [1, 2, 4]);
    const menu = entries[1];
    assert.equal(menu.start - menu.lineStart, 2);
    assert.equal(applyEdits(text, [{ start: menu.removeStart, end: menu.removeEnd, text: '' }]), joinLines(['date 2024-05-02', 'Council approves the new budget', 'The council approved the budget on Tuesday after a long debate in the chamber.', 'Subscribe to our newsletter']));
    // The last line, with no line break after it, takes the one before it.
    const unterminated = text.replace(/\n$/, '');
    const last = furnitureLine(signature(unterminated).lines, 2 * LINE_FIELDS);
    assert.equal(applyEdits(unterminated, [{ start: last.removeStart, end: last.removeEnd, text: '' }]), unterminated.slice(0, unterminated.lastIndexOf('\n')));
  });

  it('leave the date header out: a page saved under another date has the same signature', () => {
    const article = page('173_en_guardian-1.txt');
    const a = signature(article);
    const b = signature(article.replace(/^date \S+/, 'date 2024-01-02'));
    assert.equal(a.exact, b.exact);
    assert.deepEqual(a.mins, b.mins);
    assert.ok(a.words > 500);
    assert.notEqual(a.exact, signature(article.replace('Whale whisperer', 'The whale whisperer')).exact);
  });

  it('sketch the words of unspaced scripts character by character', () => {
    const zh = signature(page('138_zh_bbc-chinese.txt'));
    assert.ok(zh.mins && zh.words > 500, `only ${zh.words} tokens`);
  });

  it('round-trip through their serialised form, and refuse another version', () => {
    const s = signature(page('009_en_breitbart.txt'));
    const json = JSON.parse(JSON.stringify(serializeSignature(s)));
    const back = deserializeSignature(json)!;
    assert.deepEqual(back, { ...s });
    assert.equal(deserializeSignature({ ...json, version: SIGNATURE_VERSION + 1 }), undefined);
    assert.equal(deserializeSignature({ ...json, mins: 'AAAA' }), undefined);
    assert.equal(deserializeSignature({ ...json, lines: 'not base64!' }), undefined);
  });

  it('of an empty or header-only file have no sketch and no exact hash', () => {
    for (const t of ['', 'date 2024-01-01\n', '\n\n']) {
      const s = signatureOf(documentOf(t));
      assert.equal(s.exact, 0);
      assert.equal(s.mins, undefined);
      assert.equal(s.lines.length, 0);
    }
  });

  it('are made at well under a millisecond per kilobyte', () => {
    const texts = ['009_en_breitbart.txt', '173_en_guardian-1.txt', '069_es_larepublica-pe-minedu.txt', '200_pl_sprzeciw-wobec-atakow-na-fun.txt'].map(page);
    const docs = texts.map(documentOf);
    for (const d of docs) signatureOf(d);
    const t0 = performance.now();
    for (let i = 0; i < 20; i++) for (const d of docs) signatureOf(d);
    const ms = (performance.now() - t0) / 20;
    const kb = texts.reduce((n, t) => n + t.length, 0) / 1024;
    assert.ok(ms / kb < 0.5, `${(ms / kb).toFixed(3)} ms per KB`);
  });

  it('keep lines in order of the text (linesOf agrees with the document)', () => {
    const t = page('228_es_losandes-com-mendoza.txt');
    const s = signature(t);
    const lines = linesOf(t);
    for (let o = 0; o < s.lines.length; o += LINE_FIELDS) {
      const e = furnitureLine(s.lines, o);
      assert.equal(t.slice(e.start, e.end), lines[e.line].trim());
    }
  });
});
