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
import { etsKind } from '../../src/forecasting/ets/index.ts';
import { devSeries } from '../support/dev-series.ts';

const series = devSeries('forecast-dev');

function naiveScale(train: number[], freq: number): number {
  const lag = freq > 1 ? freq : 1;
  let s = 0;
  for (let t = lag; t < train.length; t++) s += Math.abs(train[t]! - train[t - lag]!);
  return s / (train.length - lag);
}

/** The largest difference from R's point forecasts over the horizon, in units of the MASE scale. */
function maxScaledDifference(d: { train: number[]; frequency: number; h: number; r: { ets: { mean: number[] } } }, mean: Float64Array): number {
  const scale = naiveScale(d.train, d.frequency);
  let worst = 0;
  for (let i = 0; i < d.h; i++) worst = Math.max(worst, Math.abs(mean[i]! - d.r.ets.mean[i]!) / scale);
  return worst;
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
    const worst = maxScaledDifference(d, fc.mean);
    assert.ok(worst < 0.25, `${d.name} ${d.r.ets.model}: max scaled difference ${worst.toFixed(3)}`);
  }
  // Today 6 of 10 agree (Nile, UKgas, USAccDeaths, nottem, sunspot.year, wineind); taylor differs by
  // design (R drops its m = 336 season), the others because we reach a lower AICc than R's optimiser.
  assert.ok(same >= 6, `only ${same} series select R's model`);
});

test('forecasts match R ets on the fifteen further dev series where the same model is selected', () => {
  // fixtures/forecast-dev-extra (fixtures/r/forecast-dev-extra.R), recorded after the selection was written.
  const extra = devSeries('forecast-dev-extra');
  let same = 0;
  const apart: string[] = [];
  const worseThanR: string[] = [];
  for (const d of extra) {
    const fit = etsKind.fit(Float64Array.from(d.train), etsKind.parseSpec({ period: d.frequency }), {});
    if ((fit.metrics.aicc as number) > d.r.ets.aicc + 1e-6) worseThanR.push(`${d.name}: ${fit.metrics.model} ${fit.metrics.aicc} against R's ${d.r.ets.model} ${d.r.ets.aicc}`);
    if (fit.metrics.model !== d.r.ets.model) continue;
    same++;
    const fc = etsKind.forecast(fit, d.h, [95]);
    const worst = maxScaledDifference(d, fc.mean);
    if (worst < 0.25) continue;
    // Further apart only from a better optimum of the same model than R's optimiser stopped at.
    const aicc = fit.metrics.aicc as number;
    assert.ok(aicc < d.r.ets.aicc, `${d.name} ${d.r.ets.model}: max scaled difference ${worst.toFixed(3)}, AICc ours ${aicc}, R ${d.r.ets.aicc}`);
    apart.push(`${d.name} (AICc ${aicc.toFixed(3)} against R's ${d.r.ets.aicc.toFixed(3)})`);
  }
  assert.ok(apart.length <= 1, `forecasts apart from R's: ${apart.join(', ')}`);
  // 12 of 15. austres: ours ETS(M,A,M) at AICc 712.9, R's ETS(M,Ad,A) 730.6; gas: ours ETS(M,A,M) 8579.5,
  // R's ETS(M,Ad,M) 8587.1. woolyrnq: ours ETS(A,N,A) 1881.7, R's ETS(M,N,A) 1877.5 — the one series
  // where R's search ends lower: its single Nelder–Mead run over everything reaches log-likelihood
  // −931.20 for M,N,A (α 0.94, γ 0.0002), where ours, which frees the seasonal states only after
  // optimising the smoothing parameters with them held, ends in another basin at −934.68 (α 0.66, γ 0.20).
  assert.ok(same >= 12, `only ${same} of ${extra.length} series select R's model`);
  assert.ok(worseThanR.length <= 1, `a higher AICc than R's chosen model:\n${worseThanR.join('\n')}`);
});
