/**
 * The ARMA part in state-space form (R's Harvey representation): state dimension r = max(p, q+1),
 * T has phi down the first column and ones on the superdiagonal, R = (1, theta_1, ..., theta_{r-1}),
 * Z = (1, 0, ..., 0). Everything a filter needs, built once per parameter vector.
 */
import { expand, expandInto, nonzeros, type Orders } from '../structure.ts';
import { q0FirstColumn } from './stationary-init.ts';

export interface ArmaSystem {
  r: number;
  /** phi padded to length r (phi[i] is lag i+1). */
  phi: Float64Array;
  /** R vector: R[0] = 1, R[i] = theta_i (padded to r). */
  R: Float64Array;
  phiNz: Int32Array;
  /** Indices i (0-based into R) where R[i] != 0, including 0. */
  rNz: Int32Array;
  /** First column of the stationary state covariance (unit innovation variance). */
  c0: Float64Array;
  theta: Float64Array;
}

export interface Sparsity {
  phiNz: Int32Array;
  thetaNz: Int32Array;
  rNz: Int32Array;
}

/**
 * Sparsity from the orders, not the values: a coefficient that happens to be 0 must still pass a
 * missing value on to the CSS residuals, or the residual count would jump between parameters.
 */
export function sparsity(s: Orders): Sparsity {
  const pattern = expand(s, patternCoef(s));
  const thetaNz = nonzeros(pattern.theta);
  return { phiNz: nonzeros(pattern.phi), thetaNz, rNz: Int32Array.from([0, ...thetaNz]) };
}

/**
 * `withInit` false skips the stationary covariance (CSS needs none; non-stationary points are fine).
 * `sp` is the cached sparsity of these orders (recomputed when absent).
 */
export function buildSystem(s: Orders, coef: ArrayLike<number>, withInit = true, sp: Sparsity = sparsity(s)): ArmaSystem {
  const ex = expand(s, coef);
  const { phi: ph, theta } = ex;
  const r = Math.max(ph.length, theta.length + 1, 1);
  const phi = new Float64Array(r);
  phi.set(ph);
  const R = new Float64Array(r);
  R[0] = 1;
  R.set(theta, 1);
  const { phiNz, thetaNz, rNz } = sp;
  const c0 = withInit ? q0FirstColumn(s, coef, phi, theta, phiNz, thetaNz, r, ex) : new Float64Array(0);
  return { r, phi, R, phiNz, rNz, c0, theta };
}

function patternCoef(s: Orders): Float64Array {
  const k = s.p + s.q + s.P + s.Q;
  const c = new Float64Array(k);
  for (let i = 0; i < k; i++) c[i] = 0.1 + 0.0137 * i;
  return c;
}

/** out = T v (may not alias v): out[i] = phi_{i+1} v[0] + v[i+1]. */
export function applyT(sys: ArmaSystem, v: Float64Array, out: Float64Array): void {
  const r = sys.r;
  const v0 = v[0]!;
  for (let i = 0; i < r - 1; i++) out[i] = v[i + 1]!;
  out[r - 1] = 0;
  const nz = sys.phiNz;
  for (let t = 0; t < nz.length; t++) {
    const s = nz[t]!;
    out[s - 1]! += sys.phi[s - 1]! * v0;
  }
}

/**
 * One system reused across exact-likelihood evaluations: the same values as buildSystem(s, coef,
 * true, sp), with the polynomials and the stationary covariance's first column overwritten in
 * place. Throws where buildSystem throws (no stationary start).
 */
export function mlSystem(s: Orders, sp: Sparsity): { set: (coef: ArrayLike<number>) => ArmaSystem } {
  const lp = s.p + s.m * s.P;
  const lq = s.q + s.m * s.Q;
  const r = Math.max(lp, lq + 1, 1);
  const phi = new Float64Array(r); // expandInto zeroes the padding beyond lp
  const theta = new Float64Array(lq);
  const R = new Float64Array(r);
  const ex = { phi: phi.subarray(0, lp), theta };
  const c0 = new Float64Array(r);
  const sys: ArmaSystem = { r, phi, R, phiNz: sp.phiNz, rNz: sp.rNz, c0, theta };
  const set = (coef: ArrayLike<number>) => {
    expandInto(s, coef, phi, theta);
    R[0] = 1;
    R.set(theta, 1);
    q0FirstColumn(s, coef, phi, theta, sp.phiNz, sp.thetaNz, r, ex, c0);
    return sys;
  };
  return { set };
}

/**
 * One system reused across CSS evaluations (no stationary covariance): `set` overwrites the
 * polynomials in place, so the optimiser's thousands of evaluations allocate nothing.
 */
export function cssSystem(s: Orders, sp: Sparsity): { sys: ArmaSystem; set: (coef: ArrayLike<number>) => ArmaSystem } {
  const lp = s.p + s.m * s.P;
  const lq = s.q + s.m * s.Q;
  const r = Math.max(lp, lq + 1, 1);
  const sys: ArmaSystem = {
    r,
    phi: new Float64Array(r),
    R: new Float64Array(r),
    phiNz: sp.phiNz,
    rNz: sp.rNz,
    c0: new Float64Array(0),
    theta: new Float64Array(lq),
  };
  const set = (coef: ArrayLike<number>) => {
    const { phi, R, theta } = sys;
    expandInto(s, coef, phi, theta);
    R[0] = 1;
    R.set(theta, 1);
    return sys;
  };
  return { sys, set };
}
