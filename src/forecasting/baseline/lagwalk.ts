/**
 * The "lag walk" shared by naive (lag 1), snaive (lag = period) and drift (lag 1 plus a constant),
 * following R forecast 8.20's lagwalk()/forecast.lagwalk().
 *
 * Missing values (NaN), as R 8.20 does it: a missing y_t is filled with the filled value one lag
 * earlier, i.e. the last observed value at the same seasonal position. Residuals are
 * d_t = y_t − filled_{t−lag} for every observed y_t that has some earlier observation at its
 * position — each observed value paired with the latest observed one before it at that position.
 * The point forecasts therefore start from the last observed value at each position.
 *
 * The walk is a single left-to-right pass whose whole state is kept in the params, so `update`
 * resumes it where `fit` stopped and gives exactly what a fit of the concatenated series gives.
 */
import { unfittable } from '../errors.ts';
import type { Fitted, Forecast } from '../types.ts';
import { assertForecastArgs, assertSeries, countMissing, normalIntervals, type BaselineSpec } from './common.ts';

export interface LagWalkParams {
  lag: number;
  /** Filled values of the last `lag` time points, oldest first: what the forecasts repeat. */
  future: number[];
  /** Residual summaries: count, running mean and centred sum of squares (Welford), raw sum of squares. */
  count: number;
  mean: number;
  m2: number;
  sumSq: number;
  /** Series length so far, missing values included, and how many of them were missing. */
  n: number;
  nMissing: number;
}

export function emptyWalk(lag: number): LagWalkParams {
  return { lag, future: new Array<number>(lag).fill(NaN), count: 0, mean: 0, m2: 0, sumSq: 0, n: 0, nMissing: 0 };
}

/** Continues the walk over `y`; returns new params and leaves `start` untouched. */
export function walk(start: LagWalkParams, y: Float64Array): LagWalkParams {
  const { lag } = start;
  // Ring buffer: future[head] is the filled value exactly one lag before the next observation.
  const ring = Float64Array.from(start.future);
  let head = 0;
  let { count, mean, m2, sumSq } = start;
  for (let i = 0; i < y.length; i++) {
    const v = y[i]!;
    const prev = ring[head]!;
    if (!Number.isNaN(v)) {
      if (!Number.isNaN(prev)) {
        const d = v - prev;
        count++;
        const delta = d - mean;
        mean += delta / count;
        m2 += delta * (d - mean);
        sumSq += d * d;
      }
      ring[head] = v;
    }
    head = head + 1 === lag ? 0 : head + 1;
  }
  const future = new Array<number>(lag);
  for (let k = 0; k < lag; k++) future[k] = ring[(head + k) % lag]!;
  return {
    lag,
    future,
    count,
    mean,
    m2,
    sumSq,
    n: start.n + y.length,
    nMissing: start.nMissing + countMissing(y),
  };
}

export interface LagWalkFlavour {
  name: string;
  /** R's method label. */
  method: string;
  drift: boolean;
  lagOf(spec: BaselineSpec): number;
}

/** The fitted walk if it can forecast, otherwise unfittable naming why. */
export function walkOrThrow(y: Float64Array, spec: BaselineSpec, flavour: LagWalkFlavour): LagWalkParams {
  assertSeries(y);
  const lag = flavour.lagOf(spec);
  if (y.length === 0) throw unfittable(`${flavour.name}: the series is empty`);
  if (y.length === countMissing(y)) throw unfittable(`${flavour.name}: every value is missing`);
  if (lag > 1 && y.length <= lag) {
    throw unfittable(`${flavour.name} needs more than one full period: got ${y.length} values for period ${lag}`);
  }
  const params = walk(emptyWalk(lag), y);
  const unseen = params.future.findIndex((v) => Number.isNaN(v));
  if (unseen >= 0) {
    throw unfittable(`${flavour.name}: seasonal position ${unseen + 1} of ${lag} has no observed value`);
  }
  // The drift's standard error needs two residuals; sigma alone needs one.
  const needed = flavour.drift ? 2 : 1;
  if (params.count < needed) {
    const what = lag > 1 ? `pairs of observed values one period apart` : `observed values`;
    const have = lag > 1 ? params.count : params.count + 1;
    const want = lag > 1 ? needed : needed + 1;
    throw unfittable(`${flavour.name} needs at least ${want} ${what} to estimate its variance, got ${have}`);
  }
  return params;
}

function driftOf(p: LagWalkParams, drift: boolean): { b: number; bse: number; sigma2: number; mse: number } {
  if (!drift) {
    const mse = p.sumSq / p.count;
    return { b: 0, bse: 0, sigma2: mse, mse };
  }
  // lm(d ~ 1): slope = mean residual, sigma² on count−1 df, se(b) = sigma/√count.
  const sigma2 = p.m2 / (p.count - 1);
  // R divides by (count − (drift != 0)): an estimated drift of exactly 0 takes no degree of freedom.
  const mse = p.m2 / (p.count - (p.mean !== 0 ? 1 : 0));
  return { b: p.mean, bse: Math.sqrt(sigma2 / p.count), sigma2, mse };
}

export function lagWalkFitted(
  params: LagWalkParams,
  spec: BaselineSpec,
  flavour: LagWalkFlavour,
): Fitted<LagWalkParams> {
  const { b, bse, sigma2 } = driftOf(params, flavour.drift);
  const metrics: Fitted['metrics'] = {
    n: params.n,
    nMissing: params.nMissing,
    sigma2,
    method: flavour.method,
  };
  if (flavour.drift) {
    metrics.drift = b;
    metrics.driftSe = bse;
  }
  return { kind: flavour.name, spec, params, metrics };
}

export function lagWalkForecast(
  model: Fitted<LagWalkParams>,
  h: number,
  levels: number[],
  drift: boolean,
): Forecast {
  assertForecastArgs(h, levels);
  const p = model.params;
  const { b, bse, mse } = driftOf(p, drift);
  const mean = new Float64Array(h);
  const se = new Float64Array(h);
  for (let i = 0; i < h; i++) {
    // Step i+1 ahead is the (floor(i/lag)+1)-th repeat of its seasonal position.
    const steps = Math.floor(i / p.lag) + 1;
    mean[i] = p.future[i % p.lag]! + steps * b;
    se[i] = Math.sqrt(mse * steps + (steps * bse) ** 2);
  }
  return { mean, intervals: normalIntervals(mean, se, levels) };
}
