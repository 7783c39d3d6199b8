/**
 * Seasonal periods above R's limit of 24 work: forecast::taylor (half-hourly demand, m = 336,
 * 3696 values). R drops the season and fits ETS(A,Ad,N); we keep it. The fit must take a few seconds
 * at most (typically 0.15–0.5 s here; the 15 s bound allows for a loaded shared 2-core machine), pick a
 * seasonal model, and forecast the held-out week better than R's non-seasonal one.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { etsKind } from '../../src/forecasting/ets/index.ts';

const d = JSON.parse(readFileSync(new URL('../../fixtures/forecast-dev/forecast__taylor.json', import.meta.url), 'utf8'));

test('taylor (m = 336) fits quickly with its season', () => {
  const t0 = performance.now();
  const fit = etsKind.fit(Float64Array.from(d.train), etsKind.parseSpec({ period: 336 }), {});
  const seconds = (performance.now() - t0) / 1000;
  assert.ok(seconds < 15, `fit took ${seconds.toFixed(1)} s`);
  assert.match(String(fit.metrics.model), /,[AM]\)$/);
  const fc = etsKind.forecast(fit, d.h, [95]);
  const mae = (f: ArrayLike<number>) => d.test.reduce((s: number, v: number, i: number) => s + Math.abs(v - f[i]!), 0) / d.h;
  assert.ok(mae(fc.mean) < mae(d.r.ets.mean), `MAE ours ${mae(fc.mean)} vs R ${mae(d.r.ets.mean)}`);
  for (const v of fc.intervals[0]!.lower) assert.ok(Number.isFinite(v));
});
