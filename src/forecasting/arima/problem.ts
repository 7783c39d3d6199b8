/**
 * A series prepared for estimation: differenced once up front (differencing never enters the
 * state, so seasonal periods like 365 cost nothing), with the regression term (intercept or drift)
 * differenced alongside. The likelihood of the differenced series is what R's diffuse treatment of
 * the differencing gives, up to a constant. Objective functions follow R's armaCSS / armafn.
 */
import { difference, type Structure } from './structure.ts';
import { cssSystem, mlSystem, sparsity, type ArmaSystem, type Sparsity } from './likelihood/system.ts';
import { css, cssResidualsInto } from './css.ts';
import { cssJacobianInto, hasCssJacobian } from './css-jacobian.ts';
import { fastFilter } from './likelihood/fast-filter.ts';
import { denseFilter, initialState } from './likelihood/kalman.ts';
import { lowRankFilter } from './likelihood/lowrank-filter.ts';
import { partrans } from './partrans.ts';

export interface Problem {
  s: Structure;
  y: Float64Array;
  /** Differenced series and regression columns (intercept or drift first, then external regressors). */
  dy: Float64Array;
  dX: Float64Array[];
  /** R's n.used: non-missing observations minus d + D*m. */
  nUsed: number;
  hasNaN: boolean;
  /** Conditioning length for CSS: p + P*m. */
  ncond: number;
  sp: Sparsity;
}

/** The regressor at 1-based time t: 1 for an intercept, t for drift (R uses xreg = 1:n). */
export function regressorAt(s: Structure, t: number): number {
  return s.reg === 'intercept' ? 1 : s.reg === 'drift' ? t : 0;
}

/** The regression columns over times 1..n: the intercept or drift, then the external regressors. */
export function designColumns(s: Structure, n: number, xreg: readonly Float64Array[] = []): Float64Array[] {
  const cols: Float64Array[] = [];
  if (s.reg !== 'none') {
    const x = new Float64Array(n);
    for (let t = 0; t < n; t++) x[t] = regressorAt(s, t + 1);
    cols.push(x);
  }
  const nx = s.xreg?.length ?? 0;
  if (xreg.length !== nx) throw new Error(`expected ${nx} regressor columns, got ${xreg.length}`);
  for (const x of xreg) cols.push(x.length === n ? x : x.subarray(0, n));
  return cols;
}

export function prepare(s: Structure, y: Float64Array, xreg: readonly Float64Array[] = []): Problem {
  const dy = difference(y, s.d, s.D, s.m);
  const dX = designColumns(s, y.length, xreg).map((x) => difference(x, s.d, s.D, s.m));
  let nonMissing = 0;
  for (let i = 0; i < y.length; i++) if (!Number.isNaN(y[i]!)) nonMissing++;
  let hasNaN = false;
  for (let i = 0; i < dy.length; i++) if (Number.isNaN(dy[i]!)) hasNaN = true;
  return { s, y, dy, dX, nUsed: nonMissing - s.d - s.D * s.m, hasNaN, ncond: s.p + s.P * s.m, sp: sparsity(s) };
}

export function narmaOf(s: Structure): number {
  return s.p + s.q + s.P + s.Q;
}

/** w = dy - sum_j beta_j dX_j for the coefficient vector `par` (regression coefficients last); read-only. */
export function workingSeries(prob: Problem, par: ArrayLike<number>, out: Float64Array): Float64Array {
  const { dy, dX } = prob;
  if (dX.length === 0) return dy;
  out.set(dy);
  const at = narmaOf(prob.s);
  dX.forEach((col, j) => {
    const beta = par[at + j]!;
    for (let i = 0; i < dy.length; i++) out[i]! -= beta * col[i]!;
  });
  return out;
}

/** AR blocks through partrans (optimiser space -> coefficients); MA and regression unchanged. */
export function undoTransform(s: Structure, par: ArrayLike<number>, out: Float64Array = new Float64Array(par.length)): Float64Array {
  out.set(par);
  if (s.p > 0) partrans(par, 0, s.p, out);
  if (s.P > 0) partrans(par, s.p + s.q, s.P, out);
  return out;
}

/**
 * workingSeries into a buffer of its own, recomputed only when a regression coefficient changed
 * (most evaluations of an optimiser move only the ARMA coefficients). When only some coefficients
 * differ from the last full computation — a forward-difference Jacobian column moves one, a Hessian
 * entry two — the series is that computation minus those columns' changes: O(n) per coefficient moved
 * instead of O(n k), which with Fourier regressors (k = 2K per period) was most of a fit's time. It
 * always starts from the full computation, so no rounding accumulates.
 */
function workingCache(prob: Problem): (par: ArrayLike<number>) => Float64Array {
  const n = prob.dy.length;
  const base = new Float64Array(n);
  const shifted = new Float64Array(n);
  const at = narmaOf(prob.s);
  const k = prob.dX.length;
  const beta = new Float64Array(k).fill(NaN);
  const moved: number[] = [];
  return (par) => {
    if (k === 0) return prob.dy;
    moved.length = 0;
    for (let j = 0; j < k; j++) if (par[at + j] !== beta[j]) moved.push(j);
    if (moved.length === 0) return base;
    if (2 * moved.length < k) {
      shifted.set(base);
      for (const j of moved) {
        const step = par[at + j]! - beta[j]!;
        const col = prob.dX[j]!;
        for (let i = 0; i < n; i++) shifted[i]! -= step * col[i]!;
      }
      return shifted;
    }
    workingSeries(prob, par, base);
    for (let j = 0; j < k; j++) beta[j] = par[at + j]!;
    return base;
  };
}

export function cssObjective(prob: Problem): (par: Float64Array) => number {
  const work = workingCache(prob);
  const e = new Float64Array(prob.dy.length);
  const { set } = cssSystem(prob.s, prob.sp);
  return (par) => {
    const sys = set(par);
    const res = css(sys, work(par), prob.ncond, e);
    return 0.5 * Math.log(res.ssq / res.nu);
  };
}

/** Past this state dimension the low-rank filter beats the dense one on series with gaps. */
const DENSE_MAX = 24;

export function likelihoodParts(prob: Problem, sys: ArmaSystem, w: Float64Array, innov?: Float64Array) {
  if (!prob.hasNaN) return fastFilter(sys, w, false, innov);
  return sys.r <= DENSE_MAX ? denseFilter(sys, w, initialState(sys), undefined, innov) : lowRankFilter(sys, w, innov);
}

/** Number of observed differenced values (length of the ML residual vector). */
export function observedCount(prob: Problem): number {
  let k = 0;
  for (let i = 0; i < prob.dy.length; i++) if (!Number.isNaN(prob.dy[i]!)) k++;
  return k;
}

/**
 * CSS residuals from t = ncond on (missing ones as 0), for least squares, with their Jacobian where it
 * is computed rather than differenced (css-jacobian.ts).
 */
export function cssResiduals(prob: Problem): {
  fn: (par: Float64Array, out: Float64Array) => boolean;
  nres: number;
  jacobian?: (par: Float64Array, r: Float64Array, J: Float64Array) => boolean;
} {
  const work = workingCache(prob);
  const nres = Math.max(0, prob.dy.length - prob.ncond);
  const { set } = cssSystem(prob.s, prob.sp);
  const { s, dX, ncond } = prob;
  return {
    nres,
    fn: (par, out) => cssResidualsInto(set(par), work(par), ncond, out),
    jacobian: hasCssJacobian(s, prob.hasNaN)
      ? (par, r, J) => {
          const sys = set(par);
          return cssJacobianInto(sys.phi, s.p, sys.R, s.q, work(par), r, dX, ncond, J, nres);
        }
      : undefined,
  };
}

/**
 * One exact-likelihood evaluation at optimiser parameters: undo the stationarity transform, build the
 * state-space system, run the filter (writing standardised innovations into `out` when given).
 * null where the coefficients have no stationary start.
 */
function mlEvaluator(prob: Problem, trans: boolean) {
  const work = workingCache(prob);
  const ml = mlSystem(prob.s, prob.sp);
  let buf = new Float64Array(0);
  return (par: Float64Array, out?: Float64Array) => {
    if (buf.length !== par.length) buf = new Float64Array(par.length);
    const coef = trans ? undoTransform(prob.s, par, buf) : par;
    let sys: ArmaSystem;
    try {
      sys = ml.set(coef);
    } catch {
      return null;
    }
    return likelihoodParts(prob, sys, work(coef), out);
  };
}

/**
 * Exact-likelihood residuals r_t = v_t / sqrt(f_t) * (prod f)^(1/2nu): their sum of squares over nu
 * is exp(2 * armafn), so minimising it maximises the likelihood.
 */
export function mlResiduals(prob: Problem, trans: boolean): { fn: (par: Float64Array, out: Float64Array) => boolean; nres: number } {
  const evaluate = mlEvaluator(prob, trans);
  const nres = observedCount(prob);
  return {
    nres,
    fn: (par, out) => {
      const res = evaluate(par, out);
      if (!res) return false;
      const g = Math.exp(res.sumlog / (2 * res.nu));
      if (!Number.isFinite(g)) return false;
      for (let i = 0; i < nres; i++) {
        out[i]! *= g;
        if (!Number.isFinite(out[i]!)) return false;
      }
      return true;
    },
  };
}

/** R's armafn: 0.5 (log(ssq/nu) + sumlog/nu); Infinity where the model has no stationary start. */
export function mlObjective(prob: Problem, trans: boolean): (par: Float64Array) => number {
  const evaluate = mlEvaluator(prob, trans);
  return (par) => {
    const res = evaluate(par);
    if (!res) return Infinity;
    const v = 0.5 * (Math.log(res.ssq / res.nu) + res.sumlog / res.nu);
    return Number.isFinite(v) ? v : Infinity;
  };
}
