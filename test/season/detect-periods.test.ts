import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { acfByFft } from '../../src/forecasting/season/fft-acf.ts';
import { calendarPeriods } from '../../src/forecasting/season/candidates.ts';
import { decideSeasons } from '../../src/forecasting/season/detect.ts';
import { lcg } from '../support/random.ts';

const fixture = (path: string) => JSON.parse(readFileSync(new URL(`../../fixtures/${path}`, import.meta.url), 'utf8'));

test('the FFT autocorrelation equals the direct sum', () => {
  const rnd = lcg(3);
  const x = Float64Array.from({ length: 301 }, () => rnd());
  const mean = x.reduce((s, v) => s + v, 0) / x.length;
  const c = (k: number) => {
    let s = 0;
    for (let t = 0; t + k < x.length; t++) s += (x[t]! - mean) * (x[t + k]! - mean);
    return s;
  };
  const r = acfByFft(x, 40);
  for (let k = 0; k <= 40; k++) assert.ok(Math.abs(r[k]! - c(k) / c(0)) < 1e-12, `lag ${k}`);
});

test('spacing gives the calendar candidates', () => {
  assert.deepEqual(calendarPeriods(1800), [48, 336]);
  assert.deepEqual(calendarPeriods(3600), [24, 168]);
  assert.deepEqual(calendarPeriods(86_400), [7, 365.25]);
  assert.deepEqual(calendarPeriods(7 * 86_400), [52.18]);
  assert.deepEqual(calendarPeriods(31 * 86_400), [12]);
  assert.deepEqual(calendarPeriods(365 * 86_400), []);
});

test('a slow cycle is found in the undifferenced series: melbourne has a yearly period', () => {
  const y = Float64Array.from(fixture('melbourne_min_temp.json').data);
  const d = decideSeasons(y, { given: [] });
  assert.equal(d.source, 'acf');
  assert.equal(d.periods.length, 1);
  assert.ok(Math.abs(d.periods[0]! - 365) <= 3, `found ${d.periods[0]}`);
  const daily = decideSeasons(y, { given: [], intervalSeconds: 86_400 });
  assert.deepEqual(daily.periods, [365.25], 'daily spacing: the year is there, the week is not');
  assert.ok(daily.tested.find((t) => t.period === 7)!.strength < 0.4);
});

test('two periods at once: taylor half-hourly has 48 and 336', () => {
  const y = Float64Array.from(fixture('forecast-dev/forecast__taylor.json').train);
  assert.deepEqual(decideSeasons(y, { given: [] }).periods, [48, 336]);
});

test('synthetic series with known periods, and none in noise or random walks', () => {
  const rnd = lcg(11);
  const two = Float64Array.from({ length: 2000 }, (_, t) => 5 * Math.sin((2 * Math.PI * t) / 24) + 3 * Math.cos((2 * Math.PI * t) / 168) + rnd());
  assert.deepEqual(decideSeasons(two, { given: [] }).periods, [24, 168]);
  assert.deepEqual(decideSeasons(two, { given: [], intervalSeconds: 3600 }).periods, [24, 168]);
  for (let seed = 1; seed <= 4; seed++) {
    const r = lcg(seed);
    const noise = Float64Array.from({ length: 1500 }, () => r());
    assert.deepEqual(decideSeasons(noise, { given: [] }).periods, [], `noise ${seed}`);
    let v = 4000;
    const stock = Float64Array.from({ length: 1500 }, () => (v *= Math.exp(0.034 * r())));
    assert.deepEqual(decideSeasons(stock, { given: [] }).periods, [], `random walk ${seed}`);
    assert.deepEqual(decideSeasons(stock, { given: [260] }).periods, [], `random walk ${seed} given 260`);
    assert.deepEqual(decideSeasons(stock, { given: [], intervalSeconds: 86_400 }).periods, [], `random walk ${seed} daily`);
  }
});
