import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getKind } from '../../src/forecasting/index.ts';
import { readFileSync } from 'node:fs';
import { blowsUp, clipAtFloor, plausibleRange } from '../../src/forecasting/auto/guard.ts';
import { lcg } from '../support/random.ts';

const auto = getKind('auto');
const fc = (mean: number[]) => ({ mean: Float64Array.from(mean), intervals: [] });

test('the plausible range is the observed range widened by its width, with a floor at zero for a series never negative', () => {
  assert.deepEqual(plausibleRange([10, NaN, 30, 20]), { lo: -10, hi: 50, floor: 0 });
  assert.deepEqual(plausibleRange([-10, 30]), { lo: -50, hi: 70 });
  assert.deepEqual(plausibleRange([0, 4]), { lo: -4, hi: 8, floor: 0 });
  const r = plausibleRange([100, 140]);
  assert.deepEqual(r, { lo: 60, hi: 180, floor: 0 });
  assert.equal(blowsUp(fc([60, 180]), r), false);
  assert.equal(blowsUp(fc([100, 180.5]), r), true);
  assert.equal(blowsUp(fc([59]), r), true);
  assert.equal(blowsUp(fc([NaN]), r), true, 'a non-number is a blow-up too');
});

test('clipping raises the points and both interval bounds below the floor, and only those', () => {
  const f = { mean: Float64Array.from([-2, 0, 3]), intervals: [{ level: 95, lower: Float64Array.from([-5, -1, 1]), upper: Float64Array.from([-1, 2, 6]) }] };
  const c = clipAtFloor(f, 0);
  assert.deepEqual(Array.from(c.mean), [0, 0, 3]);
  assert.deepEqual(Array.from(c.intervals[0]!.lower), [0, 0, 1]);
  assert.deepEqual(Array.from(c.intervals[0]!.upper), [0, 2, 6]);
  assert.equal(c.intervals[0]!.level, 95);
  assert.deepEqual(Array.from(f.mean), [-2, 0, 3], 'the forecast given is not changed');
  assert.equal(clipAtFloor(c, 0), c, 'nothing below the floor: the forecast itself, not a copy');
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

test('a trended forecast inside the range is clipped at the floor, mean and intervals, not replaced', () => {
  const rnd = lcg(9);
  const y = Float64Array.from({ length: 120 }, (_, i) => 50 + 0.8 * i + rnd());
  const model = auto.fit(y, auto.parseSpec({}), {});
  const wide = { lo: -1e9, hi: 1e9 };
  const free = auto.forecast({ ...model, params: { ...(model.params as object), range: wide } }, 24, [95]);
  // A floor the trend crosses half-way: the steps before it are raised to it, the later ones kept.
  const floor = free.mean[11]!;
  const clipped = auto.forecast({ ...model, params: { ...(model.params as object), range: { ...wide, floor } } }, 24, [95]);
  for (let i = 0; i < 24; i++) {
    assert.equal(clipped.mean[i], Math.max(floor, free.mean[i]!), `step ${i}`);
    assert.equal(clipped.intervals[0]!.lower[i], Math.max(floor, free.intervals[0]!.lower[i]!), `lower ${i}`);
    assert.equal(clipped.intervals[0]!.upper[i], Math.max(floor, free.intervals[0]!.upper[i]!), `upper ${i}`);
  }
  assert.ok(free.mean[0]! < floor && free.mean[23]! > floor, 'the floor lies inside the free forecast');
});

test("monthly sunspots given period 132: the cycle's trough below zero is clipped; a version stored before the floor falls back", () => {
  // R's datasets::sunspot.month, the long-period dev fixture (fixtures/r/long-period-dev.R).
  const s = JSON.parse(readFileSync(new URL('../../fixtures/long-period-dev/datasets__sunspot_month.json', import.meta.url), 'utf8'));
  const y = Float64Array.from(s.train as number[]);
  const model = auto.fit(y, auto.parseSpec({ period: 132 }), {});
  const fc = auto.forecast(model, 132, [95]);
  const snaive = (i: number) => y[y.length - 132 + i]!;
  assert.ok(fc.mean.every((v) => v >= 0) && fc.mean.some((v) => v === 0), 'clipped at zero');
  assert.ok(fc.mean.some((v, i) => v !== snaive(i)), 'the model answers, not the fallback');
  // The same model with the range stored before 2026-12-07 (lo = 0 for a series never negative, no floor).
  const range = (model.params as { range: { lo: number; hi: number } }).range;
  const old = auto.forecast({ ...model, params: { ...(model.params as object), range: { lo: 0, hi: range.hi } } }, 132, [95]);
  for (let i = 0; i < 132; i++) assert.equal(old.mean[i], snaive(i), `step ${i}`);
});

test('a stock-like random walk given a long period neither models a season nor blows up', () => {
  for (let seed = 1; seed <= 3; seed++) {
    const rnd = lcg(seed);
    let v = 4000;
    const y = Float64Array.from({ length: 1300 }, () => (v *= Math.exp(0.03 * rnd())));
    const model = auto.fit(y, auto.parseSpec({ period: 260 }), {});
    assert.equal(model.metrics.period, 1, `seed ${seed}: ${model.metrics.why}`);
    const fc = auto.forecast(model, 365, [95]);
    assert.equal(blowsUp(fc, plausibleRange(y)), false, `seed ${seed}`);
    assert.ok(fc.mean.every((v) => v > 0), `seed ${seed}: not even down to the floor`);
  }
});
