import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildSystem } from '../../src/forecasting/arima/likelihood/system.ts';
import { denseFilter, initialState } from '../../src/forecasting/arima/likelihood/kalman.ts';
import { lowRankFilter } from '../../src/forecasting/arima/likelihood/lowrank-filter.ts';
import { fastFilter } from '../../src/forecasting/arima/likelihood/fast-filter.ts';
import type { Structure } from '../../src/forecasting/arima/structure.ts';
import { lcg } from '../support/random.ts';

// Long series, where the dense filter spends most steps in its steady state (kalman.ts): it must give
// what the low-rank filter (another algorithm, no steady-state shortcut) and, without gaps, the fast
// filter give — likelihood pieces and every innovation.
const s: Structure = { p: 2, d: 0, q: 1, P: 0, D: 0, Q: 0, m: 1, reg: 'none' };
const sys = buildSystem(s, [0.6, -0.2, 0.4]);
const rnd = lcg(3);
const n = 3000;
const y = Float64Array.from({ length: n }, rnd);

test('the dense filter with scattered gaps equals the low-rank filter', () => {
  const gappy = Float64Array.from(y);
  for (let i = 0; i < 40; i++) gappy[(i * 7919) % n] = NaN;
  for (let i = 1500; i < 1510; i++) gappy[i] = NaN; // and one long gap
  const a = new Float64Array(n);
  const b = new Float64Array(n);
  const dense = denseFilter(sys, gappy, initialState(sys), undefined, a);
  const low = lowRankFilter(sys, gappy, b);
  assert.equal(dense.nu, low.nu);
  assert.ok(Math.abs(dense.ssq - low.ssq) < 1e-9 * low.ssq, `ssq ${dense.ssq} vs ${low.ssq}`);
  assert.ok(Math.abs(dense.sumlog - low.sumlog) < 1e-9 * Math.max(1, Math.abs(low.sumlog)), `sumlog ${dense.sumlog} vs ${low.sumlog}`);
  for (let t = 0; t < dense.nu; t++) assert.ok(Math.abs(a[t]! - b[t]!) < 1e-9, `innovation ${t}: ${a[t]} vs ${b[t]}`);
});

test('without gaps the dense filter equals the fast filter, and ends in the same state', () => {
  const st = initialState(sys);
  const a = new Float64Array(n);
  const b = new Float64Array(n);
  const dense = denseFilter(sys, y, st, undefined, a);
  const fast = fastFilter(sys, y, true, b);
  assert.ok(Math.abs(dense.ssq - fast.ssq) < 1e-9 * fast.ssq);
  assert.ok(Math.abs(dense.sumlog - fast.sumlog) < 1e-9);
  for (let t = 0; t < n; t++) assert.ok(Math.abs(a[t]! - b[t]!) < 1e-9, `innovation ${t}`);
  for (let i = 0; i < sys.r; i++) assert.ok(Math.abs(st.a[i]! - fast.state!.a[i]!) < 1e-9, `state ${i}`);
  for (let i = 0; i < sys.r * sys.r; i++) assert.ok(Math.abs(st.P[i]! - fast.state!.P[i]!) < 1e-9, `covariance ${i}`);
});

// With no final state wanted, the fast filter's steady phase switches to the direct ARMA recursion
// (fast-filter.ts); the dense filter has no such form. Dense lags (ARMA(2,1), unrolled; ARMA(6,2)) and
// sparse seasonal ones take the recursion's three loops; with and without an innovations array of the
// caller's.
for (const [name, ss, coef] of [
  ['ARMA(2,1)', s, [0.6, -0.2, 0.4]],
  // Past five lags the dense recursion takes its plain loops instead of the unrolled one.
  ['ARMA(6,2)', { p: 6, d: 0, q: 2, P: 0, D: 0, Q: 0, m: 1, reg: 'none' }, [0.3, -0.1, 0.1, 0.05, -0.05, 0.02, 0.3, 0.1]],
  ['(1,0,2)(1,0,1)[12]', { p: 1, d: 0, q: 2, P: 1, D: 0, Q: 1, m: 12, reg: 'none' }, [0.5, 0.3, -0.2, 0.4, -0.5]],
] as const) {
  test(`without a final state the fast filter's direct steady form equals the dense filter: ${name}`, () => {
    const sy = buildSystem(ss as Structure, coef);
    const a = new Float64Array(n);
    const b = new Float64Array(n);
    const dense = denseFilter(sy, y, initialState(sy), undefined, a);
    const fast = fastFilter(sy, y, false, b);
    const bare = fastFilter(sy, y, false);
    assert.equal(fast.state, undefined);
    for (const r of [fast, bare]) {
      assert.ok(Math.abs(dense.ssq - r.ssq) < 1e-9 * dense.ssq, `ssq ${r.ssq} vs ${dense.ssq}`);
      assert.ok(Math.abs(dense.sumlog - r.sumlog) < 1e-9, `sumlog ${r.sumlog} vs ${dense.sumlog}`);
    }
    for (let t = 0; t < n; t++) assert.ok(Math.abs(a[t]! - b[t]!) < 1e-9, `innovation ${t}: ${b[t]} vs ${a[t]}`);
  });
}
