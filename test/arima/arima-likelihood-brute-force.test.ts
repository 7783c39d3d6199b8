import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildSystem } from '../../src/forecasting/arima/likelihood/system.ts';
import { denseFilter, initialState } from '../../src/forecasting/arima/likelihood/kalman.ts';
import { fastFilter } from '../../src/forecasting/arima/likelihood/fast-filter.ts';
import { lowRankFilter } from '../../src/forecasting/arima/likelihood/lowrank-filter.ts';
import type { Orders } from '../../src/forecasting/arima/structure.ts';

// The filters' Gaussian log-likelihood (unit innovation variance) against the log-density of the
// n-variate normal written out directly: autocovariances from the MA(infinity) weights (computed
// here by their own recursion and truncated far beyond where they matter), the Toeplitz covariance
// of the observed points, a Cholesky factor. Nothing is shared with the code under test.

function multiply(a: number[], b: number[]): number[] {
  const out = new Array(a.length + b.length - 1).fill(0);
  a.forEach((x, i) => b.forEach((y, j) => (out[i + j] += x * y)));
  return out;
}

/** Lag polynomials 1 - sum phi B^i and 1 + sum theta B^i multiplied out by hand. */
function polys(s: Orders, c: number[]) {
  const ar = [1, ...c.slice(0, s.p).map((v) => -v)];
  const ma = [1, ...c.slice(s.p, s.p + s.q)];
  const sar = [1];
  const sma = [1];
  c.slice(s.p + s.q, s.p + s.q + s.P).forEach((v, j) => {
    while (sar.length < (j + 1) * s.m) sar.push(0);
    sar.push(-v);
  });
  c.slice(s.p + s.q + s.P).forEach((v, j) => {
    while (sma.length < (j + 1) * s.m) sma.push(0);
    sma.push(v);
  });
  return { a: multiply(ar, sar), b: multiply(ma, sma) };
}

function logDensity(s: Orders, coef: number[], y: number[]): number {
  const { a, b } = polys(s, coef);
  // psi decays at least like 0.6^j, or 0.5^(j/70) for the long period: 0.5^(20000/70) < 1e-80.
  const L = 20000;
  const psi = new Array(L).fill(0);
  for (let j = 0; j < L; j++) {
    let v = j < b.length ? b[j]! : 0;
    for (let i = 1; i < a.length && i <= j; i++) v -= a[i]! * psi[j - i]!;
    psi[j] = v;
  }
  const gamma = (k: number) => {
    let acc = 0;
    for (let j = 0; j + k < L; j++) acc += psi[j]! * psi[j + k]!;
    return acc;
  };
  const idx = y.map((_, i) => i).filter((i) => !Number.isNaN(y[i]!));
  const n = idx.length;
  const g = y.map((_, k) => gamma(k));
  const C = idx.map((i) => idx.map((j) => g[Math.abs(i - j)]!));
  for (let j = 0; j < n; j++) {
    let d = C[j]![j]!;
    for (let k = 0; k < j; k++) d -= C[j]![k]! ** 2;
    C[j]![j] = Math.sqrt(d);
    for (let i = j + 1; i < n; i++) {
      let t = C[i]![j]!;
      for (let k = 0; k < j; k++) t -= C[i]![k]! * C[j]![k]!;
      C[i]![j] = t / C[j]![j]!;
    }
  }
  const z = idx.map((i) => y[i]!);
  let logdet = 0;
  let quad = 0;
  for (let i = 0; i < n; i++) {
    let t = z[i]!;
    for (let k = 0; k < i; k++) t -= C[i]![k]! * z[k]!;
    z[i] = t / C[i]![i]!;
    quad += z[i]! ** 2;
    logdet += 2 * Math.log(C[i]![i]!);
  }
  return -0.5 * (n * Math.log(2 * Math.PI) + logdet + quad);
}

const cases: [string, Orders, number[]][] = [
  ['AR(1)', { p: 1, d: 0, q: 0, P: 0, D: 0, Q: 0, m: 1 }, [0.7]],
  ['ARMA(2,1)', { p: 2, d: 0, q: 1, P: 0, D: 0, Q: 0, m: 1 }, [0.5, -0.3, 0.4]],
  ['MA(2)', { p: 0, d: 0, q: 2, P: 0, D: 0, Q: 0, m: 1 }, [-0.6, 0.2]],
  ['ARMA(3,2)', { p: 3, d: 0, q: 2, P: 0, D: 0, Q: 0, m: 1 }, [0.4, 0.2, -0.3, 0.5, 0.3]],
  ['(1,0,1)(1,0,0)[4]', { p: 1, d: 0, q: 1, P: 1, D: 0, Q: 0, m: 4 }, [0.5, 0.3, 0.6]],
  ['(1,0,1)(1,0,1)[4]', { p: 1, d: 0, q: 1, P: 1, D: 0, Q: 1, m: 4 }, [0.5, -0.3, -0.5, 0.4]],
  ['(0,0,1)(0,0,1)[3]', { p: 0, d: 0, q: 1, P: 0, D: 0, Q: 1, m: 3 }, [-0.4, -0.6]],
  ['(2,0,0)(2,0,0)[3]', { p: 2, d: 0, q: 0, P: 2, D: 0, Q: 0, m: 3 }, [0.3, 0.2, 0.4, -0.2]],
  // Long period: the stationary covariance comes from the factored (seasonal x non-seasonal) route.
  ['(1,0,1)(1,0,1)[70]', { p: 1, d: 0, q: 1, P: 1, D: 0, Q: 1, m: 70 }, [0.6, 0.3, 0.5, -0.4]],
];

let seed = 12345;
const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 2 - 1;

for (const [name, s, coef] of cases) {
  test(`Kalman log-likelihood equals the direct normal density: ${name}`, () => {
    for (const n of [5, 17, 30]) {
      const y = Array.from({ length: n }, rand);
      const want = logDensity(s, coef, y);
      const sys = buildSystem(s, coef);
      const dense = denseFilter(sys, y, initialState(sys));
      const fast = fastFilter(sys, Float64Array.from(y));
      const ll = (r: { ssq: number; sumlog: number; nu: number }) => -0.5 * (r.nu * Math.log(2 * Math.PI) + r.sumlog + r.ssq);
      // Both sides are exact; 1e-9 relative leaves room only for rounding over n <= 30 steps.
      assert.ok(Math.abs(ll(dense) - want) < 1e-9 * Math.abs(want), `${name} n=${n} dense ${ll(dense)} vs ${want}`);
      assert.ok(Math.abs(ll(fast) - want) < 1e-9 * Math.abs(want), `${name} n=${n} fast ${ll(fast)} vs ${want}`);
    }
  });

  test(`Kalman log-likelihood with missing values equals the marginal density: ${name}`, () => {
    // Gaps at the start, the end, isolated and consecutive; the second pattern has enough gaps to
    // make the low-rank filter recompress its factors.
    for (const gaps of [[0, 4, 11, 12, 29], [1, 2, 5, 8, 9, 10, 14, 17, 19, 22, 25, 26, 27]]) {
      const y = Array.from({ length: 30 }, rand);
      for (const i of gaps) y[i] = NaN;
      const want = logDensity(s, coef, y);
      const sys = buildSystem(s, coef);
      const ll = (r: { ssq: number; sumlog: number; nu: number }) => -0.5 * (r.nu * Math.log(2 * Math.PI) + r.sumlog + r.ssq);
      const dense = denseFilter(sys, y, initialState(sys));
      const low = lowRankFilter(sys, y);
      assert.equal(dense.nu, 30 - gaps.length);
      assert.equal(low.nu, 30 - gaps.length);
      assert.ok(Math.abs(ll(dense) - want) < 1e-9 * Math.abs(want), `${name} dense: ${ll(dense)} vs ${want}`);
      assert.ok(Math.abs(ll(low) - want) < 1e-9 * Math.abs(want), `${name} low-rank: ${ll(low)} vs ${want}`);
    }
  });
}
