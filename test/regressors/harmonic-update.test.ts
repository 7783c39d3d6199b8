import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EngineError } from '../../src/forecasting/errors.ts';
import { harmonicKind } from '../../src/forecasting/harmonic/kind.ts';
import { fourierColumns } from '../../src/forecasting/harmonic/fourier.ts';
import { stateFromSeries } from '../../src/forecasting/arima/state.ts';
import { lcg } from '../support/random.ts';

const N = 150;
const HEAD = 110;
const rnd = lcg(23);
// Two harmonics of a period 12.5 season (non-integer: the phase of t0+1.. matters) on an integrated AR(1).
const y = new Float64Array(N);
let level = 50;
let e = 0;
for (let t = 0; t < N; t++) {
  e = 0.6 * e + rnd();
  level += e;
  y[t] = level + 4 * Math.sin((2 * Math.PI * (t + 1)) / 12.5) + 2 * Math.cos((4 * Math.PI * (t + 1)) / 12.5);
}
y[HEAD + 3] = NaN;
y[HEAD + 17] = NaN;
const spec = harmonicKind.parseSpec({ period: 12.5, K: [2] });

function close(a: ArrayLike<number>, b: ArrayLike<number>, what: string, tol = 1e-9) {
  assert.equal(a.length, b.length, `${what}: length`);
  for (let i = 0; i < a.length; i++) assert.ok(Math.abs(a[i]! - b[i]!) <= tol * Math.max(1, Math.abs(b[i]!)), `${what}[${i}]: ${a[i]} vs ${b[i]}`);
}

test('harmonic update (in pieces, with gaps) equals filtering the whole series at the fitted coefficients', () => {
  const model = harmonicKind.fit(y.slice(0, HEAD), spec, {});
  const p = model.params;
  assert.ok(p.structure.d + p.structure.p + p.structure.q > 0, `an ARIMA error model with a state: ${model.metrics.model}`);
  // Through JSON, as the daemon stores it; appended in two pieces of uneven length.
  const stored = JSON.parse(JSON.stringify(model));
  const updated = harmonicKind.update!(harmonicKind.update!(stored, y.slice(HEAD, HEAD + 7)), y.slice(HEAD + 7));
  const whole = stateFromSeries(p.structure, y, p.coef, p.sigma2, fourierColumns(p.terms, 0, N));
  const u = updated.params;
  close(u.a, whole.a, 'a');
  close(u.P, whole.P, 'P');
  close(u.uTail, whole.uTail, 'uTail');
  assert.deepEqual(u.uTailMissing, whole.uTailMissing);
  assert.deepEqual(u.coef, p.coef, 'coefficients unchanged');
  assert.equal(u.n, N);
  assert.equal(u.t0, N);
  assert.equal(updated.metrics.n, N);
  const a = harmonicKind.forecast(updated, 30, [80, 95]);
  const b = harmonicKind.forecast({ ...model, params: { ...p, ...whole, t0: N } }, 30, [80, 95]);
  close(a.mean, b.mean, 'mean');
  close(a.intervals[1]!.upper, b.intervals[1]!.upper, 'upper 95');
  // The model that saw the tail forecasts differently from the one that did not.
  const before = harmonicKind.forecast(model, 30, [95]);
  assert.ok(Math.abs(before.mean[0]! - a.mean[0]!) > 1e-6);
});

test('harmonic update refuses ±Infinity as invalid data and a model with user regressors as unsupported', () => {
  const model = harmonicKind.fit(y.slice(0, HEAD), spec, {});
  for (const bad of [Infinity, -Infinity]) {
    assert.throws(
      () => harmonicKind.update!(model, Float64Array.of(1, bad)),
      (err: unknown) => err instanceof EngineError && err.code === 'MODELAPI_ERR_INVALID_SPEC' && err.field === 'data',
    );
  }
  const promo = Array.from({ length: HEAD }, (_, t) => (t % 10 < 2 ? 1 : 0));
  const withX = harmonicKind.fit(y.slice(0, HEAD), harmonicKind.parseSpec({ period: 12.5, K: [2], regressors: { promo } }), {});
  assert.deepEqual(withX.params.userRegressors, ['promo']);
  assert.throws(
    () => harmonicKind.update!(withX, y.slice(HEAD, HEAD + 3)),
    (err: unknown) => err instanceof EngineError && err.code === 'MODELAPI_ERR_UPDATE_UNSUPPORTED' && /promo/.test(err.message),
  );
});
