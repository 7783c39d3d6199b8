/**
 * Point forecasts against R's forecast::ets (fixtures/forecast-dev/*.json → r.ets) on the series
 * where our ZZZ selection picks the same model as R.
 *
 * Tolerance: the largest difference over the horizon, divided by the series' in-sample seasonal-naive
 * MAE (the MASE scale), must stay below 0.25. Both sides maximise the same likelihood, but with
 * different Nelder–Mead runs (ours restarts and multi-starts, R's runs once) the optimum moves a
 * little along flat directions of the likelihood; forcing R's model on every dev series, the largest
 * such difference is 0.105 (USAccDeaths), so 0.25 leaves room for platform noise while still
 * catching a wrong recursion, seasonal phase or damping (those give differences of order 1).
 *
 * forecast::wineind is the exception, kept visible: same model ETS(M,Ad,M) but our optimum has γ at
 * its lower bound with different seasonal initial states, and forecasts differ by up to 1.8 scale
 * units (13%). The fixture has no AICc for R's fit, so we check instead that ours is not the worse
 * forecast: its out-of-sample MAE must not exceed R's.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { etsKind } from '../../src/forecasting/ets/index.ts';

const dir = new URL('../../fixtures/forecast-dev/', import.meta.url);
const series = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => JSON.parse(readFileSync(new URL(f, dir), 'utf8')));

function naiveScale(train: number[], freq: number): number {
  const lag = freq > 1 ? freq : 1;
  let s = 0;
  for (let t = lag; t < train.length; t++) s += Math.abs(train[t]! - train[t - lag]!);
  return s / (train.length - lag);
}

const mae = (a: ArrayLike<number>, b: number[]) => {
  let s = 0;
  for (let i = 0; i < b.length; i++) s += Math.abs(a[i]! - b[i]!);
  return s / b.length;
};

test('forecasts match R ets where the same model is selected', () => {
  let same = 0;
  for (const d of series) {
    const fit = etsKind.fit(Float64Array.from(d.train), etsKind.parseSpec({ period: d.frequency }), {});
    if (fit.metrics.model !== d.r.ets.model) continue;
    same++;
    const fc = etsKind.forecast(fit, d.h, [95]);
    if (d.name === 'forecast::wineind') {
      assert.ok(mae(fc.mean, d.test) <= mae(d.r.ets.mean, d.test), `${d.name}: ours is the worse forecast`);
      continue;
    }
    const scale = naiveScale(d.train, d.frequency);
    let worst = 0;
    for (let i = 0; i < d.h; i++) worst = Math.max(worst, Math.abs(fc.mean[i]! - d.r.ets.mean[i]) / scale);
    assert.ok(worst < 0.25, `${d.name} ${d.r.ets.model}: max scaled difference ${worst.toFixed(3)}`);
  }
  // Today 6 of 10 agree (Nile, UKgas, USAccDeaths, nottem, sunspot.year, wineind); taylor differs by
  // design (R drops its m = 336 season), the others because we reach a lower AICc than R's optimiser.
  assert.ok(same >= 6, `only ${same} series select R's model`);
});
