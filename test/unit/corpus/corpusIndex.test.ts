/**
 * The corpus rules on real pages (test/fixtures/corpus/): a site's menu and footer added to distinct
 * articles, near-copies made by real edits, and the pages' own duplicates and shared menus.
 */
import * as assert from 'node:assert/strict';
import { applyEdits } from '../../../server/src/engine/index';
import { CorpusIndex, resolveCorpusSettings, type CorpusFinding } from '../../../server/src/corpus/index';
import { ARTICLES, dressed, joinLines, linesOf, page, signature } from './pages';

const MENU = ['* News', '* Politics', '* Business', '* Culture'];
const FOOTER = ['Share on Facebook', 'Subscribe to our newsletter', '© 2024 Harbour Courier. All rights reserved.'];
const DRESSED = ARTICLES.slice(0, 4);

function indexOf(files: Record<string, string>, settings = resolveCorpusSettings()): CorpusIndex {
  const index = new CorpusIndex(settings);
  for (const [path, text] of Object.entries(files)) index.set(path, signature(text));
  return index;
}

/** Findings as `rule line "text": message`, the easiest form to compare. */
function described(findings: CorpusFinding[], text: string): string[] {
  return findings.map((f) => `${f.ruleId} ${f.range.line + 1} ${JSON.stringify(text.slice(f.start, f.end))}: ${f.message}`);
}

function site(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of DRESSED) files[name] = dressed(name, MENU, FOOTER);
  for (const name of ARTICLES.slice(4)) files[name] = page(name);
  return files;
}

describe('corpus/repeated-line on real pages', () => {
  const files = site();
  const index = indexOf(files);

  it("finds a site's menu and footer in each of its files, naming how many and one other", () => {
    for (const name of DRESSED) {
      const text = files[name];
      const lines = linesOf(text);
      const found = index.findingsFor(name).filter((f) => f.ruleId === 'corpus/repeated-line');
      assert.deepEqual(
        found.map((f) => lines[f.range.line]),
        [...MENU, ...FOOTER],
        `${name}: ${described(found, text).join('\n')}`,
      );
      for (const f of found) {
        assert.equal(f.data.count, 4);
        assert.ok(DRESSED.includes(String(f.data.other)) && f.data.other !== name, `other ${f.data.other}`);
        assert.match(f.message, new RegExp(`^This line is in 4 files of the corpus \\(also ${String(f.data.other).replace(/\./g, '\\.')}\\): site furniture, not article text\\.$`));
        // The other file holds the line where `related` says.
        assert.equal(linesOf(files[String(f.data.other)])[f.related[0].line], lines[f.range.line]);
      }
    }
  });

  it("offers to remove the line and its line break, as an unsafe removal", () => {
    const name = DRESSED[1];
    const text = files[name];
    const [f] = index.findingsFor(name).filter((x) => x.ruleId === 'corpus/repeated-line' && x.data.count === 4 && text.slice(x.start, x.end) === 'Subscribe to our newsletter');
    assert.equal(f.category, 'corpus');
    assert.equal(f.severity, 'warning');
    assert.deepEqual(f.fixes.map((x) => [x.title, x.safe, x.kind]), [['Remove this line (in 4 files)', false, 'removal']]);
    const lines = linesOf(text);
    const fixed = applyEdits(text, f.fixes[0].edits);
    assert.equal(fixed, joinLines(lines.filter((_, i) => i !== f.range.line)));
    assert.equal(f.range.character, 0);
    assert.equal(f.range.endCharacter, 'Subscribe to our newsletter'.length);
  });

  it('leaves the articles without the furniture, and their own lines, alone', () => {
    for (const name of ARTICLES.slice(4)) assert.deepEqual(described(index.findingsFor(name), files[name]), []);
  });

  it('needs three files: a line in two is not furniture yet', () => {
    const two = { ...files };
    for (const name of DRESSED.slice(0, 2)) two[name] = joinLines([...linesOf(two[name]), 'Follow us on Mastodon']);
    const idx = indexOf(two);
    for (const name of DRESSED.slice(0, 2)) assert.ok(!idx.findingsFor(name).some((f) => two[name].slice(f.start, f.end) === 'Follow us on Mastodon'));
  });

  it('leaves prose alone, however many files share it', () => {
    const sentence = 'The council approved the budget on Tuesday after a long debate in the chamber.';
    const shared = { ...files };
    for (const name of DRESSED) shared[name] = joinLines([...linesOf(shared[name]), sentence]);
    const idx = indexOf(shared);
    for (const name of DRESSED) assert.ok(!idx.findingsFor(name).some((f) => shared[name].slice(f.start, f.end) === sentence));
  });

  it('finds the menu lines real pages share (* Facebook, * Twitter in four pages of four sites)', () => {
    const real = ['200_pl_sprzeciw-wobec-atakow-na-fun.txt', '228_es_losandes-com-mendoza.txt', '251_de_thebigbone-wordpress-com-ueb.txt', '262_es_critical-com-pa-amador.txt'];
    const idx = indexOf(Object.fromEntries(real.map((n) => [n, page(n)])));
    const got = real.map((n) => [n, ...idx.findingsFor(n).map((f) => `${f.range.line + 1} ${page(n).slice(f.start, f.end)} (${f.data.count})`)]);
    assert.deepEqual(got, [
      ['200_pl_sprzeciw-wobec-atakow-na-fun.txt', '2 * Facebook (4)', '3 * Twitter (4)', '200 * Facebook (4)', '201 * Twitter (4)'],
      ['228_es_losandes-com-mendoza.txt', '57 * Facebook (4)', '58 * Twitter (4)', '92 * Facebook (4)', '93 * Twitter (4)'],
      ['251_de_thebigbone-wordpress-com-ueb.txt', '35 * Twitter (4)', '36 * Facebook (4)'],
      ['262_es_critical-com-pa-amador.txt', '49 * Facebook (4)', '50 * Twitter (4)'],
    ]);
  });

  it("counts an article's copies once: its title in five copies of one story (three groups) is not furniture", () => {
    const original = page('173_en_guardian-1.txt');
    const lines = linesOf(original);
    const copies: Record<string, string> = {
      'story.txt': original,
      'story-cut.txt': joinLines(lines.slice(0, -2)),
      'story-resaved.txt': original.replace(/^date \S+/, 'date 2024-02-02'),
      // With a long comment thread appended (another article's paragraphs): similarity 0.64, no longer a near-duplicate, still the story.
      'story-comments.txt': joinLines([...lines, ...linesOf(page('069_es_larepublica-pe-minedu.txt')).slice(2)]),
      'story-thread.txt': joinLines([...lines, ...linesOf(page('116_en_wired-com1.txt')).slice(2), ...linesOf(page('009_en_breitbart.txt')).slice(2)]),
    };
    const rest = { ...files };
    delete rest['173_en_guardian-1.txt'];
    const idx = indexOf({ ...rest, ...copies });
    assert.deepEqual(idx.clusters().find((c) => c.files.includes('story.txt'))?.files, ['story-cut.txt', 'story-resaved.txt', 'story.txt']);
    for (const name of Object.keys(copies)) {
      assert.deepEqual(idx.findingsFor(name).filter((f) => f.ruleId === 'corpus/repeated-line').map((f) => copies[name].slice(f.start, f.end)), [], name);
    }
  });
});

describe('corpus/near-duplicate on real pages', () => {
  const guardian = page('173_en_guardian-1.txt');
  const lines = linesOf(guardian);
  const longest = lines.reduce((best, l, i) => (i > 1 && l.length > lines[best].length ? i : best), 2);
  const copies: Record<string, string> = {
    'guardian.txt': guardian,
    // A paragraph removed and the title changed: a near-copy.
    'guardian-edited.txt': joinLines([lines[0], 'Whale strandings: Māori tribes fear what the sea is telling them', ...lines.slice(2).filter((_, i) => i + 2 !== longest)]),
  };
  // The site without its copy of this story.
  const others = site();
  delete others['173_en_guardian-1.txt'];
  const files = { ...others, ...copies };
  const index = indexOf(files);

  it('finds a near-copy (a paragraph removed, the title changed), on line 1, naming the other file and the similarity', () => {
    const [a] = index.findingsFor('guardian.txt');
    const [b] = index.findingsFor('guardian-edited.txt');
    for (const [f, other] of [[a, 'guardian-edited.txt'], [b, 'guardian.txt']] as const) {
      assert.equal(f.ruleId, 'corpus/near-duplicate');
      assert.equal(f.messageId, 'near');
      assert.equal(f.data.other, other);
      assert.ok(Number(f.data.similarity) >= 0.8 && Number(f.data.similarity) < 1, `similarity ${f.data.similarity}`);
      assert.equal(f.message, `Near-duplicate of ${other} (similarity ${f.data.similarity}).`);
      assert.deepEqual([f.range.line, f.start, f.end], [0, 0, 'date 2019-01-03'.length]);
      assert.deepEqual(f.fixes, []);
    }
  });

  it('says so for an exact copy (saved again under another date), and counts the others', () => {
    const idx = indexOf({ ...files, 'guardian-again.txt': guardian.replace('date 2019-01-03', 'date 2024-05-06') });
    const [f] = idx.findingsFor('guardian-again.txt');
    assert.equal(f.messageId, 'exactMany');
    assert.equal(f.message, 'Exact copy of guardian.txt (the same text apart from the date header, case and spacing); 1 more file(s) are copies of it too.');
    assert.deepEqual(f.related.map((r) => r.path), ['guardian.txt', 'guardian-edited.txt']);
    const cluster = idx.clusters().find((c) => c.files.includes('guardian.txt'))!;
    assert.deepEqual(cluster.files, ['guardian-again.txt', 'guardian-edited.txt', 'guardian.txt']);
    assert.equal(cluster.exact, false);
  });

  it('does not pair distinct articles, though three of them share a site\'s menu and footer', () => {
    for (const name of Object.keys(others)) assert.deepEqual(index.findingsFor(name).filter((f) => f.ruleId === 'corpus/near-duplicate').map((f) => f.message), [], name);
    assert.deepEqual(index.clusters().map((c) => c.files), [['guardian-edited.txt', 'guardian.txt']]);
  });

  it("finds the pages' own duplicates: one Chinese article extracted twice, one Arabic article by two extractors", () => {
    const names = ['029_ar_arabic-html-1.txt', '217_ar_arabic.txt', '138_zh_bbc-chinese.txt', '253_zh_chinese-html-1.txt', ...ARTICLES];
    const idx = indexOf(Object.fromEntries(names.map((n) => [n, page(n)])));
    assert.deepEqual(
      idx.clusters().map((c) => [c.exact, c.files]),
      [
        [false, ['029_ar_arabic-html-1.txt', '217_ar_arabic.txt']],
        [true, ['138_zh_bbc-chinese.txt', '253_zh_chinese-html-1.txt']],
      ],
    );
    assert.equal(idx.findingsFor('253_zh_chinese-html-1.txt')[0].message, 'Exact copy of 138_zh_bbc-chinese.txt (the same text apart from the date header, case and spacing).');
    const ar = idx.findingsFor('217_ar_arabic.txt')[0];
    assert.equal(ar.messageId, 'near');
    assert.ok(Number(ar.data.similarity) >= 0.8);
  });

  it('leaves files shorter than minWords uncompared', () => {
    const short = { 'a.txt': 'date 2024-01-01\nCouncil meets\nThe council met today.\n', 'b.txt': 'date 2024-01-02\nCouncil meets\nThe council met today.\n' };
    assert.deepEqual(indexOf(short).findingsFor('a.txt'), []);
  });
});

describe('the corpus index', () => {
  it('compares an edited document with the others (check), leaving its indexed version out', () => {
    const files = site();
    const index = indexOf(files);
    const name = DRESSED[0];
    // The footer removed while editing: no finding on what is gone, the menu still found.
    const edited = joinLines(linesOf(files[name]).filter((l) => !FOOTER.includes(l)));
    const found = index.check(name, signature(edited));
    assert.deepEqual(found.map((f) => linesOf(edited)[f.range.line]), MENU);
    assert.ok(found.every((f) => f.data.count === 4));
    // A new document with the footer: the footer is in five files then.
    const fresh = dressed(ARTICLES[4], [], FOOTER);
    const checked = index.check('new.txt', signature(fresh));
    assert.deepEqual(
      checked.map((f) => `${f.ruleId} ${linesOf(fresh)[f.range.line]} ${f.data.count ?? f.data.other}`),
      [
        // The same article without the footer is indexed: a near-duplicate with every word of its prose.
        `corpus/near-duplicate ${linesOf(fresh)[0]} ${ARTICLES[4]}`,
        ...FOOTER.map((l) => `corpus/repeated-line ${l} 5`),
      ],
    );
  });

  it('follows files added, replaced and deleted', () => {
    const files = site();
    const index = indexOf(files);
    assert.equal(index.size, 6);
    index.delete(DRESSED[0]);
    index.delete(DRESSED[1]);
    assert.deepEqual(index.findingsFor(DRESSED[2]), []);
    index.set(DRESSED[0], signature(files[DRESSED[0]]));
    assert.equal(index.findingsFor(DRESSED[2]).length, MENU.length + FOOTER.length);
    // Replaced by a version without the menu: the menu is in two files again.
    index.set(DRESSED[0], signature(dressed(DRESSED[0], [], FOOTER)));
    assert.deepEqual(index.findingsFor(DRESSED[2]).map((f) => f.data.count), FOOTER.map(() => 3));
    assert.equal(index.size, 5);
    assert.equal(index.delete('missing.txt'), false);
  });

  it('applies the rules\' settings: off, severity, options, and paths as findings name them', () => {
    const files = site();
    const off = indexOf(files, resolveCorpusSettings({ 'corpus/repeated-line': 'off' }));
    assert.deepEqual(off.findingsFor(DRESSED[0]), []);
    const strict = indexOf(files, resolveCorpusSettings({ 'corpus/repeated-line': { severity: 'info', options: { minFiles: 5 } } }));
    assert.deepEqual(strict.findingsFor(DRESSED[0]), []);
    const info = indexOf(files, resolveCorpusSettings({ 'corpus/repeated-line': 'info' }));
    assert.ok(info.findingsFor(DRESSED[0]).every((f) => f.severity === 'info'));
    const named = new CorpusIndex(resolveCorpusSettings(), { displayPath: (p) => `corpus/${p}` });
    for (const [p, t] of Object.entries(files)) named.set(p, signature(t));
    assert.match(named.findingsFor(DRESSED[0])[0].message, /\(also corpus\//);
  });

  it('keeps a finding\'s fingerprint when the file changes elsewhere', () => {
    const files = site();
    const index = indexOf(files);
    const before = index.findingsFor(DRESSED[0]).map((f) => f.fingerprint);
    const edited = files[DRESSED[0]].replace('Neutral', 'Impartial');
    const after = index.check(DRESSED[0], signature(edited)).map((f) => f.fingerprint);
    assert.deepEqual(after, before);
    assert.equal(new Set(before).size, before.length);
  });

  it('reports its size: hashes only, a few kilobytes per file', () => {
    const index = indexOf(site());
    const stats = index.stats();
    assert.equal(stats.files, 6);
    assert.equal(stats.sketched, 6);
    assert.ok(stats.lines >= 4 * (MENU.length + FOOTER.length));
    assert.equal(stats.approximate, false);
  });
});
