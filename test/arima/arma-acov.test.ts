import { test } from 'node:test';
import assert from 'node:assert/strict';
import { armaAcov } from '../../src/forecasting/arima/likelihood/stationary-init.ts';
import { expand, type Orders } from '../../src/forecasting/arima/structure.ts';

// armaAcov against brute force: gamma(k) = sum_j psi_j psi_{j+k} over the MA(infinity) weights,
// summed until they have decayed below rounding. Stationary models take the step-down recursion;
// a non-stationary phi has no such covariance and must still get the linear system's solution,
// checked by its defining equations.

function psi(phi: ArrayLike<number>, theta: ArrayLike<number>, n: number): Float64Array {
  const w = new Float64Array(n);
  w[0] = 1;
  for (let j = 1; j < n; j++) {
    let v = j <= theta.length ? theta[j - 1]! : 0;
    for (let i = 1; i <= Math.min(j, phi.length); i++) v += phi[i - 1]! * w[j - i]!;
    w[j] = v;
  }
  return w;
}

function bruteAcov(phi: ArrayLike<number>, theta: ArrayLike<number>, nlag: number): number[] {
  const n = 20_000;
  const w = psi(phi, theta, n + nlag);
  const out: number[] = [];
  for (let k = 0; k <= nlag; k++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += w[j]! * w[j + k]!;
    out.push(s);
  }
  return out;
}

const cases: [string, Orders, number[]][] = [
  ['AR(1)', { p: 1, d: 0, q: 0, P: 0, D: 0, Q: 0, m: 1 }, [0.8]],
  ['ARMA(2,2)', { p: 2, d: 0, q: 2, P: 0, D: 0, Q: 0, m: 1 }, [0.5, -0.3, 0.4, 0.2]],
  ['AR(3) near a unit root', { p: 3, d: 0, q: 0, P: 0, D: 0, Q: 0, m: 1 }, [1.2, -0.1, -0.15]],
  ['(1,0,1)(1,0,1)[12]', { p: 1, d: 0, q: 1, P: 1, D: 0, Q: 1, m: 12 }, [0.6, -0.3, 0.5, -0.6]],
  ['(2,0,1)(2,0,0)[12]', { p: 2, d: 0, q: 1, P: 2, D: 0, Q: 0, m: 12 }, [0.4, 0.2, 0.3, -0.3, -0.2]],
  ['(0,0,2)(1,0,2)[4]', { p: 0, d: 0, q: 2, P: 1, D: 0, Q: 2, m: 4 }, [0.5, 0.1, 0.7, -0.4, 0.2]],
];

for (const [name, s, coef] of cases) {
  test(`armaAcov ${name}: equals the summed MA(infinity) weights to 1e-10 of gamma(0)`, () => {
    const { phi, theta } = expand(s, coef);
    const nlag = Math.max(phi.length, theta.length + 1) + 3;
    const got = armaAcov(phi, theta, nlag);
    const want = bruteAcov(phi, theta, nlag);
    assert.equal(got.length, nlag + 1);
    for (let k = 0; k <= nlag; k++) {
      assert.ok(Math.abs(got[k]! - want[k]!) <= 1e-10 * want[0]!, `gamma(${k}): ${got[k]} vs ${want[k]}`);
    }
  });
}

test('armaAcov of a non-stationary AR(2) solves gamma(k) - sum_i phi_i gamma(|k-i|) = sum_j theta_j psi_(j-k)', () => {
  const phi = [1.3, 0.2]; // a root inside the unit circle
  const theta = [0.4];
  const g = armaAcov(phi, theta, 4);
  const w = psi(phi, theta, 2);
  const rhs = (k: number) => {
    let s = 0;
    for (let j = k; j <= 1; j++) s += (j === 0 ? 1 : theta[j - 1]!) * w[j - k]!;
    return s;
  };
  for (let k = 0; k <= 2; k++) {
    let lhs = g[k]!;
    for (let i = 1; i <= 2; i++) lhs -= phi[i - 1]! * g[Math.abs(k - i)]!;
    assert.ok(Math.abs(lhs - rhs(k)) <= 1e-9 * Math.abs(g[0]!), `equation ${k}: ${lhs} vs ${rhs(k)}`);
  }
  assert.ok(Number.isFinite(g[4]!));
});
