/**
 * The filter state a fitted model keeps for forecasting and updating: the predicted state and
 * covariance after the last observation, and the last d + D*m values of u = y - regression, which
 * undo the differencing. Missing values among those are imputed from the filter's one-step
 * predictions (the state itself handles missing values exactly; only undifferencing needs numbers).
 */
import { differencingPoly, type Structure } from './structure.ts';
import { buildSystem, type ArmaSystem } from './likelihood/system.ts';
import { fastFilter } from './likelihood/fast-filter.ts';
import { denseFilter, initialState, type FilterState } from './likelihood/kalman.ts';
import { designColumns, prepare, regressorAt, workingSeries } from './problem.ts';
import { invalidSpec, unfittable } from '../errors.ts';

export interface ArimaState {
  coef: number[];
  /** Innovation variance used for intervals. */
  sigma2: number;
  /** Predicted state for the next observation. */
  a: number[];
  /**
   * Predicted covariance, upper triangle packed by rows, unit innovation variance. Empty when the
   * filter had converged to its steady state R R' (the usual case), which keeps stored models small.
   */
  P: number[];
  /** Last d + D*m values of u = y - regression term (oldest first), missing ones imputed. */
  uTail: number[];
  /** Positions in uTail that were missing: differences involving them stay missing. */
  uTailMissing: number[];
  /** Observations seen so far (the drift's time index of the last one). */
  n: number;
}

export function packUpper(P: Float64Array, r: number, R?: Float64Array): number[] {
  if (R && isOuter(P, R, r)) return [];
  const out: number[] = [];
  for (let i = 0; i < r; i++) for (let j = i; j < r; j++) out.push(P[i * r + j]!);
  return out;
}

function isOuter(P: Float64Array, R: Float64Array, r: number): boolean {
  for (let i = 0; i < r; i++) for (let j = 0; j < r; j++) if (P[i * r + j] !== R[i]! * R[j]!) return false;
  return true;
}

export function unpackUpper(packed: number[], r: number, R: Float64Array): Float64Array {
  const P = new Float64Array(r * r);
  if (packed.length === 0) {
    for (let i = 0; i < r; i++) for (let j = 0; j < r; j++) P[i * r + j] = R[i]! * R[j]!;
    return P;
  }
  let k = 0;
  for (let i = 0; i < r; i++) {
    for (let j = i; j < r; j++) {
      P[i * r + j] = packed[k]!;
      P[j * r + i] = packed[k]!;
      k++;
    }
  }
  return P;
}

/** The regression part sum_j beta_j X_j(t) over times 1..n (all zeros without regression terms). */
export function regressionPart(s: Structure, coef: ArrayLike<number>, cols: readonly Float64Array[], n: number): Float64Array {
  const out = new Float64Array(n);
  const at = s.p + s.q + s.P + s.Q;
  cols.forEach((col, j) => {
    const beta = coef[at + j]!;
    for (let t = 0; t < n; t++) out[t]! += beta * col[t]!;
  });
  return out;
}

/** Runs the whole series through the filter at fixed coefficients. */
export function stateFromSeries(s: Structure, y: Float64Array, coef: ArrayLike<number>, sigma2: number, xreg: readonly Float64Array[] = []): ArimaState {
  const prob = prepare(s, y, xreg);
  const sys = buildSystem(s, coef);
  const w = workingSeries(prob, coef, new Float64Array(prob.dy.length));
  let st: FilterState;
  const pred = new Float64Array(w.length);
  if (!prob.hasNaN) {
    st = fastFilter(sys, w, true).state!;
  } else {
    st = initialState(sys);
    denseFilter(sys, w, st, pred);
  }
  const K = s.d + s.D * s.m;
  const reg = regressionPart(s, coef, designColumns(s, y.length, xreg), y.length);
  const u = new Float64Array(y.length);
  for (let t = 0; t < y.length; t++) u[t] = y[t]! - reg[t]!;
  const start = Math.max(0, y.length - K);
  const uTailMissing: number[] = [];
  for (let t = start; t < y.length; t++) if (Number.isNaN(u[t]!)) uTailMissing.push(t - start);
  if (K > 0 && prob.hasNaN) imputeU(u, pred, differencingPoly(s.d, s.D, s.m), K);
  return {
    coef: Array.from(coef),
    sigma2,
    a: Array.from(st.a),
    P: packUpper(st.P, sys.r, sys.R),
    uTail: Array.from(u.subarray(start)),
    uTailMissing,
    n: y.length,
  };
}

function imputeU(u: Float64Array, pred: Float64Array, delta: Float64Array, K: number): void {
  let last = NaN;
  for (let t = 0; t < u.length; t++) {
    if (!Number.isNaN(u[t]!)) {
      last = u[t]!;
      continue;
    }
    if (t < K) {
      if (Number.isNaN(last)) for (let k = t + 1; k < u.length && Number.isNaN(last); k++) last = u[k]!;
      u[t] = last;
      continue;
    }
    let v = pred[t - K]!;
    for (let i = 1; i <= K; i++) v += delta[i - 1]! * u[t - i]!;
    u[t] = v;
  }
}

/**
 * The filter's system for a state's coefficients, built once per coefficient array: a model taking one
 * point per append would otherwise rebuild it (polynomial products, a few arrays) for every point.
 */
const systems = new WeakMap<readonly number[], ArmaSystem>();
export function systemOf(s: Structure, coef: number[]): ArmaSystem {
  let sys = systems.get(coef);
  if (!sys) systems.set(coef, (sys = buildSystem(s, coef, false)));
  return sys;
}

/**
 * Continues the filter with new observations at the same coefficients. A model with external
 * regressors needs their values at the new times: `xregRows`, one column per name in s.xreg (in that
 * order), each newY.length long. u_t = y_t - the regression term, summed in designColumns' order
 * (intercept or drift first, then the regressors) as regressionPart sums it.
 */
export function advanceState(s: Structure, st: ArimaState, newY: Float64Array, xregRows?: readonly Float64Array[]): ArimaState {
  const nx = s.xreg?.length ?? 0;
  if (nx > 0 && !xregRows) throw unfittable('new observations of a model with regressors need their regressor values: refit instead', 'regressors');
  const rows = xregRows ?? [];
  if (rows.length !== nx) throw invalidSpec('regressors', `expected ${nx} regressor columns for the new observations, got ${rows.length}`);
  rows.forEach((col, j) => {
    const name = s.xreg![j]!;
    if (col.length !== newY.length) throw invalidSpec(`regressors.${name}`, `regressor '${name}' has ${col.length} values for ${newY.length} new observations`);
    for (let i = 0; i < col.length; i++) if (!Number.isFinite(col[i]!)) throw invalidSpec(`regressors.${name}`, `regressors.${name}[${i}] must be a finite number`);
  });
  const sys = systemOf(s, st.coef);
  const r = sys.r;
  const fs: FilterState = { a: Float64Array.from(st.a), P: unpackUpper(st.P, r, sys.R) };
  const K = s.d + s.D * s.m;
  const delta = differencingPoly(s.d, s.D, s.m);
  // Regression coefficients follow the ARMA ones: intercept or drift (when s.reg !== 'none'), then xreg.
  const at = s.p + s.q + s.P + s.Q;
  const beta = s.reg === 'none' ? 0 : st.coef[at]!;
  const xbeta = rows.map((_, j) => st.coef[at + (s.reg === 'none' ? 0 : 1) + j]!);
  const hist = [...st.uTail];
  const missing = st.uTail.map(() => false);
  for (const i of st.uTailMissing) missing[i] = true;
  const one = new Float64Array(1);
  const pred = new Float64Array(1);
  for (let k = 0; k < newY.length; k++) {
    const t = st.n + k + 1;
    let reg = s.reg === 'none' ? 0 : beta * regressorAt(s, t);
    for (let j = 0; j < rows.length; j++) reg += xbeta[j]! * rows[j]![k]!;
    let u = newY[k]! - reg;
    let w = u;
    for (let i = 1; i <= K; i++) {
      const di = delta[i - 1]!;
      if (di === 0) continue;
      w -= di * hist[hist.length - i]!;
      if (missing[missing.length - i]) w = NaN;
    }
    missing.push(Number.isNaN(u));
    one[0] = w;
    denseFilter(sys, one, fs, pred);
    if (Number.isNaN(u)) {
      u = pred[0]!;
      for (let i = 1; i <= K; i++) u += delta[i - 1]! * hist[hist.length - i]!;
    }
    hist.push(u);
  }
  return {
    // The same array: coefficients never change after the fit, and its identity keys systemOf's cache.
    coef: st.coef,
    sigma2: st.sigma2,
    a: Array.from(fs.a),
    P: packUpper(fs.P, r, sys.R),
    uTail: K > 0 ? hist.slice(hist.length - K) : [],
    uTailMissing: K > 0 ? missing.slice(missing.length - K).flatMap((m, i) => (m ? [i] : [])) : [],
    n: st.n + newY.length,
  };
}
