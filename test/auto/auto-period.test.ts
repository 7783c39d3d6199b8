import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { acf, detectPeriod, periodFromTimestamps } from '../../src/forecasting/auto/period.ts';

/** A small deterministic generator so "noise" is the same on every run. */
function lcg(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32) - 0.5;
}

test('timestamps name the calendar cycle', () => {
  const start = Date.UTC(2020, 0, 1) / 1000;
  const every = (step: number, n: number) => Array.from({ length: n }, (_, i) => start + i * step);
  assert.equal(periodFromTimestamps(every(1800, 100)), 48);
  assert.equal(periodFromTimestamps(every(3600, 100)), 24);
  assert.equal(periodFromTimestamps(every(86_400, 100)), 7);
  assert.equal(periodFromTimestamps(every(7 * 86_400, 100)), 52);
  const months = Array.from({ length: 40 }, (_, i) => Date.UTC(2000, i, 1) / 1000);
  assert.equal(periodFromTimestamps(months), 12, 'months of 28 to 31 days');
  const quarters = Array.from({ length: 20 }, (_, i) => Date.UTC(2000, 3 * i, 1) / 1000);
  assert.equal(periodFromTimestamps(quarters), 4);
  const years = Array.from({ length: 20 }, (_, i) => Date.UTC(1950 + i, 0, 1) / 1000);
  assert.equal(periodFromTimestamps(years), 1);
});

test('acf equals the textbook formula computed directly', () => {
  const rnd = lcg(7);
  const x = Float64Array.from({ length: 50 }, () => rnd());
  const mean = x.reduce((s, v) => s + v, 0) / x.length;
  const c = (k: number) => {
    let s = 0;
    for (let t = 0; t + k < x.length; t++) s += (x[t]! - mean) * (x[t + k]! - mean);
    return s / x.length;
  };
  const r = acf(x, 10);
  for (let k = 1; k <= 10; k++) assert.ok(Math.abs(r[k]! - c(k) / c(0)) < 1e-12, `lag ${k}`);
});

test('the ACF finds a constructed season and none in white noise', () => {
  const rnd = lcg(11);
  const weekly = Float64Array.from({ length: 200 }, (_, i) => 10 + 0.05 * i + 3 * Math.sin((2 * Math.PI * i) / 7) + 0.3 * rnd());
  assert.deepEqual(detectPeriod(weekly).period, 7);
  assert.equal(detectPeriod(weekly).source, 'acf');
  const noise = Float64Array.from({ length: 300 }, () => rnd());
  assert.deepEqual({ ...detectPeriod(noise), strength: null }, { period: 1, source: 'none', strength: null });
});

test('on the dev series the ACF recovers the monthly and quarterly periods', () => {
  for (const [name, expected] of [['AirPassengers', 12], ['USAccDeaths', 12], ['co2', 12], ['nottem', 12], ['UKgas', 4]] as const) {
    const d = JSON.parse(readFileSync(new URL(`../../fixtures/forecast-dev/datasets__${name}.json`, import.meta.url), 'utf8'));
    assert.equal(detectPeriod(Float64Array.from(d.train)).period, expected, name);
  }
});
