import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getKind } from '../../src/forecasting/index.ts';

const y = Float64Array.from({ length: 240 }, (_, i) => 100 + 10 * Math.sin((2 * Math.PI * i) / 48) + ((i * 37) % 11));
const fitted = (kind: string, spec: Record<string, unknown>) => {
  const k = getKind(kind);
  return { k, model: k.fit(y, k.parseSpec(spec), {}) };
};

test('cheapForecast: small closed-form forecasts yes; a long season, a long horizon or simulated intervals no', () => {
  const small = fitted('arima', { order: [2, 0, 1] });
  assert.equal(small.k.cheapForecast!(small.model, 12, [80, 95]), true);
  assert.equal(small.k.cheapForecast!(small.model, 20_000, [80, 95]), false, 'O(h r²) grows with h');
  // A seasonal AR term at lag 48 makes the state 49-dimensional: 12 steps are ~29k multiply-adds.
  const seasonal = fitted('arima', { order: [1, 0, 0], seasonalOrder: [1, 0, 0], period: 48 });
  assert.equal(seasonal.k.cheapForecast!(seasonal.model, 12, [80, 95]), false);
  const additive = fitted('ets', { model: 'ANN' });
  assert.equal(additive.k.cheapForecast!(additive.model, 12, [80, 95]), true);
  const multiplicative = fitted('ets', { model: 'MMN' });
  assert.equal(multiplicative.k.cheapForecast!(multiplicative.model, 12, []), true, 'no intervals, no simulation');
});

test('ETS without closed-form intervals is cheap only where the intervals stored at fit time answer', () => {
  // MMN has no closed-form variance: its fit stores simulated bounds at 80 and 95 for 24 steps.
  const { k, model } = fitted('ets', { model: 'MMN' });
  assert.equal(k.cheapForecast!(model, 12, [80, 95]), true, 'the stored bounds are read, not simulated');
  assert.equal(k.cheapForecast!(model, 24, [95]), true);
  assert.equal(k.cheapForecast!(model, 25, [80, 95]), false, 'past the stored horizon the paths are simulated');
  assert.equal(k.cheapForecast!(model, 12, [90]), false, 'a level not stored is simulated');
  const moved = k.update!(model, Float64Array.of(104, 98, 101));
  assert.equal(k.cheapForecast!(moved, 12, [80, 95]), false, 'an append moves the state: the stored bounds no longer apply');
});

test('mstl is cheap when its adjusted series\' model is, and the seasons add little', () => {
  const memberOf = (model: { params: unknown }) => {
    const adjusted = (model.params as { adjusted: { kind: string; spec: Record<string, unknown>; params: unknown; metrics: unknown } }).adjusted;
    const mk = getKind(adjusted.kind);
    return { mk, member: { kind: adjusted.kind, spec: mk.parseSpec(adjusted.spec), params: adjusted.params, metrics: adjusted.metrics } as never };
  };
  const { k, model } = fitted('mstl', { period: 48 });
  const arima = memberOf(model);
  assert.equal(arima.mk.cheapForecast!(arima.member, 12, [80, 95]), true, 'the non-seasonal ARIMA of the adjusted series');
  assert.equal(k.cheapForecast!(model, 12, [80, 95]), true);
  assert.equal(k.cheapForecast!(model, 1_500, [80, 95]), false, '7,500 numbers, each shifted by the seasons, are a worker\'s job');
  const etsMstl = fitted('mstl', { period: 48, method: 'ets' });
  const ets = memberOf(etsMstl.model);
  assert.equal(etsMstl.k.cheapForecast!(etsMstl.model, 12, [80, 95]), ets.mk.cheapForecast!(ets.member, 12, [80, 95]));
});

test('auto is cheap only when every member (and the fallback) is', () => {
  const a = fitted('auto', { period: 48 });
  const members = (a.model.params as { members: { kind: string; spec: Record<string, unknown>; params: unknown; metrics: unknown }[] }).members;
  const each = members.map((m) => {
    const k = getKind(m.kind);
    return k.cheapForecast?.({ kind: m.kind, spec: k.parseSpec(m.spec), params: m.params, metrics: m.metrics } as never, 12, [80, 95]) ?? false;
  });
  assert.ok(members.length >= 1);
  assert.equal(a.k.cheapForecast!(a.model, 12, [80, 95]), each.every(Boolean));
});

test('the baselines forecast from stored summaries: cheap at any lag, until the horizon itself is long', () => {
  for (const [kind, spec] of [['naive', {}], ['snaive', { period: 48 }], ['drift', {}], ['mean', {}]] as const) {
    const b = fitted(kind, spec);
    assert.equal(b.k.cheapForecast!(b.model, 12, [80, 95]), true, kind);
    assert.equal(b.k.cheapForecast!(b.model, 5_000, [80, 95]), false, `${kind}: 25,000 numbers are a worker's job`);
  }
});
