/**
 * Seasonal differencing as forecast::nsdiffs(test = "seas"): difference while the seasonal strength
 * 1 - var(remainder) / var(remainder + seasonal) of an STL decomposition exceeds 0.64.
 * Missing values are filled by linear interpolation first (mstl uses na.interp, which for seasonal
 * data fits an STL-based interpolant; linear is a simplification).
 */
import { stl } from './stl.ts';
import { isConstant } from '../arima/auto/kpss.ts';
import { interpolate } from './interpolate.ts';

export function variance(x: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < x.length; i++) m += x[i]!;
  m /= x.length;
  let s = 0;
  for (let i = 0; i < x.length; i++) s += (x[i]! - m) ** 2;
  return s / (x.length - 1);
}

export function seasonalStrength(x: ArrayLike<number>, m: number): number {
  const y = interpolate(x);
  // mstl drops periods of at least half the series length: no seasonal component, no strength.
  if (m >= y.length / 2) return 0;
  const { seasonal, remainder } = stl(y, m);
  return componentStrength(seasonal, remainder);
}

/** Wang, Smith & Hyndman's strength of one seasonal component: max(0, 1 - var(R) / var(S + R)). */
export function componentStrength(seasonal: ArrayLike<number>, remainder: ArrayLike<number>): number {
  const both = new Float64Array(remainder.length);
  for (let i = 0; i < both.length; i++) both[i] = remainder[i]! + seasonal[i]!;
  const s = 1 - variance(remainder) / variance(both);
  return Number.isFinite(s) ? Math.max(0, Math.min(1, s)) : 0;
}

export function nsdiffs(series: ArrayLike<number>, m: number, maxD = 1): number {
  let x = Array.from(series);
  let D = 0;
  if (isConstant(x)) return 0;
  let dodiff = seasonalStrength(x, m) > 0.64;
  while (dodiff && D < maxD) {
    D++;
    x = x.slice(m).map((v, i) => v - x[i]!);
    if (isConstant(x) || x.length <= 2 * m) return D;
    dodiff = seasonalStrength(x, m) > 0.64;
  }
  return D;
}
