/**
 * Analytic prediction intervals. For ETS(A,N,N) the h-step variance is σ²(1 + (h−1)α²)
 * (Hyndman et al. 2008, table 6.1, class 1); the interval must be the normal one with that variance,
 * to rounding (1e-9 relative). For a class 2 model we compare with R: on Nile R picks ETS(M,N,N) and
 * so do we, with the same optimum (the 1-parameter likelihood is well conditioned), so R's 95%
 * limits must be matched to 1e-4 relative (R's fixture keeps 10 significant digits; the remaining
 * gap is the two optimisers' stopping points).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { etsKind } from '../../src/forecasting/ets/index.ts';
import { qnorm } from '../../src/forecasting/stats.ts';

const nile = JSON.parse(readFileSync(new URL('../../fixtures/forecast-dev/datasets__Nile.json', import.meta.url), 'utf8'));

test('ETS(A,N,N) interval variance is σ²(1 + (h−1)α²)', () => {
  const fit = etsKind.fit(Float64Array.from(nile.train), etsKind.parseSpec({ model: 'ANN' }), {});
  const alpha = fit.metrics.alpha as number;
  const sigma2 = fit.metrics.sigma2 as number;
  const h = 12;
  const fc = etsKind.forecast(fit, h, [80, 95]);
  for (const iv of fc.intervals) {
    const z = qnorm(0.5 + iv.level / 200);
    for (let i = 0; i < h; i++) {
      const expected = z * Math.sqrt(sigma2 * (1 + i * alpha * alpha));
      const half = iv.upper[i]! - fc.mean[i]!;
      assert.ok(Math.abs(half - expected) <= 1e-9 * expected, `h=${i + 1} level ${iv.level}: ${half} vs ${expected}`);
      assert.ok(Math.abs(fc.mean[i]! - iv.lower[i]! - expected) <= 1e-9 * expected);
    }
  }
});

test('ETS(M,N,N) on Nile: class 2 intervals match R', () => {
  const fit = etsKind.fit(Float64Array.from(nile.train), etsKind.parseSpec({ period: 1 }), {});
  assert.equal(fit.metrics.model, nile.r.ets.model);
  const fc = etsKind.forecast(fit, nile.h, [95]);
  for (let i = 0; i < nile.h; i++) {
    for (const [ours, r] of [
      [fc.mean[i]!, nile.r.ets.mean[i]],
      [fc.intervals[0]!.lower[i]!, nile.r.ets.lo95[i]],
      [fc.intervals[0]!.upper[i]!, nile.r.ets.hi95[i]],
    ] as [number, number][]) {
      assert.ok(Math.abs(ours - r) <= 1e-4 * Math.abs(r), `h=${i + 1}: ${ours} vs R ${r}`);
    }
  }
});
