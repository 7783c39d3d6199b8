import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stateFromSeries } from '../../src/forecasting/arima/state.ts';
import { forecastState } from '../../src/forecasting/arima/forecast.ts';
import type { Structure } from '../../src/forecasting/arima/structure.ts';

// Forecasts at known coefficients against the textbook closed forms. Filtering is exact for an AR(1)
// once one value is seen, so the only error is rounding: 1e-12 relative.
const y = Float64Array.from([1.2, 0.4, -0.3, 0.9, 1.7, 2.1, 1.4, 0.2, 0.8, 1.1]);
const phi = 0.6;
const mu = 0.5;
const sigma2 = 2.5;

function close(a: number, b: number, what: string) {
  assert.ok(Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b}`);
}

test('AR(1) with mean: mean mu + phi^h (y_n - mu), variance sigma2 (1 - phi^2h)/(1 - phi^2)', () => {
  const s: Structure = { p: 1, d: 0, q: 0, P: 0, D: 0, Q: 0, m: 1, reg: 'intercept' };
  const fc = forecastState(s, stateFromSeries(s, y, [phi, mu], sigma2), 8);
  for (let h = 1; h <= 8; h++) {
    close(fc.mean[h - 1]!, mu + phi ** h * (y[9]! - mu), `mean h=${h}`);
    close(fc.se[h - 1]! ** 2, (sigma2 * (1 - phi ** (2 * h))) / (1 - phi * phi), `var h=${h}`);
  }
});

test('ARIMA(1,1,0): differences undone, variance of the summed AR(1) forecast errors', () => {
  const s: Structure = { p: 1, d: 1, q: 0, P: 0, D: 0, Q: 0, m: 1, reg: 'none' };
  const fc = forecastState(s, stateFromSeries(s, y, [phi], sigma2), 6);
  const last = y[9]!;
  const dlast = y[9]! - y[8]!;
  for (let h = 1; h <= 6; h++) {
    let mean = last;
    for (let j = 1; j <= h; j++) mean += phi ** j * dlast;
    // y_{n+h} error = sum_{k=1}^{h} eps_{n+k} * (1 + phi + ... + phi^{h-k})
    let v = 0;
    for (let k = 1; k <= h; k++) {
      let c = 0;
      for (let j = 0; j <= h - k; j++) c += phi ** j;
      v += c * c;
    }
    close(fc.mean[h - 1]!, mean, `mean h=${h}`);
    close(fc.se[h - 1]! ** 2, sigma2 * v, `var h=${h}`);
  }
});
