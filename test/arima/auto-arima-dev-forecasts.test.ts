import { test } from 'node:test';
import assert from 'node:assert/strict';
import { autoArimaKind } from '../../src/forecasting/arima/index.ts';
import { devSeries } from '../support/dev-series.ts';

// forecast::auto.arima (forecast 8.20) on the train part of each dev series, as stored in the fixtures:
// the chosen model, the point forecasts and the 95% intervals.
// The series R's auto.arima finished (it gives up on taylor).
const finishedByR = (folder: string) => devSeries(folder).filter((d) => d.r.auto_arima);

/**
 * How many of the series get R's model; each that does must forecast as R's does — or, where R recorded
 * its log-likelihood, from a higher one than R's: on a flat surface R's optimiser stops early and its
 * forecasts are those of a worse optimum of the same model.
 */
function matchR(series: ReturnType<typeof finishedByR>): { same: number; higher: string[] } {
  let same = 0;
  const higher: string[] = [];
  for (const d of series) {
    const r = d.r.auto_arima;
    const model = autoArimaKind.fit(Float64Array.from(d.train), autoArimaKind.parseSpec({ period: d.frequency }), {});
    if (model.metrics.model !== r.model) continue;
    same++;
    const fc = autoArimaKind.forecast(model, d.h, [95]);
    const scale = Math.max(...r.mean.map(Math.abs));
    // R's auto.arima takes σ² from sum(residuals²), and its residuals of the first d + D·m observations
    // (the differenced states' diffuse start) come from a prior variance of κ = 1e6 innovation variances,
    // not an exact diffuse one: each is about y_t / √κ. So R's σ² carries up to Σ y_t² / κ over those
    // observations, an amount that grows with the series' level (R's intervals are not scale-equivariant
    // there; ours are). Where that amount could move σ² by 1e-4 or more, R's intervals must be wider than
    // ours by no more than it explains; elsewhere they must agree.
    const est = model.params as { structure: { d: number; D: number; m: number } };
    const nd = est.structure.d + est.structure.D * est.structure.m;
    const kappaShare = d.train.slice(0, nd).reduce((a: number, y: number) => a + (y * y) / 1e6, 0) / ((model.metrics.sigma2 as number) * (d.train.length - nd));
    const sigmaOfR = ((r.hi95[0] - r.mean[0]) / (fc.intervals[0]!.upper[0]! - fc.mean[0]!)) ** 2;
    const widthOfR = kappaShare < 1e-4 ? 1 : Math.sqrt(sigmaOfR);
    if (kappaShare >= 1e-4) assert.ok(sigmaOfR >= 1 && sigmaOfR - 1 <= 1.1 * kappaShare, `${d.name}: R's σ² ${sigmaOfR} of ours, κ's share ${kappaShare}`);
    const misses: string[] = [];
    for (let i = 0; i < d.h; i++) {
      // R's BFGS stops at reltol 1.5e-8 on the objective, which leaves coefficients uncertain in the
      // 4th decimal on flat surfaces; forecasts move accordingly: 5e-4 of the series scale.
      if (!(Math.abs(fc.mean[i]! - r.mean[i]) < 5e-4 * scale)) misses.push(`mean[${i}] ${fc.mean[i]} vs ${r.mean[i]}`);
      const half = fc.intervals[0]!.upper[i]! - fc.mean[i]!;
      // Interval half-widths scale with sqrt(sigma2) and the psi-weights: 1e-3 relative for the same reason.
      if (!(Math.abs((half * widthOfR) / (r.hi95[i] - r.mean[i]) - 1) < 1e-3)) misses.push(`half-width[${i}] ${half} vs ${r.hi95[i] - r.mean[i]}`);
    }
    if (misses.length === 0) continue;
    const loglik = model.metrics.loglik as number;
    assert.ok(typeof r.loglik === 'number' && loglik > r.loglik, `${d.name}: ${misses[0]} (log-likelihood ours ${loglik}, R ${r.loglik})`);
    higher.push(d.name);
  }
  return { same, higher };
}

test('auto_arima picks R\'s model on the dev series and then forecasts like R', () => {
  const series = finishedByR('forecast-dev');
  const { same } = matchR(series);
  // 8 of the 9: on co2 (n = 450, CSS approximation) the stepwise path differs by one MA order
  // ((0,1,1) vs R's (1,1,1), both with (1,1,2)[12]) because the CSS criteria of neighbouring models
  // are within the optimisers' tolerances of each other.
  assert.ok(same >= 8, `models matching R: ${same} of ${series.length}`);
});

test("auto_arima picks R's model on the fifteen further dev series and then forecasts like R", () => {
  // fixtures/forecast-dev-extra (fixtures/r/forecast-dev-extra.R), recorded after the search was written.
  const series = finishedByR('forecast-dev-extra');
  const { same, higher } = matchR(series);
  // 14 of the 15: on AER::UKNonDurables R's stepwise search stops at ARIMA(2,0,2)(0,1,2)[4] with drift
  // and ours at ARIMA(1,0,0)(0,1,1)[4] with drift.
  assert.ok(same >= 14, `models matching R: ${same} of ${series.length}`);
  // Seatbelts' ARIMA(2,0,2)(1,1,0)[12]: log-likelihood −958.7547 against R's −958.7556, forecasts 0.06% apart.
  assert.ok(higher.length <= 1, `forecasts apart from R's on ${higher.join(', ')}`);
});
