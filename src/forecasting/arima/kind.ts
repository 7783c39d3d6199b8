/** The `arima` kind: fixed orders, CSS-ML estimation, exact state-space forecasts. */
import { invalidSpec } from '../errors.ts';
import { guardedFit } from '../guarded-fit.ts';
import { qnorm } from '../stats.ts';
import type { FitContext, Fitted, Forecast, ForecastInputs, ModelKind } from '../types.ts';
import { futureColumns, regressorColumns } from './regressors.ts';
import { fitCssMl, type Estimate } from './fit.ts';
import { forecastState } from './forecast.ts';
import { prepare } from './problem.ts';
import { checkSeries, parseArimaSpec, structureOf, type ArimaSpec } from './spec.ts';
import { advanceState, stateFromSeries, type ArimaState } from './state.ts';
import { coefNames, modelString, type Structure } from './structure.ts';
import { CHEAP_FORECAST_WORK } from '../cheap-forecast.ts';

export interface ArimaParams extends ArimaState {
  structure: Structure;
}

/** ARIMA estimation under the caller's checkpoint (see guardedFit). */
export function guarded<T>(ctx: FitContext, run: (checkpoint: () => void) => T): T {
  return guardedFit(ctx, 'ARIMA estimation', run);
}

/** R's information criteria (forecast package's aicc/bic, with npar counting sigma2). */
export function infoCriteria(loglik: number, ncoef: number, nstar: number) {
  const npar = ncoef + 1;
  const aic = -2 * loglik + 2 * npar;
  return {
    aic,
    aicc: aic + (2 * npar * (npar + 1)) / (nstar - npar - 1),
    bic: aic + npar * (Math.log(nstar) - 2),
  };
}

export function estimateMetrics(s: Structure, est: Estimate, nUsed: number, n: number): Fitted['metrics'] {
  const names = coefNames(s);
  const ic = infoCriteria(est.loglik, names.length, nUsed);
  const metrics: Fitted['metrics'] = {
    model: modelString(s),
    method: est.method,
    n,
    nobs: nUsed,
    sigma2: est.sigma2,
    loglik: est.loglik,
    aic: finiteOrNull(ic.aic),
    aicc: finiteOrNull(ic.aicc),
    bic: finiteOrNull(ic.bic),
  };
  names.forEach((name, i) => {
    metrics[name] = est.coef[i]!;
    metrics[`se_${name}`] = finiteOrNull(est.se[i]!);
  });
  return metrics;
}

function finiteOrNull(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}

export function forecastParams(params: ArimaParams, h: number, levels: number[], inputs?: ForecastInputs): Forecast {
  if (!Number.isInteger(h) || h < 1) throw invalidSpec('h', 'h must be a positive integer');
  for (const level of levels) {
    if (typeof level !== 'number' || !(level > 0 && level < 100)) {
      throw invalidSpec('levels', 'levels are percentages strictly between 0 and 100');
    }
  }
  const future = futureColumns(params.structure.xreg ?? [], inputs?.regressors, h);
  const { mean, se } = forecastState(params.structure, params, h, future);
  const intervals = levels.map((level) => {
    const z = qnorm(0.5 + level / 200);
    const lower = new Float64Array(h);
    const upper = new Float64Array(h);
    for (let i = 0; i < h; i++) {
      lower[i] = mean[i]! - z * se[i]!;
      upper[i] = mean[i]! + z * se[i]!;
    }
    return { level, lower, upper };
  });
  return { mean, intervals };
}

/** New observations at the same coefficients; `xregRows`: the regressors' values at the new times (see advanceState). */
export function updateParams(params: ArimaParams, newY: Float64Array, xregRows?: readonly Float64Array[]): ArimaParams {
  for (let i = 0; i < newY.length; i++) {
    const v = newY[i]!;
    if (v === Infinity || v === -Infinity) throw invalidSpec('data', `value at index ${i} is not finite`);
  }
  return { structure: params.structure, ...advanceState(params.structure, params, newY, xregRows) };
}

/** Multiply-adds of an h-step forecast: the r-dimensional state and its covariance propagated, then the differencing undone. */
function forecastWork({ structure: s }: ArimaParams, h: number): number {
  const r = Math.max(s.p + s.P * s.m, s.q + s.Q * s.m + 1, 1);
  return h * (r * r + s.d + s.D * s.m);
}

/**
 * What a fitted ARIMA model does, whichever kind fitted it (arima, auto_arima): forecast, name its
 * regressors, take new observations with the same coefficients.
 */
export function arimaServing<Spec>(): Pick<ModelKind<Spec, ArimaParams>, 'forecast' | 'regressorNames' | 'update' | 'cheapForecast'> {
  return {
    forecast(model, h, levels, inputs) {
      return forecastParams(model.params, h, levels, inputs);
    },
    regressorNames: (model) => model.params.structure.xreg ?? [],
    // O(h r²): a seasonal model of a long season (r in the hundreds) is not cheap.
    cheapForecast: (model, h) => forecastWork(model.params, h) <= CHEAP_FORECAST_WORK,
    update(model, newY) {
      const params = updateParams(model.params, newY);
      return { ...model, params, metrics: { ...model.metrics, n: params.n } };
    },
  };
}

export const arimaKind: ModelKind<ArimaSpec, ArimaParams> = {
  name: 'arima',
  parseSpec: parseArimaSpec,
  check(y, spec) {
    checkSeries(y, structureOf(spec));
    regressorColumns(spec.regressors ?? null, y.length);
  },
  fit(y, spec, ctx: FitContext): Fitted<ArimaParams> {
    const s = structureOf(spec);
    checkSeries(y, s);
    const { cols } = regressorColumns(spec.regressors ?? null, y.length);
    const prob = prepare(s, y, cols);
    const est = guarded(ctx, (checkpoint) => fitCssMl(prob, { checkpoint }));
    const state = stateFromSeries(s, y, est.coef, est.sigma2, cols);
    return { kind: 'arima', spec, params: { structure: s, ...state }, metrics: estimateMetrics(s, est, prob.nUsed, y.length) };
  },
  ...arimaServing(),
};
