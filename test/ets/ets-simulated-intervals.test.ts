/**
 * Simulated intervals (multiplicative season, no closed form here) are deterministic: a fixed-seed
 * PRNG, so the same model gives bit-identical limits twice and after a JSON round trip of the fitted
 * model. Against R on UKgas (ETS(M,A,M), selected by both): R's 95% widths come from its own
 * computation; ours from 5000 paths, whose Monte-Carlo error is ~2% of the width, plus the two
 * optimisers' different stopping points (the point forecasts differ by ~0.1%), so widths agree to 10%.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { etsKind } from '../../src/forecasting/ets/index.ts';

const d = JSON.parse(readFileSync(new URL('../../fixtures/forecast-dev/datasets__UKgas.json', import.meta.url), 'utf8'));

test('simulated intervals are deterministic and survive a JSON round trip', () => {
  const fit = etsKind.fit(Float64Array.from(d.train), etsKind.parseSpec({ period: 4, model: 'MAM' }), {});
  const a = etsKind.forecast(fit, d.h, [80, 95]);
  const b = etsKind.forecast(fit, d.h, [80, 95]);
  const revived = JSON.parse(JSON.stringify(fit));
  const c = etsKind.forecast(revived, d.h, [80, 95]);
  for (const other of [b, c]) {
    assert.deepEqual(Array.from(other.mean), Array.from(a.mean));
    for (let k = 0; k < a.intervals.length; k++) {
      assert.deepEqual(Array.from(other.intervals[k]!.lower), Array.from(a.intervals[k]!.lower));
      assert.deepEqual(Array.from(other.intervals[k]!.upper), Array.from(a.intervals[k]!.upper));
    }
  }
  // Nested levels: the 80% interval lies inside the 95% one.
  for (let i = 0; i < d.h; i++) {
    assert.ok(a.intervals[1]!.lower[i]! < a.intervals[0]!.lower[i]! && a.intervals[0]!.upper[i]! < a.intervals[1]!.upper[i]!);
  }
  for (let i = 0; i < d.h; i++) {
    const ours = a.intervals[1]!.upper[i]! - a.intervals[1]!.lower[i]!;
    const r = d.r.ets.hi95[i] - d.r.ets.lo95[i];
    assert.ok(Math.abs(ours / r - 1) < 0.1, `h=${i + 1}: width ${ours} vs R ${r}`);
  }
});

test('the selection-based type-8 quantiles equal the sort-based ones (random samples, ties, tiny samples)', async () => {
  const { quantileType8, quantilesType8 } = await import('../../src/forecasting/ets/simulate.ts');
  let seed = 12345;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const probs = [0.025, 0.975, 0.1, 0.9, 0.5, 0.0001, 0.9999];
  for (const n of [1, 2, 3, 7, 100, 4999, 5000]) {
    for (const ties of [false, true]) {
      const a = Float64Array.from({ length: n }, () => (ties ? Math.floor(rand() * 5) : rand() * 100 - 50));
      const sorted = Float64Array.from(a).sort();
      const got = quantilesType8(Float64Array.from(a), probs);
      probs.forEach((p, i) => assert.equal(got[i], quantileType8(sorted, p), `n=${n} ties=${ties} p=${p}`));
    }
  }
});

test('intervals stored at fit time are exactly the simulated ones; other levels, longer horizons and updates simulate', () => {
  const y = Float64Array.from(d.train);
  const fit = etsKind.fit(y, etsKind.parseSpec({ period: 4, model: 'MAM' }), {});
  const stored = fit.params.stored!;
  assert.ok(stored, 'a multiplicative-season fit carries stored intervals');
  assert.deepEqual(stored.levels, [80, 95]);
  const { stored: _, ...bare } = fit.params;
  const simulatedFit = { ...fit, params: bare };
  const same = (a: ReturnType<typeof etsKind.forecast>, b: ReturnType<typeof etsKind.forecast>) => {
    assert.deepEqual(Array.from(a.mean), Array.from(b.mean));
    assert.equal(a.intervals.length, b.intervals.length);
    a.intervals.forEach((iv, k) => {
      assert.equal(iv.level, b.intervals[k]!.level);
      assert.deepEqual(Array.from(iv.lower), Array.from(b.intervals[k]!.lower));
      assert.deepEqual(Array.from(iv.upper), Array.from(b.intervals[k]!.upper));
    });
  };
  for (const h of [1, 5, stored.h, stored.h + 3]) {
    for (const levels of [[80, 95], [95], [80, 90]]) same(etsKind.forecast(fit, h, levels), etsKind.forecast(simulatedFit, h, levels));
  }
  // An update moves the final state: the stored intervals would be stale, so they go.
  const updated = etsKind.update!(fit, Float64Array.from(d.test.slice(0, 2)));
  assert.equal(updated.params.stored, undefined);
  // Additive structures have closed-form intervals and store nothing.
  assert.equal(etsKind.fit(y, etsKind.parseSpec({ period: 4, model: 'AAA' }), {}).params.stored, undefined);
});
