import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getKind } from '../../src/forecasting/index.ts';
import { combineForecasts } from '../../src/forecasting/auto/combine.ts';
import { lcg } from '../support/random.ts';

const auto = getKind('auto');
const fitAuto = (y: number[], options: Record<string, unknown> = {}) => {
  const model = auto.fit(Float64Array.from(y), auto.parseSpec(options), {});
  return { model, fc: auto.forecast(JSON.parse(JSON.stringify(model)), 12, [95]) };
};

test('a pure linear trend is continued', () => {
  const rnd = lcg(1);
  const y = Array.from({ length: 80 }, (_, i) => 5 + 0.5 * i + 0.05 * rnd());
  const { model, fc } = fitAuto(y);
  assert.equal(model.metrics.period, 1);
  for (let k = 0; k < 12; k++) assert.ok(Math.abs(fc.mean[k]! - (5 + 0.5 * (80 + k))) < 0.5, `step ${k + 1}: ${fc.mean[k]}`);
  assert.equal(typeof model.metrics.why, 'string');
});

test('a pure season is detected and repeated', () => {
  const rnd = lcg(2);
  const season = (i: number) => 20 + 8 * Math.sin((2 * Math.PI * i) / 12) + 3 * Math.cos((4 * Math.PI * i) / 12);
  const y = Array.from({ length: 120 }, (_, i) => season(i) + 0.2 * rnd());
  const { model, fc } = fitAuto(y);
  assert.equal(model.metrics.period, 12);
  assert.equal(model.metrics.periodSource, 'acf');
  for (let k = 0; k < 12; k++) assert.ok(Math.abs(fc.mean[k]! - season(120 + k)) < 1, `step ${k + 1}: ${fc.mean[k]} vs ${season(120 + k)}`);
});

test('white noise is forecast by its mean with intervals about ±1.96 σ', () => {
  const rnd = lcg(3);
  const y = Array.from({ length: 200 }, () => 50 + rnd() * Math.sqrt(12)); // uniform noise with σ = 1
  const { model, fc } = fitAuto(y);
  assert.equal(model.metrics.period, 1);
  const mean = y.reduce((s, v) => s + v, 0) / y.length;
  for (let k = 0; k < 12; k++) {
    assert.ok(Math.abs(fc.mean[k]! - mean) < 0.35, `flat at the mean, step ${k + 1}: ${fc.mean[k]}`);
    const half = (fc.intervals[0]!.upper[k]! - fc.intervals[0]!.lower[k]!) / 2;
    assert.ok(half > 1.5 && half < 2.6, `95% half-width near 1.96, step ${k + 1}: ${half}`);
  }
});

test('the combination is the mean of the members, bound by bound', () => {
  const f = (m: number[], lo: number[], hi: number[]) => ({ mean: Float64Array.from(m), intervals: [{ level: 95, lower: Float64Array.from(lo), upper: Float64Array.from(hi) }] });
  const c = combineForecasts([f([1, 2], [0, 1], [2, 3]), f([3, 6], [2, 2], [4, 10])]);
  assert.deepEqual([...c.mean], [2, 4]);
  assert.deepEqual([...c.intervals[0]!.lower], [1, 1.5]);
  assert.deepEqual([...c.intervals[0]!.upper], [3, 6.5]);
});

test('the chosen model and the reason are reported; a given period and timestamps are honoured', () => {
  const rnd = lcg(4);
  const y = Array.from({ length: 60 }, (_, i) => 10 + (i % 4) * 2 + rnd());
  const given = fitAuto(y, { period: 4 }).model;
  assert.equal(given.metrics.period, 4);
  assert.equal(given.metrics.periodSource, 'given');
  assert.equal(given.metrics.chosen, 'combination');
  assert.match(String(given.metrics.model), /^combination of auto_arima ARIMA.*, ets ETS/);
  const days = Array.from({ length: 60 }, (_, i) => new Date(Date.UTC(2024, 0, 1 + i)).toISOString());
  // Daily spacing proposes 7 and 365.25; the data keep the week (a year is beyond 60 days).
  const weekly = Array.from({ length: 60 }, (_, i) => 10 + (i % 7) * 2 + rnd());
  const timed = fitAuto(weekly, { timestamps: days }).model;
  assert.equal(timed.metrics.period, 7);
  assert.equal(timed.metrics.periodSource, 'interval');
  assert.equal(fitAuto(y, { timestamps: days }).model.metrics.period, 1, 'a series of period 4 has no week');
  assert.throws(() => auto.parseSpec({ method: 'vote' }), (e: { field?: string }) => e.field === 'method');
  assert.throws(() => auto.parseSpec({ timestamps: ['yesterday', 'today', 'tomorrow'] }), (e: { field?: string }) => e.field === 'timestamps[0]');
});

test('validation forecasts as far as the horizon the caller will ask for', () => {
  const rnd = lcg(8);
  const y = Array.from({ length: 300 }, (_, i) => 20 + 0.01 * i + Math.sin(i / 9) * 3 + rnd());
  const near = auto.fit(Float64Array.from(y), auto.parseSpec({ period: 1 }), {});
  assert.match(String(near.metrics.why), / of 12:/);
  const far = auto.fit(Float64Array.from(y), auto.parseSpec({ period: 1, horizon: 40 }), {});
  assert.match(String(far.metrics.why), / of 40:/);
  assert.throws(() => auto.parseSpec({ horizon: 0 }), (e: { field?: string }) => e.field === 'horizon');
});
