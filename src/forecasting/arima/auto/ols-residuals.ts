/**
 * Residuals of the least-squares regression of x on an intercept and the given columns (R's
 * residuals(lm(x ~ xreg, na.action = na.exclude))): what auto.arima's differencing tests look at when
 * the model has regressors. Missing values of x stay missing.
 */
import { invert } from '../linalg.ts';

export function olsResiduals(x: Float64Array, cols: readonly Float64Array[]): Float64Array {
  const design = [Float64Array.from(x, () => 1), ...cols];
  const k = design.length;
  const xtx = new Float64Array(k * k);
  const xty = new Float64Array(k);
  for (let t = 0; t < x.length; t++) {
    if (Number.isNaN(x[t]!)) continue;
    for (let a = 0; a < k; a++) {
      xty[a]! += design[a]![t]! * x[t]!;
      for (let b = 0; b < k; b++) xtx[a * k + b]! += design[a]![t]! * design[b]![t]!;
    }
  }
  const inv = invert(xtx, k);
  if (!inv) return Float64Array.from(x);
  const beta = new Float64Array(k);
  for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) beta[a]! += inv[a * k + b]! * xty[b]!;
  return x.map((v, t) => {
    let r = v;
    for (let a = 0; a < k; a++) r -= beta[a]! * design[a]![t]!;
    return r;
  });
}
