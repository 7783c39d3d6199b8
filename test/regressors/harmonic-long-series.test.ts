import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getKind } from '../../src/forecasting/index.ts';
import { SEARCH_WINDOW } from '../../src/forecasting/arima/auto/search.ts';
import { EXACT_WORK } from '../../src/forecasting/harmonic/kind.ts';
import { normals } from '../support/random.ts';

// Long enough for both shortcuts: harmonic's two stages (n × regressors > EXACT_WORK, harmonic/large.ts)
// and, inside stage 1, auto_arima's search window (n > SEARCH_WINDOW).
// Known truth: mean 10, period 24 with two harmonics, AR(1) errors with phi 0.6 and unit noise.
const n = SEARCH_WINDOW + 2000;
const truth = { intercept: 10, 'S1-24': 3, 'C1-24': -2, 'S2-24': 1.5, 'C2-24': 0.5 };
const phi = 0.6;
const noise = normals(42);
let e = 0;
const y = Float64Array.from({ length: n }, (_, i) => {
  const t = i + 1;
  e = phi * e + noise();
  const w = (2 * Math.PI * t) / 24;
  return truth.intercept + truth['S1-24'] * Math.sin(w) + truth['C1-24'] * Math.cos(w) + truth['S2-24'] * Math.sin(2 * w) + truth['C2-24'] * Math.cos(2 * w) + e;
});

// The ARMA order is not asserted: on AR(1) data auto_arima's AICc search itself (exact or not) may
// settle on an equivalent ARMA(2,2) — AICc within a unit or two — as it does here.
test('harmonic on a long series recovers the true K, the Fourier coefficients and the noise variance', () => {
  assert.ok(n * 10 > EXACT_WORK, 'the two-stage way is taken (10 regressors at K = 5)');
  const harmonic = getKind('harmonic');
  const model = harmonic.fit(y, harmonic.parseSpec({ period: 24 }), {});
  const m = model.metrics as Record<string, number | string | null>;
  assert.match(String(m.selection), /^two-stage/);
  assert.equal(m.K, '2', `K chosen by AICc: ${JSON.stringify(Object.fromEntries(Object.entries(m).filter(([k]) => k.startsWith('aicc'))))}`);
  assert.equal(m.nobs, n, 'the joint fit uses every value');
  for (const [name, value] of Object.entries(truth)) {
    const est = m[name] as number;
    const se = m[`se_${name}`] as number;
    assert.ok(se > 0 && se < 0.1, `${name}: se ${se}`);
    assert.ok(Math.abs(est - value) < 4 * se, `${name}: ${est} vs ${value} (se ${se})`);
  }
  assert.ok(Math.abs((m.sigma2 as number) - 1) < 0.03, `innovation variance ${m.sigma2}`);
  // The forecast continues the season: one period ahead equals the true mean curve within the AR noise.
  const fc = harmonic.forecast(JSON.parse(JSON.stringify(model)), 48, [95]);
  for (let h = 25; h <= 48; h++) {
    const w = (2 * Math.PI * (n + h)) / 24;
    const curve = truth.intercept + 3 * Math.sin(w) - 2 * Math.cos(w) + 1.5 * Math.sin(2 * w) + 0.5 * Math.cos(2 * w);
    assert.ok(Math.abs(fc.mean[h - 1]! - curve) < 0.15, `step ${h}: ${fc.mean[h - 1]} vs ${curve}`);
  }
});
