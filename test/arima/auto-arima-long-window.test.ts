import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getKind } from '../../src/forecasting/index.ts';
import { SEARCH_WINDOW } from '../../src/forecasting/arima/auto/search.ts';
import { normals } from '../support/random.ts';

test('auto_arima on a series longer than the search window searches its end, then fits every value', () => {
  const n = SEARCH_WINDOW + 5000;
  const noise = normals(7);
  const y = new Float64Array(n);
  // AR(2) with phi (0.5, -0.3) around 50, the first 5000 values of another regime (mean 0): the search
  // sees the last SEARCH_WINDOW values only, but the estimates are the whole series'.
  let a = 0;
  let b = 0;
  for (let t = 0; t < n; t++) {
    const v = 0.5 * a - 0.3 * b + noise();
    b = a;
    a = v;
    y[t] = v + 50;
  }
  const auto = getKind('auto_arima');
  const model = auto.fit(y, auto.parseSpec({}), {});
  const m = model.metrics as Record<string, number | string>;
  assert.equal(m.searchedLast, SEARCH_WINDOW);
  assert.equal(m.nobs, n);
  assert.equal(m.model, 'ARIMA(2,0,0) with non-zero mean');
  for (const [name, value] of [['ar1', 0.5], ['ar2', -0.3], ['intercept', 50]] as const) {
    assert.ok(Math.abs((m[name] as number) - value) < 4 * (m[`se_${name}`] as number), `${name} ${m[name]} (se ${m[`se_${name}`]})`);
  }
  // The refit started from the window's estimates reaches the whole series' CSS-ML optimum: the
  // `arima` kind's fit of the same order (CSS over every value, then ML) has the same likelihood.
  const arima = getKind('arima');
  const exact = arima.fit(y, arima.parseSpec({ order: [2, 0, 0] }), {});
  assert.ok(Math.abs((m.loglik as number) - (exact.metrics.loglik as number)) < 1e-6, `${m.loglik} against ${exact.metrics.loglik}`);
  // A series at the window's length is searched whole, as before.
  const short = auto.fit(y.slice(n - SEARCH_WINDOW), auto.parseSpec({}), {});
  assert.equal(short.metrics.searchedLast, undefined);
});
