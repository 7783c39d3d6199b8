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

/**
 * olsResiduals for several regressions whose columns are subsets of one set (harmonic's K = 1..maxK:
 * each K's Fourier terms are among the largest K's): the cross products are summed once for all the
 * columns, and each subset solves its own part of them. `subsets` index into `cols`; the intercept is
 * in every regression, as in olsResiduals.
 */
export function nestedOlsResiduals(x: Float64Array, cols: readonly Float64Array[], subsets: readonly number[][]): Float64Array[] {
  const design = [Float64Array.from(x, () => 1), ...cols];
  const k = design.length;
  const xtx = new Float64Array(k * k);
  const xty = new Float64Array(k);
  for (let t = 0; t < x.length; t++) {
    const v = x[t]!;
    if (Number.isNaN(v)) continue;
    for (let a = 0; a < k; a++) {
      const da = design[a]![t]!;
      xty[a]! += da * v;
      for (let b = 0; b <= a; b++) xtx[a * k + b]! += da * design[b]![t]!;
    }
  }
  return subsets.map((subset) => {
    const idx = [0, ...subset.map((j) => j + 1)];
    const m = idx.length;
    const sub = new Float64Array(m * m);
    for (let a = 0; a < m; a++) {
      for (let b = 0; b < m; b++) {
        const [i, j] = idx[a]! >= idx[b]! ? [idx[a]!, idx[b]!] : [idx[b]!, idx[a]!];
        sub[a * m + b] = xtx[i * k + j]!;
      }
    }
    const inv = invert(sub, m);
    if (!inv) return Float64Array.from(x);
    const beta = new Float64Array(m);
    for (let a = 0; a < m; a++) for (let b = 0; b < m; b++) beta[a]! += inv[a * m + b]! * xty[idx[b]!]!;
    return x.map((v, t) => {
      let r = v;
      for (let a = 0; a < m; a++) r -= beta[a]! * design[idx[a]!]![t]!;
      return r;
    });
  });
}
