/**
 * The O(m) seasonal admissibility test (schur-structured.ts, used from period 8 on) against the dense
 * O(m²) Schur–Cohn recursion on the full coefficient vector (rootsInDisc, itself checked against R's
 * root-based test in ets-admissible.test.ts), on random points that pass the cheap inequalities, for
 * periods from 8 to 400, with and without trend and damping (β = 0, φ = 1 is the deflated case).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { admissible, rootsInDisc } from '../../src/forecasting/ets/admissible.ts';

function dense(alpha: number, beta: number, gamma: number, phi: number, m: number): boolean {
  const a = new Float64Array(m + 2);
  a[0] = phi * (1 - alpha - gamma);
  a[1] = alpha + beta - alpha * phi + gamma - 1;
  for (let k = 2; k < m; k++) a[k] = alpha + beta - alpha * phi;
  a[m] = alpha + beta - phi;
  a[m + 1] = 1;
  let deg = m + 1;
  if (beta === 0 && phi === 1) {
    let carry = a[deg]!;
    for (let k = deg - 1; k >= 0; k--) {
      const c = a[k]!;
      a[k] = carry;
      carry = c + carry;
    }
    deg--;
  }
  return rootsInDisc(a, new Float64Array(m + 2), deg, 1 + 1e-10);
}

test('structured seasonal admissibility equals the dense recursion', () => {
  let seed = 7;
  const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  let compared = 0;
  let accepted = 0;
  for (const m of [8, 9, 12, 24, 52, 168, 336, 400]) {
    for (let k = 0; k < 1500; k++) {
      const alpha = -0.2 + 1.6 * rand();
      const beta = k % 4 === 0 ? 0 : -0.1 + 0.8 * rand();
      const gamma = k % 3 === 0 ? 1e-4 * rand() : -0.1 + 1.2 * rand();
      const phi = k % 4 === 0 ? 1 : 0.7 + 0.3 * rand();
      if (gamma < Math.max(1 - 1 / phi - alpha, 0) || gamma > 1 + 1 / phi - alpha) continue;
      if (alpha < 1 - 1 / phi - (gamma * (1 - m + phi + phi * m)) / (2 * phi * m)) continue;
      if (beta < -(1 - phi) * (gamma / m + alpha)) continue;
      const want = dense(alpha, beta, gamma, phi, m);
      const has = { trend: beta !== 0, season: true, damped: phi !== 1, m };
      assert.equal(admissible({ alpha, beta, gamma, phi }, has, null), want, `m=${m} α=${alpha} β=${beta} γ=${gamma} φ=${phi}`);
      compared++;
      if (want) accepted++;
    }
  }
  assert.ok(compared > 5000 && accepted > 1000 && compared - accepted > 1000, `${compared} compared, ${accepted} accepted`);
});
