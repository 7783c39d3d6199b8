import { test } from 'node:test';
import assert from 'node:assert/strict';
import { qnorm, qt } from '../../src/forecasting/stats.ts';

// Brute force: integrate the densities numerically and check the CDF at each quantile is p. Only
// the smaller tail is integrated, so tail probabilities keep their relative precision.

function simpson(f: (x: number) => number, a: number, b: number, n = 20000): number {
  const h = (b - a) / n;
  let s = f(a) + f(b);
  for (let i = 1; i < n; i++) s += (i % 2 === 1 ? 4 : 2) * f(a + i * h);
  return (s * h) / 3;
}

const ps = [1e-10, 1e-6, 0.001, 0.025, 0.1, 0.3, 0.45, 0.55, 0.8, 0.975, 0.999];

test('normal CDF at qnorm(p) is p', () => {
  const phi = (x: number) => Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
  for (const p of ps) {
    const z = Math.abs(qnorm(p));
    const tail = simpson(phi, z, z + 15);
    const want = Math.min(p, 1 - p);
    assert.ok(Math.abs(tail - want) / want < 1e-10, `p=${p}: tail ${tail}`);
    assert.equal(Math.sign(qnorm(p)), Math.sign(p - 0.5));
  }
});

test('Student t CDF at qt(p, df) is p', () => {
  // With t = √ν·tan θ the t density becomes ∝ cos^(ν−1) θ on (−π/2, π/2): smooth, finite range,
  // and no gamma functions shared with the code under test.
  for (const df of [1, 2, 3, 5, 10, 30, 100, 5000]) {
    const g = (th: number) => Math.cos(th) ** (df - 1);
    const total = simpson(g, -Math.PI / 2, Math.PI / 2, 200000);
    for (const p of ps) {
      const t = Math.abs(qt(p, df));
      // Tail as ∫ sin^(ν−1) u du over u = π/2 − θ ∈ (0, atan(√ν/t)), which keeps tiny tails exact.
      const tail = simpson((u) => Math.sin(u) ** (df - 1), 0, Math.atan(Math.sqrt(df) / t), 200000) / total;
      const want = Math.min(p, 1 - p);
      assert.ok(Math.abs(tail - want) / want < 1e-9, `df=${df} p=${p}: tail ${tail}`);
      assert.equal(Math.sign(qt(p, df)), Math.sign(p - 0.5));
    }
  }
});
