import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { autoArimaKind } from '../../src/forecasting/arima/index.ts';

// Half-hourly electricity demand with period 336 (forecast::taylor): R's auto.arima gives up on it.
// The brief's budget (under 10 s and 500 MB) is checked by bench:engine's taylor row, not here: a timed
// assertion fails on a loaded machine (11.8 s measured with a load average of 27 on 2 cores).
const d = JSON.parse(readFileSync(new URL('../../fixtures/forecast-dev/forecast__taylor.json', import.meta.url), 'utf8'));

test('auto_arima handles period 336 and forecasts a full week', () => {
  const model = autoArimaKind.fit(Float64Array.from(d.train), autoArimaKind.parseSpec({ period: 336 }), {});
  const fc = autoArimaKind.forecast(model, d.h, [95]);
  assert.ok(process.memoryUsage().rss < 500 * 2 ** 20, `rss ${process.memoryUsage().rss}`);
  assert.equal(fc.mean.length, 336);
  // Against the held-out week: 95% intervals should cover most of it (the accuracy bench reports
  // the exact figure; 80% leaves room for the series' occasional anomalies).
  let inside = 0;
  for (let i = 0; i < d.h; i++) if (d.test[i] >= fc.intervals[0]!.lower[i]! && d.test[i] <= fc.intervals[0]!.upper[i]!) inside++;
  assert.ok(inside / d.h > 0.8, `coverage ${inside / d.h}`);
  // Point forecasts stay within the range the series has shown (a runaway drift or seasonal blow-up
  // would leave it).
  const lo = Math.min(...d.train);
  const hi = Math.max(...d.train);
  assert.ok(fc.mean.every((v) => v > lo && v < hi));
});
