/**
 * Missing values (NaN) are skipped: the state is carried through the gap by its own forecast and the
 * point leaves the likelihood, so n counts observed values only. With a few holes in AirPassengers
 * the selected model and its forecasts stay close to the complete-data fit (within 5%: three of 126
 * points removed barely move the estimates).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { etsKind } from '../../src/forecasting/ets/index.ts';

const d = JSON.parse(readFileSync(new URL('../../fixtures/forecast-dev/datasets__AirPassengers.json', import.meta.url), 'utf8'));

test('fits and forecasts through missing values', () => {
  const full = Float64Array.from(d.train);
  const holes = Float64Array.from(full);
  for (const i of [30, 31, 77]) holes[i] = NaN;
  const spec = etsKind.parseSpec({ period: 12, model: 'MAM' });
  const a = etsKind.fit(full, spec, {});
  const b = etsKind.fit(holes, spec, {});
  assert.equal(b.metrics.n, full.length - 3);
  for (const k of ['loglik', 'aicc', 'sigma2', 'alpha']) assert.ok(Number.isFinite(b.metrics[k] as number), k);
  const fa = etsKind.forecast(a, 18, [95]);
  const fb = etsKind.forecast(b, 18, [95]);
  for (let i = 0; i < 18; i++) assert.ok(Math.abs(fb.mean[i]! / fa.mean[i]! - 1) < 0.05, `h=${i + 1}`);
});

test('a series that starts with missing values', () => {
  const y = Float64Array.from([NaN, NaN, ...d.train]);
  const fit = etsKind.fit(y, etsKind.parseSpec({ period: 12 }), {});
  assert.equal(fit.metrics.n, d.train.length);
  assert.ok(etsKind.forecast(fit, 12, [80]).mean.every(Number.isFinite));
});
