import * as assert from 'node:assert/strict';
import { prng } from '../../../bench/prng.mjs';
import { BANDS, MINHASH_SIZE, similarity, sketch, SHINGLE_WORDS } from '../../../server/src/corpus/minhash';

/** Token sequences whose shingle sets have Jaccard similarity near `j`: a shared run and runs of their own. */
function pair(j: number, length = 2000, seed = 1): [number[], number[]] {
  const rng = prng(seed);
  const token = () => (rng.next() * 2 ** 32) >>> 0;
  // With s shared shingles and u own shingles each, J = s / (s + 2u).
  const shared = Math.round((length * j * 2) / (1 + j));
  const own = length - shared;
  const common = Array.from({ length: shared }, token);
  return [[...common, ...Array.from({ length: own }, token)], [...common, ...Array.from({ length: own }, token)]];
}

describe('MinHash sketches', () => {
  it('estimate Jaccard similarity within three standard errors', () => {
    for (const j of [0, 0.3, 0.5, 0.8, 0.9]) {
      for (let seed = 1; seed <= 5; seed++) {
        const [a, b] = pair(j, 3000, seed);
        const sa = sketch(a)!;
        const sb = sketch(b)!;
        const error = 3 * Math.sqrt((j * (1 - j)) / MINHASH_SIZE) + 0.02;
        assert.ok(Math.abs(similarity(sa.mins, sb.mins) - j) <= error, `J ${j} seed ${seed}: estimate ${similarity(sa.mins, sb.mins).toFixed(3)}`);
      }
    }
  });

  it('give identical texts similarity 1 and identical bands', () => {
    const [a] = pair(0.5);
    const s1 = sketch(a)!;
    const s2 = sketch([...a])!;
    assert.equal(similarity(s1.mins, s2.mins), 1);
    assert.deepEqual(s1.bands, s2.bands);
    assert.equal(s1.bands.length, BANDS);
  });

  it('share a band at J 0.8 nearly always and at J 0.2 almost never', () => {
    let high = 0;
    let low = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const shares = (j: number) => {
        const [a, b] = pair(j, 1500, seed);
        const x = sketch(a)!.bands;
        const y = sketch(b)!.bands;
        return x.some((k, i) => k === y[i]);
      };
      if (shares(0.8)) high++;
      if (shares(0.2)) low++;
    }
    assert.ok(high >= 38, `J 0.8: a shared band in ${high} of 40`);
    assert.ok(low <= 2, `J 0.2: a shared band in ${low} of 40`);
  });

  it('need at least one shingle of words', () => {
    assert.equal(sketch([1, 2, 3]), undefined);
    assert.ok(sketch(Array.from({ length: SHINGLE_WORDS }, (_, i) => i)));
  });
});
