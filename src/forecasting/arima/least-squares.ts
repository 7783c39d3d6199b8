/**
 * Levenberg–Marquardt for sums of squares with a forward-difference Jacobian. Both of R's arima
 * objectives are monotone in a sum of squares: CSS is 0.5 log(ssq/nu), and the exact ML objective
 * 0.5 (log(ssq/nu) + sumlog/nu) is 0.5 log(sum r_t^2 / nu) with r_t = v_t / sqrt(f_t) * (prod f)^(1/2nu).
 * So both minima are least-squares minima. Plain Gauss–Newton converges only linearly on ARMA
 * residuals (the neglected term sum r_t Hess(r_t) is not small), so the second-order term is
 * approximated by the structured secant update of Dennis, Gay & Welsch (NL2SOL), with its sizing
 * factor; Levenberg–Marquardt damping keeps every accepted step downhill.
 */
import { crossProducts } from './cross-products.ts';
import { solveInPlace } from './linalg.ts';

/** Fills `out` with the residual vector; returns false where the model is not evaluable. */
export type Residuals = (par: Float64Array, out: Float64Array) => boolean;

export interface LsqResult {
  par: Float64Array;
  ssq: number;
  iterations: number;
  converged: boolean;
}

function sumsq(r: Float64Array): number {
  let s = 0;
  for (let i = 0; i < r.length; i++) s += r[i]! * r[i]!;
  return s;
}

/**
 * The residual vectors and Jacobians, reused across calls: a fit runs this dozens of times, and
 * typed arrays this size live outside V8's heap, so allocating them each time cost more than their
 * arithmetic (5% of auto_arima in a profile). Every entry read is written first within a call, and
 * nothing here is returned; no residual function calls back into this one.
 */
let scratch = { r: new Float64Array(0), rt: new Float64Array(0), J: new Float64Array(0), Jold: new Float64Array(0) };

function scratchFor(nres: number, k: number) {
  if (scratch.J.length < nres * k || scratch.r.length < nres) {
    const len = Math.max(nres, 2 * scratch.r.length);
    const jl = Math.max(nres * k, 2 * scratch.J.length);
    scratch = { r: new Float64Array(len), rt: new Float64Array(len), J: new Float64Array(jl), Jold: new Float64Array(jl) };
  }
  return { r: scratch.r.subarray(0, nres), rt: scratch.rt.subarray(0, nres), J: scratch.J, Jold: scratch.Jold };
}

/**
 * J[col .. col + nres) = (rt - r) / h. A leaf of its own, like sumsq: V8 optimizes a small hot function
 * within a few calls, while this loop inside levenbergMarquardt's long body ran interpreted until the
 * whole body was compiled (175 ms of a fresh process's first daily mstl fit, ~40 ms warm).
 */
function differenceColumn(J: Float64Array, col: number, rt: Float64Array, r: Float64Array, nres: number, h: number): void {
  for (let i = 0; i < nres; i++) J[col + i] = (rt[i]! - r[i]!) / h;
}

/**
 * ys = (J - Jold)' r, two columns per pass over i (each sum in increasing i, as one at a time). A
 * leaf function for the reason differenceColumn is one: it runs over every residual.
 */
function jacobianChangeTimes(J: Float64Array, Jold: Float64Array, r: Float64Array, nres: number, k: number, ys: Float64Array): void {
  let a0 = 0;
  for (; a0 + 1 < k; a0 += 2) {
    const c0 = a0 * nres;
    const c1 = c0 + nres;
    let v0 = 0;
    let v1 = 0;
    for (let i = 0; i < nres; i++) {
      const ri = r[i]!;
      v0 += (J[c0 + i]! - Jold[c0 + i]!) * ri;
      v1 += (J[c1 + i]! - Jold[c1 + i]!) * ri;
    }
    ys[a0] = v0;
    ys[a0 + 1] = v1;
  }
  if (a0 < k) {
    const c0 = a0 * nres;
    let v0 = 0;
    for (let i = 0; i < nres; i++) v0 += (J[c0 + i]! - Jold[c0 + i]!) * r[i]!;
    ys[a0] = v0;
  }
}

/** Iterations stop once an accepted step lowers S by no more than this fraction of it. */
const STOP_GAIN = 1e-9;

export function levenbergMarquardt(
  res: Residuals,
  start: ArrayLike<number>,
  nres: number,
  opts: {
    parscale?: ArrayLike<number>;
    maxit?: number;
    checkpoint?: () => void;
    /** Checked every 10 iterations: true stops the search where it is (a fit that will be rejected). */
    abandon?: (par: Float64Array) => boolean;
    /**
     * The Jacobian at par, given the residuals r there, into J (by columns, as below), in place of
     * forward differences; false when an entry is not finite.
     */
    jacobian?: (par: Float64Array, r: Float64Array, J: Float64Array) => boolean;
  } = {},
): LsqResult {
  const k = start.length;
  const scale = Float64Array.from(opts.parscale ?? new Array(k).fill(1));
  const maxit = opts.maxit ?? 200;
  const p = Float64Array.from(start);
  const buf = scratchFor(nres, k);
  let r = buf.r;
  let rt = buf.rt;
  if (!res(p, r)) throw new Error('initial value is not finite');
  let S = sumsq(r);
  if (!Number.isFinite(S)) throw new Error('initial value is not finite');
  if (k === 0) return { par: p, ssq: S, iterations: 0, converged: true };
  let J = buf.J;
  let Jold = buf.Jold;
  const gOld = new Float64Array(k);
  const Sm = new Float64Array(k * k); // secant estimate of sum r_t Hess(r_t)
  const y = new Float64Array(k);
  const ys = new Float64Array(k);
  const z = new Float64Array(k);
  const Ss = new Float64Array(k);
  let haveOld = false;
  const A = new Float64Array(k * k);
  const M = new Float64Array(k * k);
  const g = new Float64Array(k);
  const delta = new Float64Array(k);
  const trial = new Float64Array(k);
  let lambda = 1e-3;
  let it = 0;
  let converged = false;
  while (it < maxit) {
    opts.checkpoint?.();
    if (opts.abandon && it > 0 && it % 10 === 0 && opts.abandon(p)) break;
    it++;
    // The Jacobian: the caller's when it computes one, else forward differences with steps relative
    // to each parameter's scale. J is stored by columns (column j at j * nres) so the fill and the
    // cross products below run over contiguous memory; every sum still runs over i in increasing
    // order, as a row-wise pass would.
    if (opts.jacobian) {
      if (!opts.jacobian(p, r, J)) throw new Error('non-finite Jacobian value');
    } else for (let j = 0; j < k; j++) {
      const h = 1e-7 * Math.max(Math.abs(p[j]!), scale[j]!);
      const old = p[j]!;
      p[j] = old + h;
      const hh = p[j]! - old;
      const ok = res(p, rt);
      p[j] = old;
      if (!ok) throw new Error('non-finite finite-difference value');
      differenceColumn(J, j * nres, rt, r, nres, hh);
    }
    // A = J'J (upper triangle, then mirrored), g = J'r.
    crossProducts(J, r, nres, k, A, g);
    if (haveOld) secantUpdate(J, Jold, r);
    // This Jacobian becomes the old one (the next is written over every entry of the other buffer).
    const Jprev = Jold;
    Jold = J;
    J = Jprev;
    gOld.set(g);
    let accepted = false;
    let firstTry = true;
    let useS = true;
    let Snew = S;
    while (lambda < 1e12) {
      M.set(A);
      if (useS) for (let i = 0; i < k * k; i++) M[i]! += Sm[i]!;
      for (let a = 0; a < k; a++) {
        M[a * k + a]! += lambda * (A[a * k + a]! + 1e-12 * (1 + A[a * k + a]!));
        delta[a] = -g[a]!;
      }
      try {
        solveInPlace(M, delta, k);
      } catch {
        lambda *= 10;
        continue;
      }
      let slope = 0;
      for (let a = 0; a < k; a++) slope += delta[a]! * g[a]!;
      if (!(slope < 0)) {
        // The secant term made the model indefinite: fall back to Gauss–Newton for this step.
        if (useS) useS = false;
        else lambda *= 10;
        continue;
      }
      // Converged when the model's step predicts less than the stopping gain: the trial would be
      // accepted with a gain too small to go on, or rejected by rounding, and each rejection would
      // raise lambda tenfold up to 1e12 at one evaluation each. Only on an iteration's first, barely
      // damped step (lambda <= 1e-2): a heavily damped step predicts less than the model's minimum.
      if (firstTry && lambda <= 1e-2 && predictedReduction(useS, slope) <= STOP_GAIN * S) break;
      firstTry = false;
      for (let a = 0; a < k; a++) trial[a] = p[a]! + delta[a]!;
      if (res(trial, rt)) {
        Snew = sumsq(rt);
        if (Number.isFinite(Snew) && Snew <= S) {
          accepted = true;
          break;
        }
      }
      lambda *= 10;
    }
    if (!accepted) {
      converged = true;
      break;
    }
    let stepSmall = true;
    for (let a = 0; a < k; a++) if (Math.abs(delta[a]!) > 1e-9 * Math.max(Math.abs(p[a]!), scale[a]!)) stepSmall = false;
    const gain = S - Snew;
    p.set(trial);
    // The trial residuals become current; the old vector is overwritten by the next evaluation.
    const rPrev = r;
    r = rt;
    rt = rPrev;
    S = Snew;
    haveOld = true;
    lambda = Math.max(lambda / 10, 1e-12);
    if (stepSmall || gain <= STOP_GAIN * S) {
      converged = true;
      break;
    }
  }
  return { par: p, ssq: S, iterations: it, converged };

  /**
   * -(2 g'd + d'Hd): the decrease of S the quadratic model predicts for the step d = delta, with
   * H = J'J (+ the secant term when in use) — the model the step was solved from, without damping.
   */
  function predictedReduction(withSecant: boolean, gd: number): number {
    let dHd = 0;
    for (let a = 0; a < k; a++) {
      let w = 0;
      for (let b = 0; b < k; b++) w += (A[a * k + b]! + (withSecant ? Sm[a * k + b]! : 0)) * delta[b]!;
      dHd += delta[a]! * w;
    }
    return -(2 * gd + dHd);
  }

  /**
   * NL2SOL update with s = last step, y = g_new - g_old, y# = (J_new - J_old)' r_new:
   * S <- tau S, then S += (z y' + y z') / (y's) - (z's) y y' / (y's)^2 with z = y# - S s.
   */
  function secantUpdate(J: Float64Array, Jold: Float64Array, r: Float64Array): void {
    let ysum = 0;
    let sSs = 0;
    let sy = 0;
    jacobianChangeTimes(J, Jold, r, nres, k, ys);
    for (let a = 0; a < k; a++) {
      y[a] = g[a]! - gOld[a]!;
      let w = 0;
      for (let b = 0; b < k; b++) w += Sm[a * k + b]! * delta[b]!;
      Ss[a] = w;
    }
    for (let a = 0; a < k; a++) {
      ysum += delta[a]! * ys[a]!;
      sSs += delta[a]! * Ss[a]!;
      sy += delta[a]! * y[a]!;
    }
    if (sSs !== 0) {
      const tau = Math.min(1, Math.abs(ysum / sSs));
      for (let i = 0; i < k * k; i++) Sm[i]! *= tau;
      for (let a = 0; a < k; a++) Ss[a]! *= tau;
    }
    if (!(sy > 0)) return;
    let zs = 0;
    for (let a = 0; a < k; a++) {
      z[a] = ys[a]! - Ss[a]!;
      zs += z[a]! * delta[a]!;
    }
    for (let a = 0; a < k; a++) {
      for (let b = 0; b < k; b++) {
        Sm[a * k + b]! += (z[a]! * y[b]! + y[a]! * z[b]!) / sy - (zs * y[a]! * y[b]!) / (sy * sy);
      }
    }
  }
}
