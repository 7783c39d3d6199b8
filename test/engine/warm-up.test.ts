import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exerciseEngine, WARM_UP_STEPS } from '../../src/forecasting/index.ts';

// The warm-up is only worth its start-up CPU if it runs the code a long-season fit and a first
// `auto` fit run: both mstl methods on several periods and on one, the default kind, and the ARIMA
// kernels at every order the search can try (p, q <= 5, with a mean and without: 2 x 36).
test("the engine's warm-up fits mstl with ETS and ARIMA, and auto, and runs every ARIMA order, without an error", () => {
  const fitted = Array.from({ length: WARM_UP_STEPS }, (_, step) => exerciseEngine(step)!);
  assert.equal(exerciseEngine(WARM_UP_STEPS), null, 'the end of the steps, as the worker protocol sees it');
  assert.ok(fitted.some((m) => /^mstl: STL \+ ETS/.test(m)), fitted.join('; '));
  assert.ok(fitted.some((m) => /^mstl: STL \+ ARIMA/.test(m)), fitted.join('; '));
  assert.ok(fitted.some((m) => /^auto: /.test(m)), fitted.join('; '));
  assert.ok(fitted.includes('arima kernels: 72 of 72 orders finite'), fitted.join('; '));
});
