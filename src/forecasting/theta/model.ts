/**
 * Fitting the standard Theta method as R's forecast::thetaf does (Hyndman & Billah 2003: the
 * θ = 0 and θ = 2 lines combined equal SES plus half the linear-trend slope):
 *   1. if period m > 1, the series spans at least 2 periods and is not constant, test lag-m
 *      autocorrelation at 90%; if significant, divide by classical multiplicative indices;
 *   2. b0 = least-squares slope of the (adjusted) series on time;
 *   3. SES on the (adjusted) series with alpha and ℓ_0 by least squares (= maximum likelihood).
 * Forecasting lives in kind.ts; everything stored here is plain JSON data.
 */
import { unfittable } from '../errors.ts';
import { interpolateMissing, multiplicativeIndices } from './decompose.ts';
import { seasonalityTest } from './seasonality.ts';
import { fitSes, sesFilter } from './ses.ts';

export interface ThetaParams {
  alpha: number;
  /** Initial and final SES level, on the seasonally adjusted scale. */
  l0: number;
  level: number;
  sse: number;
  /** Observed values the SES errors came from; n is the series length with missing values. */
  nObs: number;
  n: number;
  /** Slope b0 of the linear trend; the forecasts carry b0/2 per step. */
  drift: number;
  period: number;
  /** m multiplicative indices by position mod m from the series start, or null if not seasonal. */
  seasonal: number[] | null;
}

/** Fewer than three leaves the SES variance (SSE/(nObs − 2)) without a degree of freedom. */
export const MIN_OBSERVED = 3;

export function observedCount(y: Float64Array): number {
  let k = 0;
  for (let i = 0; i < y.length; i++) if (!Number.isNaN(y[i]!)) k++;
  return k;
}

function isConstant(y: Float64Array): boolean {
  let first = NaN;
  for (let i = 0; i < y.length; i++) {
    const v = y[i]!;
    if (Number.isNaN(v)) continue;
    if (Number.isNaN(first)) first = v;
    else if (v !== first) return false;
  }
  return true;
}

/** The indices to divide by, or null when the series is not (testably) seasonal. */
export function seasonalIndices(y: Float64Array, m: number, checkpoint?: () => void): number[] | null {
  if (m <= 1 || y.length < 2 * m || isConstant(y)) return null;
  if (!seasonalityTest(y, m, checkpoint).seasonal) return null;
  const idx = multiplicativeIndices(interpolateMissing(y), m);
  // R falls back to the non-seasonal method when an index is (near) zero; an index that is not
  // finite (a moving average of zero) is the same failure.
  if (idx.some((v) => !Number.isFinite(v) || Math.abs(v) < 1e-10)) return null;
  return idx;
}

/** Least-squares slope of y on t = 0..n−1 over the observed values (lsfit drops NA rows). */
export function trendSlope(y: ArrayLike<number>): number {
  let k = 0;
  let st = 0;
  let sy = 0;
  for (let t = 0; t < y.length; t++) {
    if (Number.isNaN(y[t]!)) continue;
    k++;
    st += t;
    sy += y[t]!;
  }
  const tBar = st / k;
  const yBar = sy / k;
  let sxy = 0;
  let sxx = 0;
  for (let t = 0; t < y.length; t++) {
    if (Number.isNaN(y[t]!)) continue;
    sxy += (t - tBar) * (y[t]! - yBar);
    sxx += (t - tBar) * (t - tBar);
  }
  return sxx > 0 ? sxy / sxx : 0;
}

/** Divides out the indices, continuing the season from position `offset` (for appended data). */
export function adjust(y: ArrayLike<number>, seasonal: number[] | null, offset: number): Float64Array {
  const x = Float64Array.from(y);
  if (seasonal) for (let t = 0; t < x.length; t++) x[t] = x[t]! / seasonal[(offset + t) % seasonal.length]!;
  return x;
}

export function fitTheta(y: Float64Array, period: number, checkpoint?: () => void): ThetaParams {
  const nObs = observedCount(y);
  if (nObs < MIN_OBSERVED) {
    throw unfittable(
      nObs === 0
        ? 'theta: every value is missing'
        : `theta needs at least ${MIN_OBSERVED} observed values, got ${nObs}`,
    );
  }
  const seasonal = seasonalIndices(y, period, checkpoint);
  checkpoint?.();
  const x = adjust(y, seasonal, 0);
  const drift = trendSlope(x);
  const ses = fitSes(x, checkpoint);
  return {
    alpha: ses.alpha,
    l0: ses.l0,
    level: ses.level,
    sse: ses.sse,
    nObs: ses.nObs,
    n: y.length,
    drift,
    period,
    seasonal,
  };
}

/**
 * Appends data without refitting: the same alpha continues the SES recursion, while the drift b0 and
 * the seasonal indices stay as estimated on the original series (a refit would re-estimate all
 * three). The season's phase continues from the stored length.
 */
export function appendTheta(p: ThetaParams, newY: Float64Array): ThetaParams {
  const x = adjust(newY, p.seasonal, p.n);
  const s = sesFilter(x, p.alpha, { level: p.level, sse: p.sse, nObs: p.nObs });
  return { ...p, level: s.level, sse: s.sse, nObs: s.nObs, n: p.n + newY.length };
}
