import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exerciseEngine, WARM_UP_STEPS } from '../../src/forecasting/index.ts';

// The warm-up is only worth its start-up CPU if it runs the code a long-season fit and a first
// `auto` fit run: both mstl methods on several periods and on one, and the default kind.
test("the engine's warm-up fits mstl with ETS and ARIMA, and auto, without an error", () => {
  const fitted = Array.from({ length: WARM_UP_STEPS }, (_, step) => exerciseEngine(step)!);
  assert.equal(exerciseEngine(WARM_UP_STEPS), null, 'the end of the steps, as the worker protocol sees it');
  assert.ok(fitted.some((m) => /^mstl: STL \+ ETS/.test(m)), fitted.join('; '));
  assert.ok(fitted.some((m) => /^mstl: STL \+ ARIMA/.test(m)), fitted.join('; '));
  assert.ok(fitted.some((m) => /^auto: /.test(m)), fitted.join('; '));
});
