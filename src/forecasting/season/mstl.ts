/**
 * Multiple seasonal STL (Bandara, Hyndman & Bergmeir 2021), as forecast::mstl: periods in ascending
 * order, each seasonal component re-estimated by STL on the series minus the others (two rounds with
 * several periods, one with a single period, as mstl does for a plain ts), s.window 7 + 4i for the
 * i-th period. A non-integer period is truncated for STL, as stats::stl truncates a ts frequency;
 * periods of at least half the series are dropped (too few cycles to estimate), as mstl drops them.
 */
import { interpolate } from './interpolate.ts';
import { componentStrength } from './seasonal-strength.ts';
import { stl } from './stl.ts';

export interface MstlResult {
  /** The periods kept, ascending (as given; non-integer ones too). */
  periods: number[];
  seasonals: Float64Array[];
  trend: Float64Array;
  remainder: Float64Array;
}

export const defaultSWindow = (i: number) => 7 + 4 * (i + 1);

export function mstl(y: ArrayLike<number>, periods: readonly number[]): MstlResult {
  const x = interpolate(y);
  const n = x.length;
  const kept = [...periods].filter((m) => m > 1 && m < n / 2).sort((a, b) => a - b);
  const seasonals = kept.map(() => new Float64Array(n));
  const deseas = Float64Array.from(x);
  let trend: Float64Array = new Float64Array(n);
  const rounds = kept.length > 1 ? 2 : 1;
  for (let round = 0; round < rounds; round++) {
    kept.forEach((m, i) => {
      const s = seasonals[i]!;
      for (let t = 0; t < n; t++) deseas[t]! += s[t]!;
      const fit = stl(deseas, Math.floor(m), defaultSWindow(i));
      s.set(fit.seasonal);
      for (let t = 0; t < n; t++) deseas[t]! -= s[t]!;
      trend = fit.trend;
    });
  }
  if (kept.length === 0) trend = Float64Array.from(x);
  const remainder = new Float64Array(n);
  for (let t = 0; t < n; t++) remainder[t] = deseas[t]! - trend[t]!;
  return { periods: kept, seasonals, trend, remainder };
}

/** The seasonally adjusted series y - sum of seasonal components (missing where y is). */
export function seasonallyAdjusted(y: ArrayLike<number>, d: MstlResult): Float64Array {
  const out = Float64Array.from(y);
  for (const s of d.seasonals) for (let t = 0; t < out.length; t++) out[t]! -= s[t]!;
  return out;
}

/** Strength of each seasonal component of the decomposition, in the order of `d.periods`. */
export function mstlStrengths(d: MstlResult): number[] {
  return d.seasonals.map((s) => componentStrength(s, d.remainder));
}
