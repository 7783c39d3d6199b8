/**
 * The last guard against blow-ups. A forecast blows up when a point forecast leaves the plausible
 * range of the training data: [min − R, max + R] with R = max − min (a forecast may extend the
 * observed range by its own width, no more), and not below zero for a series that never was negative.
 * Such a forecast (a stock index of 4,000 forecast at −7,500) is replaced by the fallback's, a
 * seasonal or plain naive forecast, which cannot leave the observed range.
 */
import type { Forecast } from '../types.ts';

export interface PlausibleRange {
  lo: number;
  hi: number;
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
  return { lo: min >= 0 ? Math.max(0, min - r) : min - r, hi: max + r };
}

export function blowsUp(fc: Forecast, range: PlausibleRange): boolean {
  for (const v of fc.mean) if (!(v >= range.lo && v <= range.hi)) return true;
  return false;
}
