/**
 * Dense Kalman filter for the ARMA part (the general path: any missing values, and the final pass
 * that leaves the state and covariance for forecasting). O(r^2) per step; the covariance prediction
 * uses the companion structure of T instead of matrix products. Missing values skip the update.
 *
 * Once the predicted covariance stops changing (a step moves no entry by more than STEADY, as the fast
 * filter's own test), the filter is in its steady state: P is a fixed point of the update and the
 * prediction, so until the next missing value only the state moves, at O(r) a step. A missing value
 * leaves the steady state (P grows) and the full recursion runs until P has settled again. On a long
 * series with scattered gaps this is most steps: 20,000 values with 200 gaps made each likelihood
 * evaluation ~10x the gap-free one, and an auto_arima search 30 s.
 */
import { applyT, type ArmaSystem } from './system.ts';
import { q0Full } from './stationary-init.ts';

export interface FilterResult {
  ssq: number;
  sumlog: number;
  nu: number;
}

export interface FilterState {
  /** Predicted state a_{t|t-1} for the next observation. */
  a: Float64Array;
  /** Predicted covariance (row-major r x r), unit innovation variance. */
  P: Float64Array;
}

export function initialState(sys: ArmaSystem): FilterState {
  return { a: new Float64Array(sys.r), P: q0Full(sys.c0, sys.phi, sys.theta, sys.r) };
}

/**
 * Runs w through the filter starting from `st` (modified in place). `pred`, if given, receives the
 * one-step predictions Z a_{t|t-1} (used to impute missing values for undifferencing); `innov` the
 * standardized innovations of the observed values, in order.
 */
export function denseFilter(
  sys: ArmaSystem,
  w: ArrayLike<number>,
  st: FilterState,
  pred?: Float64Array,
  innov?: Float64Array,
): FilterResult {
  const r = sys.r;
  const { a, P } = st;
  const phi = sys.phi;
  const R = sys.R;
  const Pn = new Float64Array(r * r);
  const Pprev = new Float64Array(r * r);
  const an = new Float64Array(r);
  let ssq = 0;
  let sumlog = 0;
  let nu = 0;
  let steady = false;
  for (let t = 0; t < w.length; t++) {
    const y = w[t]!;
    if (pred) pred[t] = a[0]!;
    const observed = !Number.isNaN(y);
    const F = P[0]!;
    if (observed) {
      const v = y - a[0]!;
      const k = v / F;
      for (let i = 0; i < r; i++) a[i]! += P[i * r]! * k;
      ssq += (v * v) / F;
      sumlog += Math.log(F);
      if (innov) innov[nu] = v / Math.sqrt(F);
      nu++;
      if (steady) {
        // P is at its fixed point: the update and the prediction would give it back unchanged.
        applyT(sys, a, an);
        a.set(an);
        continue;
      }
    }
    steady = false;
    Pprev.set(P);
    if (observed) {
      // P -= P[:,0] P[0,:] / F (row 0 copied first: it changes in the loop)
      for (let j = 0; j < r; j++) an[j] = P[j]!;
      for (let i = 0; i < r; i++) {
        const f = an[i]! / F;
        if (f === 0) continue;
        const row = i * r;
        for (let j = 0; j < r; j++) P[row + j]! -= f * an[j]!;
      }
    }
    // Predict: a = T a, P = T P T' + R R'.
    applyT(sys, a, an);
    a.set(an);
    const p00 = P[0]!;
    for (let i = 0; i < r; i++) {
      const phi_i = phi[i]!;
      const Pi1 = i + 1 < r ? (i + 1) * r : -1;
      const Pi10 = Pi1 >= 0 ? P[Pi1]! : 0;
      const Ri = R[i]!;
      const row = i * r;
      for (let j = i; j < r; j++) {
        const phi_j = phi[j]!;
        let v = Ri * R[j]! + phi_i * phi_j * p00 + phi_j * Pi10;
        if (j + 1 < r) {
          v += phi_i * P[j + 1]!;
          if (Pi1 >= 0) v += P[Pi1 + j + 1]!;
        }
        Pn[row + j] = v;
      }
    }
    // Settled when this step (an observed one: a missing value always moves P) changed no entry.
    let moved = observed ? 0 : Infinity;
    for (let i = 0; i < r; i++) {
      for (let j = i; j < r; j++) {
        const v = Pn[i * r + j]!;
        const d = Math.abs(v - Pprev[i * r + j]!);
        if (d > moved) moved = d;
        P[i * r + j] = v;
        P[j * r + i] = v;
      }
    }
    steady = moved < STEADY;
  }
  return { ssq, sumlog, nu };
}

/** Largest change of a covariance entry in one step that counts as none (fast-filter.ts's CONVERGED). */
const STEADY = 1e-13;
