import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { autoSeasons, medianSpacing } from '../../src/forecasting/auto/period.ts';
import { getKind } from '../../src/forecasting/index.ts';
import { lcg } from '../support/random.ts';

test('timestamps give their spacing; months of 28 to 31 days give about 30.4 days', () => {
  const start = Date.UTC(2020, 0, 1) / 1000;
  assert.equal(medianSpacing(Array.from({ length: 100 }, (_, i) => start + i * 1800)), 1800);
  const months = Array.from({ length: 40 }, (_, i) => Date.UTC(2000, i, 1) / 1000);
  assert.ok(Math.abs(medianSpacing(months)! / 86_400 - 30.5) < 1);
  assert.equal(medianSpacing([start, start]), undefined);
  const spec = getKind('auto').parseSpec({ timestamps: Array.from({ length: 10 }, (_, i) => new Date((start + i * 3600) * 1000).toISOString()) });
  assert.equal(spec.intervalSeconds, 3600);
});

test('a constructed weekly season is found, and none in white noise', () => {
  const rnd = lcg(11);
  const weekly = Float64Array.from({ length: 200 }, (_, i) => 10 + 0.05 * i + 3 * Math.sin((2 * Math.PI * i) / 7) + 0.3 * rnd());
  assert.deepEqual(autoSeasons(weekly, null, null).periods, [7]);
  assert.equal(autoSeasons(weekly, null, null).source, 'acf');
  const noise = Float64Array.from({ length: 300 }, () => rnd());
  assert.deepEqual(autoSeasons(noise, null, null), { periods: [], source: 'none', tested: [] });
});

test('on the dev series the monthly and quarterly periods are recovered without being given', () => {
  for (const [name, expected] of [['AirPassengers', 12], ['USAccDeaths', 12], ['co2', 12], ['nottem', 12], ['UKgas', 4]] as const) {
    const d = JSON.parse(readFileSync(new URL(`../../fixtures/forecast-dev/datasets__${name}.json`, import.meta.url), 'utf8'));
    assert.deepEqual(autoSeasons(Float64Array.from(d.train), null, null).periods, [expected], name);
  }
});

test('a given period the data do not show is dropped before any season is modelled', () => {
  const rnd = lcg(5);
  let v = 4000;
  const stock = Float64Array.from({ length: 1300 }, () => (v *= Math.exp(0.02 * rnd())));
  const d = autoSeasons(stock, [260], null);
  assert.deepEqual(d.periods, []);
  assert.equal(d.tested[0]!.period, 260);
  assert.ok(d.tested[0]!.strength < 0.45);
});

test('period 1 given means no season: nothing is detected', () => {
  const d = JSON.parse(readFileSync(new URL('../../fixtures/forecast-dev/datasets__lynx.json', import.meta.url), 'utf8'));
  const y = Float64Array.from(d.train);
  assert.deepEqual(autoSeasons(y, [], null).periods, []);
  assert.deepEqual(autoSeasons(y, null, null).periods, [10], 'the lynx cycle is found when no period is given');
});
