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
