import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nestedOlsResiduals, olsResiduals } from '../../src/forecasting/arima/auto/ols-residuals.ts';

test('nested regressions from one set of cross products equal each regression fitted alone', () => {
  let seed = 11;
  const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647 - 0.5;
  const n = 500;
  const cols = Array.from({ length: 5 }, (_, j) => Float64Array.from({ length: n }, (_, t) => Math.sin((t + 1) * (j + 1) * 0.1) + 0.3 * rnd()));
  const x = Float64Array.from({ length: n }, (_, t) => 3 + 2 * cols[0]![t]! - cols[3]![t]! + rnd());
  x[17] = NaN;
  const subsets = [[0], [0, 1], [3, 1, 4], [0, 1, 2, 3, 4]];
  const nested = nestedOlsResiduals(x, cols, subsets);
  subsets.forEach((subset, i) => {
    const alone = olsResiduals(x, subset.map((j) => cols[j]!));
    assert.ok(Number.isNaN(nested[i]![17]!), 'a missing value stays missing');
    for (let t = 0; t < n; t++) if (t !== 17) assert.ok(Math.abs(nested[i]![t]! - alone[t]!) < 1e-9, `subset ${subset}: t=${t} ${nested[i]![t]} vs ${alone[t]}`);
  });
});
