/**
 * inRegion() skips the root test for seasonal models without trend or damping because the parameter
 * box lies inside their admissible region: admissible() itself must accept every box point, from the
 * corners inwards, for short, R-sized and long periods.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { admissible, inRegion, LOWER, UPPER } from '../../src/forecasting/ets/admissible.ts';

test('the box is admissible for ETS(·,N,A) and ETS(·,N,M)', () => {
  let seed = 11;
  const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  let checked = 0;
  for (const m of [2, 3, 4, 7, 8, 12, 24, 25, 52, 336, 337, 2000]) {
    const has = { trend: false, season: true, damped: false, m };
    for (let i = 0; i < 3000; i++) {
      const u = rand();
      const alpha = u < 0.1 ? LOWER.alpha : u < 0.2 ? UPPER.alpha : u < 0.4 ? 1 - 10 ** (-1 - 4 * rand()) : LOWER.alpha + (UPPER.alpha - LOWER.alpha) * rand();
      const gmax = Math.min(UPPER.gamma, 1 - alpha);
      if (gmax < LOWER.gamma) continue;
      const v = rand();
      const gamma = v < 0.1 ? LOWER.gamma : v < 0.2 ? gmax : v < 0.4 ? gmax - (gmax - LOWER.gamma) * 10 ** (-6 * rand()) : LOWER.gamma + (gmax - LOWER.gamma) * rand();
      const p = { alpha, beta: 0, gamma, phi: 1 };
      if (!inRegion(p, has)) continue;
      assert.ok(admissible(p, has, null), `m = ${m}, alpha = ${alpha}, gamma = ${gamma}`);
      checked++;
    }
  }
  assert.ok(checked > 30000);
});
