import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { autoArimaKind } from '../../src/forecasting/arima/index.ts';
import { stateFromSeries } from '../../src/forecasting/arima/state.ts';

const d = JSON.parse(readFileSync(new URL('../../fixtures/forecast-dev/datasets__USAccDeaths.json', import.meta.url), 'utf8'));

test('auto_arima model: JSON round-trip keeps forecasts identical; update equals refiltering', () => {
  const model = autoArimaKind.fit(Float64Array.from(d.train), autoArimaKind.parseSpec({ period: 12 }), {});
  const copy = JSON.parse(JSON.stringify(model));
  const a = autoArimaKind.forecast(model, 18, [80, 95]);
  const b = autoArimaKind.forecast(copy, 18, [80, 95]);
  assert.deepEqual(Array.from(b.mean), Array.from(a.mean));
  assert.deepEqual(Array.from(b.intervals[0]!.lower), Array.from(a.intervals[0]!.lower));

  const updated = autoArimaKind.update!(copy, Float64Array.from(d.test));
  const p = model.params;
  const all = Float64Array.from([...d.train, ...d.test]);
  const direct = stateFromSeries(p.structure, all, p.coef, p.sigma2);
  const u = autoArimaKind.forecast(updated, 6, [95]);
  const v = autoArimaKind.forecast({ ...model, params: { structure: p.structure, ...direct } }, 6, [95]);
  // Same filter, same coefficients: rounding only.
  for (let i = 0; i < 6; i++) assert.ok(Math.abs(u.mean[i]! - v.mean[i]!) < 1e-9 * Math.abs(v.mean[i]!));
});
