import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { arimaKind } from '../../src/forecasting/arima/index.ts';
import { stateFromSeries } from '../../src/forecasting/arima/state.ts';

const ap = JSON.parse(readFileSync(new URL('../../fixtures/forecast-dev/datasets__AirPassengers.json', import.meta.url), 'utf8'));
const all = Float64Array.from([...ap.train, ...ap.test].map((v: number) => Math.log(v)));
const spec = arimaKind.parseSpec({ order: [1, 1, 1], seasonalOrder: [0, 1, 1], period: 12 });

test('a fitted model survives JSON round-trip with identical forecasts', () => {
  const model = arimaKind.fit(all, spec, {});
  const copy = JSON.parse(JSON.stringify(model));
  const a = arimaKind.forecast(model, 24, [80, 95]);
  const b = arimaKind.forecast(copy, 24, [80, 95]);
  assert.deepEqual(Array.from(b.mean), Array.from(a.mean));
  assert.deepEqual(Array.from(b.intervals[1]!.upper), Array.from(a.intervals[1]!.upper));
});

test('update() equals filtering the concatenated series at the same coefficients', () => {
  const head = all.slice(0, 120);
  const tail = all.slice(120);
  const model = arimaKind.fit(head, spec, {});
  const updated = arimaKind.update!(JSON.parse(JSON.stringify(model)), tail);
  const p = model.params;
  const direct = { ...model, params: { structure: p.structure, ...stateFromSeries(p.structure, all, p.coef, p.sigma2) } };
  const a = arimaKind.forecast(updated, 12, [95]);
  const b = arimaKind.forecast(direct, 12, [95]);
  // Two exact filters, one of them the fast recursion: agreement to rounding (1e-9 relative).
  for (let i = 0; i < 12; i++) {
    assert.ok(Math.abs(a.mean[i]! - b.mean[i]!) < 1e-9 * Math.abs(b.mean[i]!), `mean ${i}`);
    assert.ok(Math.abs(a.intervals[0]!.upper[i]! - b.intervals[0]!.upper[i]!) < 1e-9 * Math.abs(b.mean[i]!), `upper ${i}`);
  }
  assert.equal(updated.params.n, all.length);
});

test('update() with missing values matches the filter run over the concatenated series', () => {
  const y = all.slice();
  y[125] = NaN;
  y[130] = NaN;
  const model = arimaKind.fit(y.slice(0, 120), spec, {});
  const updated = arimaKind.update!(model, y.slice(120));
  const p = model.params;
  const direct = { ...model, params: { structure: p.structure, ...stateFromSeries(p.structure, y, p.coef, p.sigma2) } };
  const a = arimaKind.forecast(updated, 6, [95]);
  const b = arimaKind.forecast(direct, 6, [95]);
  for (let i = 0; i < 6; i++) assert.ok(Math.abs(a.mean[i]! - b.mean[i]!) < 1e-9 * Math.abs(b.mean[i]!), `mean ${i}`);
});
