import { test } from 'node:test';
import assert from 'node:assert/strict';
import { crossProducts } from '../../src/forecasting/arima/cross-products.ts';
import { lcg } from '../support/random.ts';

// The blocked cross products against one plain loop per entry, which sums over i in increasing order:
// the same sums in the same order, so equal to the bit, for even and odd column counts.
test('crossProducts equals per-entry loops bit for bit, 1 to 8 columns', () => {
  const rnd = lcg(5);
  const nres = 257;
  for (let k = 1; k <= 8; k++) {
    const J = Float64Array.from({ length: nres * k }, rnd);
    const r = Float64Array.from({ length: nres }, rnd);
    const A = new Float64Array(k * k).fill(NaN);
    const g = new Float64Array(k).fill(NaN);
    crossProducts(J, r, nres, k, A, g);
    for (let a = 0; a < k; a++) {
      let ga = 0;
      for (let i = 0; i < nres; i++) ga += J[a * nres + i]! * r[i]!;
      assert.equal(g[a], ga, `k ${k}: g[${a}]`);
      for (let b = 0; b < k; b++) {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        let s = 0;
        for (let i = 0; i < nres; i++) s += J[lo * nres + i]! * J[hi * nres + i]!;
        assert.equal(A[a * k + b], s, `k ${k}: A[${a}][${b}]`);
      }
    }
  }
});
