/** The `ets` kind: R's forecast::ets() — selection by AICc, ML estimation, analytic or simulated intervals. */
import { assertForecastArgs, assertSeries, normalIntervals } from '../baseline/common.ts';
import { EngineError } from '../errors.ts';
import { guardedFit } from '../guarded-fit.ts';
import type { Fitted, Forecast, ModelKind } from '../types.ts';
import type { EtsParams, StoredIntervals } from './params.ts';
import { codesOf, newSums, runFilter } from './filter.ts';
import { analyticVariance, pointForecast, varianceClass } from './forecast.ts';
import { CHEAP_FORECAST_WORK } from '../cheap-forecast.ts';
import { modelName, parseEtsSpec, type EtsSpec } from './model-code.ts';
import { candidatesOrThrow, criteria, selectModel } from './select.ts';
import { simulatedIntervals } from './simulate.ts';
import { DEFAULT_LEVELS } from '../levels.ts';

const finite = (v: number) => (Number.isFinite(v) ? v : null);

export function etsMetrics(p: EtsParams): Fitted['metrics'] {
  const c = criteria(p);
  const s = p.structure;
  return {
    model: modelName(s),
    method: 'ets',
    alpha: p.alpha,
    beta: s.trend === 'N' ? null : p.beta,
    gamma: s.season === 'N' ? null : p.gamma,
    phi: s.damped ? p.phi : null,
    sigma2: finite(c.sigma2),
    loglik: finite(c.loglik),
    aic: finite(c.aic),
    aicc: finite(c.aicc),
    bic: finite(c.bic),
    n: p.nObs,
    ...(p.searchedLast ? { searchedLast: p.searchedLast } : {}),
  };
}

export function etsFitted(spec: EtsSpec, p: EtsParams): Fitted<EtsParams> {
  return { kind: 'ets', spec, params: p, metrics: etsMetrics(p) };
}

/** How far ahead the stored intervals reach: two seasons, at least 24 steps, at most 120. */
const storedHorizon = (p: EtsParams) => Math.min(120, Math.max(24, 2 * p.last.seas.length));

/** A fitted structure without closed-form intervals carries its simulated default-level intervals. */
export function withStoredIntervals(p: EtsParams): EtsParams {
  const sigma2 = criteria(p).sigma2;
  const h = storedHorizon(p);
  if (analyticVariance(p, pointForecast(p, 1), Number.isFinite(sigma2) ? sigma2 : 0)) return p;
  const levels = [...DEFAULT_LEVELS];
  const sim = simulatedIntervals(p, h, levels, sigma2);
  return { ...p, stored: { from: { level: p.last.level, nObs: p.nObs }, h, levels, lower: sim.map((iv) => Array.from(iv.lower)), upper: sim.map((iv) => Array.from(iv.upper)) } };
}

/** Whether the fit's stored intervals apply to the current state and cover these levels up to h. */
function storedCover(p: EtsParams, h: number, levels: number[]): p is EtsParams & { stored: StoredIntervals } {
  const st = p.stored;
  if (!st || st.from.level !== p.last.level || st.from.nObs !== p.nObs) return false;
  return h <= st.h && levels.every((l) => st.levels.includes(l));
}

/** The stored intervals for these levels up to h, when they cover the request. */
function storedIntervals(p: EtsParams, h: number, levels: number[]): Forecast['intervals'] | undefined {
  if (!storedCover(p, h, levels)) return undefined;
  const st = p.stored;
  return levels.map((level) => {
    const i = st.levels.indexOf(level);
    return { level, lower: Float64Array.from(st.lower[i]!.slice(0, h)), upper: Float64Array.from(st.upper[i]!.slice(0, h)) };
  });
}

/** Runs new observations through the filter from the stored final state, same parameters. */
export function advance(p: EtsParams, newY: Float64Array): EtsParams {
  const codes = codesOf(p.structure);
  const seas = new Float64Array(codes.m);
  if (codes.m > 1) seas.set(p.last.seas);
  const st = { level: p.last.level, slope: p.last.slope, seas, pos: 0 };
  const sums = runFilter(newY, codes, p, st, null, newSums());
  if (!sums.ok) throw new EngineError('MODELAPI_ERR_FIT_FAILED', 'the ETS filter broke down on the new observations');
  const last = { level: st.level, slope: st.slope, seas: codes.m > 1 ? Array.from({ length: codes.m }, (_, k) => seas[(st.pos + k) % codes.m]!) : [] };
  // The stored intervals were simulated from the old final state: they no longer apply.
  const { stored: _stale, ...rest } = p;
  return { ...rest, last, sse: p.sse + sums.sse, sumLogF: p.sumLogF + sums.sumLogF, nObs: p.nObs + sums.nObs };
}

export function etsForecast(model: Fitted<EtsParams>, h: number, levels: number[]): Forecast {
  assertForecastArgs(h, levels);
  const p = model.params;
  const mean = pointForecast(p, h);
  const sigma2 = criteria(p).sigma2;
  const variance = analyticVariance(p, mean, Number.isFinite(sigma2) ? sigma2 : 0);
  if (variance) {
    const se = variance.map((v) => Math.sqrt(Math.max(v, 0)));
    return { mean, intervals: normalIntervals(mean, se, levels) };
  }
  return { mean, intervals: levels.length ? (storedIntervals(p, h, levels) ?? simulatedIntervals(p, h, levels, sigma2)) : [] };
}

export const etsKind: ModelKind<EtsSpec, EtsParams> = {
  name: 'ets',
  parseSpec: parseEtsSpec,
  check(y, spec) {
    assertSeries(y);
    candidatesOrThrow(y, spec);
  },
  fit(y, spec, ctx) {
    assertSeries(y);
    return guardedFit(ctx, 'ETS estimation', (checkpoint) => etsFitted(spec, withStoredIntervals(selectModel(y, spec, { checkpoint }))));
  },
  forecast: etsForecast,
  // Closed-form variances are O(h) (a few operations a step); class 3 structures simulate 5,000 paths,
  // unless the fit's stored intervals apply (a copy of O(h) numbers), which appends make stale.
  cheapForecast: (model, h, levels) =>
    (levels.length === 0 || varianceClass(model.params) !== 3 || storedCover(model.params, h, levels)) && h * 10 <= CHEAP_FORECAST_WORK,
  update(model, newY) {
    assertSeries(newY);
    return etsFitted(model.spec as EtsSpec, advance(model.params, newY));
  },
};
