/**
 * The corpus index at scale, on synthetic signatures (scripts/corpus-scale.ts): 100,000 files in
 * seconds and bounded memory, never comparing all pairs, finding what was planted and nothing else.
 */
import * as assert from 'node:assert/strict';
import { CorpusIndex, MAX_BUCKET } from '../../../server/src/corpus/index';
import { BANDS, MINHASH_SIZE, sketchOfMinima } from '../../../server/src/corpus/minhash';
import { SITE_LINES, syntheticCorpus } from '../../../scripts/corpus-scale';

describe('the corpus index at scale', function () {
  this.timeout(120_000);

  it('indexes 100,000 files, finds the planted copies and nothing else, in seconds and bounded memory', () => {
    const corpus = syntheticCorpus(100_000);
    const index = new CorpusIndex();
    const t0 = performance.now();
    for (const [path, sig] of corpus.signatures) index.set(path, sig);
    const clusters = index.clusters();
    const paths = corpus.signatures.map(([p]) => p);
    const partners = new Map<string, string[]>();
    let repeated = 0;
    for (const p of paths) {
      for (const f of index.findingsFor(p)) {
        if (f.ruleId === 'corpus/near-duplicate') partners.set(p, f.related.map((r) => r.path));
        else repeated++;
      }
    }
    const seconds = (performance.now() - t0) / 1000;
    const stats = index.stats();
    console.log(`      100,000 files: ${seconds.toFixed(1)} s, index ${(stats.bytes / 2 ** 20).toFixed(0)} MB, ${stats.candidates} candidate pairs verified, ${stats.distinctLines} repeated lines counted`);
    assert.ok(seconds < 30, `${seconds.toFixed(1)} s`);
    assert.ok(stats.bytes < 200 * 2 ** 20, `${stats.bytes} bytes`);
    // Linear: a few candidates per planted pair, never the 5e9 pairs of the corpus.
    assert.ok(stats.candidates < 10_000, `${stats.candidates} candidates`);
    const found = (pairs: Array<[string, string]>) => pairs.filter(([a, b]) => partners.get(a)?.includes(b) && partners.get(b)?.includes(a)).length;
    assert.ok(found(corpus.near) >= 0.99 * corpus.near.length, `near-duplicates: ${found(corpus.near)} of ${corpus.near.length}`);
    assert.equal(found(corpus.exact), corpus.exact.length);
    const planted = new Set([...corpus.near, ...corpus.exact].map(([a, b]) => `${a} ${b}`));
    for (const c of clusters) assert.ok(c.files.length === 2 && planted.has(c.files.join(' ')), `unplanted cluster ${c.files.join(', ')}`);
    // Each site's lines, on about 90 % of its 40 files, are found on every file that holds them.
    assert.ok(repeated > 0.85 * paths.length * SITE_LINES, `${repeated} repeated-line findings`);
  });

  it('stays linear when thousands of files fall into the same buckets', () => {
    // 3,000 near-copies of one template page: every band bucket holds them all.
    const index = new CorpusIndex();
    let seed = 7;
    const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0), seed);
    const template = Uint32Array.from({ length: MINHASH_SIZE }, random);
    const t0 = performance.now();
    for (let i = 0; i < 3000; i++) {
      const full = template.map((v) => (random() % 20 === 0 ? random() : v));
      const { mins, bands } = sketchOfMinima(full);
      index.set(`t${i}.txt`, { version: 2, language: 'en', words: 300, exact: i + 1, firstLineEnd: 10, mins, bands, lines: new Uint32Array(0) });
    }
    const clusters = index.clusters();
    const stats = index.stats();
    const ms = performance.now() - t0;
    assert.equal(clusters.length, 1);
    assert.equal(clusters[0].files.length, 3000);
    // At most MAX_BUCKET files a band per query: linear, where all pairs would be 4.5 million.
    assert.ok(stats.candidates <= 3000 * BANDS * MAX_BUCKET && stats.candidates < 1_000_000, `${stats.candidates} candidates`);
    console.log(`      3,000 near-copies of one page: ${ms.toFixed(0)} ms, ${stats.candidates} candidate pairs verified`);
    assert.ok(ms < 10_000, `${ms.toFixed(0)} ms`);
    // A file's own finding still answers fast: at most MAX_BUCKET candidates a band.
    const t1 = performance.now();
    const [f] = index.findingsFor('t5.txt');
    assert.equal(f.messageId, 'nearMany');
    assert.ok(performance.now() - t1 < 200);
  });
});
