/**
 * The `theta` kind: R's forecast::thetaf. Options: `period` only (default 1).
 *
 * Forecasts (h steps, j = 0..h−1): level + (b0/2)·(j + (1 − (1−α)^n)/α), times the seasonal index
 * of that position when seasonal. Intervals are thetaf's: mean ± z·σ·√(1 + j·α²), σ² = SSE/(nObs−2)
 * as ets reports it. Like thetaf, the width is NOT multiplied by the seasonal index: σ is on the
 * adjusted scale and thetaf adds it to the reseasonalised mean unchanged, which is what the R
 * reference numbers show (widths grow smoothly with h, with no seasonal wave).
 *
 * n in (1 − (1−α)^n)/α is the series length, missing values included, as thetaf's length(x); with
 * no gaps it is exactly the SES lag behind a linear trend of n points, and a gap's effect on that
 * lag is second order next to the drift's own uncertainty.
 */
import { unfittable } from '../errors.ts';
import { qnorm } from '../stats.ts';
import { periodOption, rejectUnknown, type Options } from '../options.ts';
import type { Fitted, ModelKind } from '../types.ts';
import { CHEAP_FORECAST_WORK } from '../cheap-forecast.ts';
import { assertForecastArgs, assertSeries } from '../baseline/common.ts';
import { appendTheta, fitTheta, MIN_OBSERVED, observedCount, type ThetaParams } from './model.ts';

export interface ThetaSpec {
  period: number;
}

function parseSpec(input: Options): ThetaSpec {
  rejectUnknown(input, ['period']);
  return { period: periodOption(input) };
}

function fitted(params: ThetaParams, spec: ThetaSpec): Fitted<ThetaParams> {
  return {
    kind: 'theta',
    spec,
    params,
    metrics: {
      model: 'Theta',
      method: 'Theta',
      alpha: params.alpha,
      // b0 itself; R's thetaf(...)$model$drift reports b0/2, the per-step increment of the forecast.
      drift: params.drift,
      // Metrics hold numbers or strings only, so the flag is spelled out.
      seasonal: params.seasonal ? 'true' : 'false',
      sigma2: sigma2(params),
      n: params.n,
      nobs: params.nObs,
    },
  };
}

function sigma2(p: ThetaParams): number {
  return p.sse / (p.nObs - 2);
}

function checkSeries(y: Float64Array): void {
  assertSeries(y);
  const k = observedCount(y);
  if (k === 0) throw unfittable(y.length === 0 ? 'theta: the series is empty' : 'theta: every value is missing');
  if (k < MIN_OBSERVED) throw unfittable(`theta needs at least ${MIN_OBSERVED} observed values, got ${k}`);
}

export const thetaKind: ModelKind<ThetaSpec, ThetaParams> = {
  name: 'theta',
  parseSpec,
  check: checkSeries,
  fit(y, spec, ctx) {
    checkSeries(y);
    ctx.checkpoint?.();
    return fitted(fitTheta(y, spec.period, ctx.checkpoint), spec);
  },
  // A line and a seasonal index per step, closed-form intervals.
  cheapForecast: (_model, h, levels) => h * (1 + levels.length) * 10 <= CHEAP_FORECAST_WORK,
  forecast(model, h, levels) {
    assertForecastArgs(h, levels);
    const p = model.params;
    const { alpha } = p;
    const lag = (1 - Math.pow(1 - alpha, p.n)) / alpha;
    const sigma = Math.sqrt(sigma2(p));
    const mean = new Float64Array(h);
    const se = new Float64Array(h);
    for (let j = 0; j < h; j++) {
      const s = p.seasonal ? p.seasonal[(p.n + j) % p.seasonal.length]! : 1;
      mean[j] = (p.level + (p.drift / 2) * (j + lag)) * s;
      se[j] = sigma * Math.sqrt(1 + j * alpha * alpha);
    }
    const intervals = levels.map((level) => {
      const z = qnorm(0.5 + level / 200);
      const lower = new Float64Array(h);
      const upper = new Float64Array(h);
      for (let j = 0; j < h; j++) {
        lower[j] = mean[j]! - z * se[j]!;
        upper[j] = mean[j]! + z * se[j]!;
      }
      return { level, lower, upper };
    });
    return { mean, intervals };
  },
  update(model, newY) {
    assertSeries(newY);
    return fitted(appendTheta(model.params, newY), model.spec as ThetaSpec);
  },
};
