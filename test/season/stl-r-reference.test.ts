import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stl } from '../../src/forecasting/season/stl.ts';
import { inputSeries, maxRelError, seasonReference } from './season-fixtures.ts';

for (const c of seasonReference.stl) {
  test(`stl equals R's stats::stl to 1e-6: ${c.name}`, () => {
    const y = inputSeries(c.input);
    const fit = stl(y, c.period, c.sWindow);
    assert.ok(maxRelError(fit.seasonal, c.idx, c.seasonal) < 1e-6, `seasonal: ${maxRelError(fit.seasonal, c.idx, c.seasonal)}`);
    assert.ok(maxRelError(fit.trend, c.idx, c.trend) < 1e-6, `trend: ${maxRelError(fit.trend, c.idx, c.trend)}`);
    for (let i = 0; i < y.length; i++) assert.ok(Math.abs(fit.seasonal[i]! + fit.trend[i]! + fit.remainder[i]! - y[i]!) < 1e-9);
  });
}

for (const c of seasonReference.mstl) {
  test(`mstl equals R's forecast::mstl to 1e-6: ${c.name}`, async () => {
    const { mstl } = await import('../../src/forecasting/season/mstl.ts');
    const d = mstl(inputSeries(c.input), c.periods);
    assert.deepEqual(d.periods, c.periods);
    assert.ok(maxRelError(d.trend, c.idx, c.trend) < 1e-6, `trend: ${maxRelError(d.trend, c.idx, c.trend)}`);
    c.seasonal.forEach((ref: number[], i: number) => {
      const err = maxRelError(d.seasonals[i]!, c.idx, ref);
      assert.ok(err < 1e-6, `seasonal ${c.periods[i]}: ${err}`);
    });
  });
}
