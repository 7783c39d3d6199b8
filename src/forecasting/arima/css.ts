/**
 * Conditional sum of squares on the differenced series (R's ARIMA_CSS): residuals start after the
 * first p + P*m values, earlier residuals count as zero. A missing value gives no residual and
 * contributes zero to later MA terms (R would let the NaN spread through every later residual).
 * Touches only the nonzero lags, so long seasonal periods cost O(n * nnz).
 */
import type { ArmaSystem } from './system.ts';

export interface CssResult {
  ssq: number;
  nu: number;
}

export function css(sys: ArmaSystem, w: Float64Array, ncond: number, resid?: Float64Array): CssResult {
  const n = w.length;
  const e = resid ?? new Float64Array(n);
  e.fill(0, 0, Math.min(ncond, n));
  const { phi, phiNz, R, rNz } = sys;
  let ssq = 0;
  let nu = 0;
  for (let t = ncond; t < n; t++) {
    let v = w[t]!;
    for (let k = 0; k < phiNz.length; k++) {
      const s = phiNz[k]!;
      v -= phi[s - 1]! * w[t - s]!;
    }
    for (let k = 1; k < rNz.length; k++) {
      const u = rNz[k]!;
      if (t - u < ncond) break;
      v -= R[u]! * e[t - u]!;
    }
    if (Number.isNaN(v)) {
      e[t] = 0;
    } else {
      e[t] = v;
      ssq += v * v;
      nu++;
    }
  }
  return { ssq, nu };
}
