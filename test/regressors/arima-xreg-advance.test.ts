import { test } from 'node:test';
import assert from 'node:assert/strict';
import { arimaKind } from '../../src/forecasting/arima/index.ts';
import { forecastParams } from '../../src/forecasting/arima/kind.ts';
import { advanceState, stateFromSeries, type ArimaState } from '../../src/forecasting/arima/state.ts';
import { lcg } from '../support/random.ts';

const N = 160;
const HEAD = 120;
const rnd = lcg(17);
const promo = Float64Array.from({ length: N }, (_, t) => (t % 9 < 2 ? 1 : 0));
const temp = Float64Array.from({ length: N }, (_, t) => Math.sin(t / 5) + rnd());
// y = 0.05 t + 3 promo - 1.5 temp + ARIMA(1,1,0) noise: drift first, then the two regressors, each with
// its own clearly different coefficient, so a coefficient read from the wrong place shows.
const y = new Float64Array(N);
let level = 0;
let e = 0;
for (let t = 0; t < N; t++) {
  e = 0.5 * e + rnd();
  level += e;
  y[t] = 0.05 * (t + 1) + 3 * promo[t]! - 1.5 * temp[t]! + level;
}
y[130] = NaN;
y[131] = NaN;
y[150] = NaN;

const cols = (from: number, to: number) => [promo.slice(from, to), temp.slice(from, to)];
const spec = arimaKind.parseSpec({
  order: [1, 1, 0],
  includeDrift: true,
  regressors: { promo: Array.from(promo.subarray(0, HEAD)), temp: Array.from(temp.subarray(0, HEAD)) },
});

function close(a: ArrayLike<number>, b: ArrayLike<number>, what: string, tol = 1e-9) {
  assert.equal(a.length, b.length, `${what}: length`);
  for (let i = 0; i < a.length; i++) assert.ok(Math.abs(a[i]! - b[i]!) <= tol * Math.max(1, Math.abs(b[i]!)), `${what}[${i}]: ${a[i]} vs ${b[i]}`);
}

function sameState(a: ArimaState, b: ArimaState) {
  close(a.a, b.a, 'a');
  close(a.P, b.P, 'P');
  close(a.uTail, b.uTail, 'uTail');
  assert.deepEqual(a.uTailMissing, b.uTailMissing);
  assert.equal(a.n, b.n);
}

test('advanceState with the regressors’ new rows equals filtering the whole series (drift + xreg, gaps)', () => {
  const model = arimaKind.fit(y.slice(0, HEAD), spec, {});
  const s = model.params.structure;
  assert.deepEqual(s.xreg, ['promo', 'temp']);
  assert.equal(s.reg, 'drift');
  const p = JSON.parse(JSON.stringify(model.params));
  // In two pieces (the second ends on a gap's neighbour), then at once over the whole series.
  const mid = advanceState(s, p, y.slice(HEAD, 135), cols(HEAD, 135));
  const pieces = advanceState(s, mid, y.slice(135), cols(135, N));
  const whole = stateFromSeries(s, y, p.coef, p.sigma2, cols(0, N));
  sameState(pieces, whole);
  const future = { promo: [1, 0, 0, 1, 0, 0], temp: [0.2, 0.1, -0.3, 0.4, 0, 0.5] };
  const a = forecastParams({ structure: s, ...pieces }, 6, [95], { regressors: future });
  const b = forecastParams({ structure: s, ...whole }, 6, [95], { regressors: future });
  close(a.mean, b.mean, 'mean');
  close(a.intervals[0]!.upper, b.intervals[0]!.upper, 'upper');
});

test('advanceState of a model with regressors still refuses new values without their rows', () => {
  const model = arimaKind.fit(y.slice(0, HEAD), spec, {});
  const s = model.params.structure;
  assert.throws(() => advanceState(s, model.params, y.slice(HEAD)), /need their regressor values/);
  assert.throws(() => arimaKind.update!(model, y.slice(HEAD)), /need their regressor values/);
  assert.throws(() => advanceState(s, model.params, y.slice(HEAD), [promo.slice(HEAD)]), /expected 2 regressor columns/);
  assert.throws(() => advanceState(s, model.params, y.slice(HEAD), [promo.slice(HEAD), temp.slice(HEAD + 1)]), /has 39 values for 40/);
});
