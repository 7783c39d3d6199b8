/**
 * Seasonal periods above R's limit of 24 work: forecast::taylor (half-hourly demand, m = 336,
 * 3696 values). R drops the season and fits ETS(A,Ad,N); we keep it: the fit picks a seasonal model and
 * forecasts the held-out week better than R's non-seasonal one. (Its speed is bench:engine's to measure.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { etsKind } from '../../src/forecasting/ets/index.ts';

const d = JSON.parse(readFileSync(new URL('../../fixtures/forecast-dev/forecast__taylor.json', import.meta.url), 'utf8'));

test('taylor (m = 336) fits with its season', () => {
  const fit = etsKind.fit(Float64Array.from(d.train), etsKind.parseSpec({ period: 336 }), {});
  assert.match(String(fit.metrics.model), /,[AM]\)$/);
  const fc = etsKind.forecast(fit, d.h, [95]);
  const mae = (f: ArrayLike<number>) => d.test.reduce((s: number, v: number, i: number) => s + Math.abs(v - f[i]!), 0) / d.h;
  assert.ok(mae(fc.mean) < mae(d.r.ets.mean), `MAE ours ${mae(fc.mean)} vs R ${mae(d.r.ets.mean)}`);
  for (const v of fc.intervals[0]!.lower) assert.ok(Number.isFinite(v));
});
