import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exerciseEngine } from '../../src/forecasting/index.ts';

// The warm-up is only worth its start-up CPU if it runs the code a long-season fit and a first
// `auto` fit run: both mstl methods on several periods and on one, and the default kind.
test("the engine's warm-up fits mstl with ETS and ARIMA, and auto, without an error", () => {
  const fitted: string[] = [];
  for (let step = 0, model; (model = exerciseEngine(step)) !== null; step++) fitted.push(model);
  assert.ok(fitted.some((m) => /^mstl: STL \+ ETS/.test(m)), fitted.join('; '));
  assert.ok(fitted.some((m) => /^mstl: STL \+ ARIMA/.test(m)), fitted.join('; '));
  assert.ok(fitted.some((m) => /^auto: /.test(m)), fitted.join('; '));
});
