/**
 * The last guard against blow-ups, and the floor of a series that never was negative.
 *
 * A forecast blows up when a point forecast leaves the plausible range of the training data:
 * [min − R, max + R] with R = max − min (a forecast may extend the observed range by its own width, no
 * more). Such a forecast (a stock index of 4,000 forecast at −7,500) is replaced by the fallback's, a
 * seasonal or plain naive forecast, which cannot leave the observed range.
 *
 * A series that never was negative has a floor at zero: a forecast inside the plausible range that dips
 * below it (a cycle's trough overshooting, as an additive model does near zero) is clipped there, mean and
 * interval bounds, not replaced. For a non-negative actual y, |y − max(0, f)| ≤ |y − f|, and a clipped
 * interval holds the same non-negative values, so the clip can only help. Replacing the whole forecast
 * for a trough was what the guard did before 2026-12-07: on the long-period dev set it fired once, on
 * monthly sunspots (a trough at −13 against a range of 254), and turned MASE 0.655 into 1.270.
 */
import type { Forecast } from '../types.ts';

export interface PlausibleRange {
  lo: number;
  hi: number;
  /**
   * 0 for a series that never was negative. Versions stored before the floor existed have none, and
   * their `lo` is already max(0, min − R): a dip below zero replaces their forecast, as it did then.
   */
  floor?: number;
}

export function plausibleRange(y: ArrayLike<number>): PlausibleRange {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < y.length; i++) {
    const v = y[i]!;
    if (Number.isNaN(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const r = max - min;
  return min >= 0 ? { lo: min - r, hi: max + r, floor: 0 } : { lo: min - r, hi: max + r };
}

export function blowsUp(fc: Forecast, range: PlausibleRange): boolean {
  for (const v of fc.mean) if (!(v >= range.lo && v <= range.hi)) return true;
  return false;
}

/**
 * The forecast with every point and interval bound below `floor` raised to it: a copy, or the forecast
 * itself when nothing is below (the usual case, and every auto forecast of a non-negative series passes
 * here, cold forecasts and bulk ones included, so it does not copy for nothing).
 */
export function clipAtFloor(fc: Forecast, floor: number): Forecast {
  const below = (xs: Float64Array) => xs.some((v) => v < floor);
  if (!below(fc.mean) && !fc.intervals.some((iv) => below(iv.lower) || below(iv.upper))) return fc;
  const clip = (xs: Float64Array) => xs.map((v) => (v < floor ? floor : v));
  return { ...fc, mean: clip(fc.mean), intervals: fc.intervals.map((iv) => ({ ...iv, lower: clip(iv.lower), upper: clip(iv.upper) })) };
}
