import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getKind } from '../../src/forecasting/index.ts';
import { blowsUp, plausibleRange } from '../../src/forecasting/auto/guard.ts';
import { lcg } from '../support/random.ts';

const auto = getKind('auto');
const fc = (mean: number[]) => ({ mean: Float64Array.from(mean), intervals: [] });

test('the plausible range is the observed range widened by its width, not below zero for a positive series', () => {
  assert.deepEqual(plausibleRange([10, NaN, 30, 20]), { lo: 0, hi: 50 });
  assert.deepEqual(plausibleRange([-10, 30]), { lo: -50, hi: 70 });
  const r = plausibleRange([100, 140]);
  assert.deepEqual(r, { lo: 60, hi: 180 });
  assert.equal(blowsUp(fc([60, 180]), r), false);
  assert.equal(blowsUp(fc([100, 180.5]), r), true);
  assert.equal(blowsUp(fc([59]), r), true);
  assert.equal(blowsUp(fc([NaN]), r), true, 'a non-number is a blow-up too');
});

test('a forecast leaving the range is replaced by the naive fallback', () => {
  const rnd = lcg(9);
  const y = Float64Array.from({ length: 120 }, (_, i) => 50 + 0.8 * i + rnd());
  const model = auto.fit(y, auto.parseSpec({}), {});
  const trended = auto.forecast(model, 24, [95]);
  assert.ok(trended.mean[23]! > y[119]! + 10, 'the trend is continued while it stays plausible');
  // The same model with a range its trend leaves: the fallback (naive: the last value) answers.
  const narrow = { ...model, params: { ...(model.params as object), range: { lo: 0, hi: y[119]! + 5 } } };
  const guarded = auto.forecast(narrow, 24, [95]);
  for (let i = 0; i < 24; i++) assert.equal(guarded.mean[i], y[119]);
});

test('a stock-like random walk given a long period neither models a season nor blows up', () => {
  for (let seed = 1; seed <= 3; seed++) {
    const rnd = lcg(seed);
    let v = 4000;
    const y = Float64Array.from({ length: 1300 }, () => (v *= Math.exp(0.03 * rnd())));
    const model = auto.fit(y, auto.parseSpec({ period: 260 }), {});
    assert.equal(model.metrics.period, 1, `seed ${seed}: ${model.metrics.why}`);
    assert.equal(blowsUp(auto.forecast(model, 365, [95]), plausibleRange(y)), false, `seed ${seed}`);
  }
});
