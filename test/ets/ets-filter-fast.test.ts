/**
 * The optimiser's generated filters (filter-fast.ts) against the generic runFilter: bit-identical
 * sums and final states for every kind combination, damped or not, with and without missing values
 * (the generated filters have a variant for each), from random smoothing parameters and states.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { codesOf, newSums, runFilter } from '../../src/forecasting/ets/filter.ts';
import { fastFilter } from '../../src/forecasting/ets/filter-fast.ts';
import type { Structure } from '../../src/forecasting/ets/model-code.ts';

test('generated filters equal runFilter bit for bit', () => {
  let seed = 3;
  const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const full = Float64Array.from({ length: 60 }, (_, t) => 100 + t + 15 * Math.sin((2 * Math.PI * t) / 4) + 5 * rand());
  const gappy = Float64Array.from(full);
  gappy[7] = NaN;
  gappy[31] = NaN;
  let compared = 0;
  // With and without missing values: the generated filters have a variant for each.
  for (const y of [gappy, full]) {
    for (const error of ['A', 'M'] as const) {
      for (const trend of ['N', 'A', 'M'] as const) {
        for (const season of ['N', 'A', 'M'] as const) {
          for (const damped of trend === 'N' ? [false] : [false, true]) {
            const s: Structure = { error, trend, season, damped, m: season === 'N' ? 1 : 4 };
            const c = codesOf(s);
            for (let k = 0; k < 40; k++) {
              const alpha = 0.05 + 0.9 * rand();
              const p = { alpha, beta: trend === 'N' ? 0 : alpha * rand(), gamma: season === 'N' ? 0 : 0.3 * rand(), phi: damped ? 0.8 + 0.18 * rand() : 1 };
              const seas = Float64Array.from({ length: s.m }, () => (season === 'M' ? 0.8 + 0.4 * rand() : season === 'A' ? 20 * (rand() - 0.5) : 0));
              const level = 100 * (0.9 + 0.2 * rand());
              const slope = trend === 'M' ? 1 + 0.02 * (rand() - 0.5) : 2 * (rand() - 0.5);
              const a = { level, slope, seas: Float64Array.from(seas), pos: 0 };
              const b = { level, slope, seas: Float64Array.from(seas), pos: 0 };
              const ra = runFilter(y, c, p, a, null, newSums());
              const rb = fastFilter(c)(y, p, b, newSums());
              assert.deepEqual(rb, ra, `${error}${trend}${damped ? 'd' : ''}${season}`);
              assert.deepEqual(b, a, `${error}${trend}${damped ? 'd' : ''}${season} state`);
              compared++;
            }
          }
        }
      }
    }
  }
  assert.ok(compared > 1000);
});
