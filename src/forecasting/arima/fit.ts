/**
 * Estimation as R's arima(method = "CSS-ML"), and plain CSS as auto.arima's approximation uses.
 * CSS gives start values; ML optimises the exact likelihood with AR parts reparametrised through
 * partrans (both as least squares, see least-squares.ts, where R uses BFGS: same optima, far fewer
 * evaluations); MA parts are reflected to invertibility; standard errors come from the numerical
 * Hessian in the optimiser's space mapped back through the transform's Jacobian (R's Gradtrans).
 */
import { bfgs, numericHessian } from './optim.ts';
import { levenbergMarquardt } from './least-squares.ts';
import { arStationary, invPartrans, maInvert, partrans } from './partrans.ts';
import { minRootModulus } from './roots.ts';
import {
  cssObjective,
  cssResiduals,
  likelihoodParts,
  mlObjective,
  mlResiduals,
  narmaOf,
  undoTransform,
  workingSeries,
  type Problem,
} from './problem.ts';
import { buildSystem } from './likelihood/system.ts';
import { invert } from './linalg.ts';
import { mlHessian } from './regression-hessian.ts';
import type { Structure } from './structure.ts';

export interface Estimate {
  coef: Float64Array;
  /**
   * Standard errors (NaN where the Hessian gives none). Computed on first read of `se` or `varOk`
   * (see lazyVariance): the search scores dozens of candidates and needs them for few.
   */
  readonly se: Float64Array;
  /** R's sigma2: ssq / n.used (ML) or the CSS residual variance. */
  sigma2: number;
  /** Objective value at the optimum (per-observation half log-likelihood pieces, as R's). */
  value: number;
  loglik: number;
  /** False when the Hessian was singular or gave a negative variance (R's checkarima). */
  readonly varOk: boolean;
  method: 'CSS' | 'CSS-ML';
}

export class FitFailure extends Error {}

/**
 * Start values as R: zeros for ARMA, least squares on the differenced data for the regression
 * coefficients (lm(dx ~ dxreg - 1)), with parscale 10 standard errors.
 */
export function startValues(prob: Problem): { init: Float64Array; parscale: Float64Array } {
  const narma = narmaOf(prob.s);
  const k = prob.dX.length;
  const init = new Float64Array(narma + k);
  const parscale = new Float64Array(narma + k).fill(1);
  if (k === 0) return { init, parscale };
  const { dy, dX } = prob;
  const xtx = new Float64Array(k * k);
  const xty = new Float64Array(k);
  let nobs = 0;
  for (let i = 0; i < dy.length; i++) {
    if (Number.isNaN(dy[i]!)) continue;
    nobs++;
    for (let a = 0; a < k; a++) {
      xty[a]! += dX[a]![i]! * dy[i]!;
      for (let b = 0; b < k; b++) xtx[a * k + b]! += dX[a]![i]! * dX[b]![i]!;
    }
  }
  const inv = invert(xtx, k);
  if (!inv) return { init, parscale };
  const beta = new Float64Array(k);
  // One column (intercept or drift alone): the quotient itself, so such fits keep their exact values.
  if (k === 1) beta[0] = xty[0]! / xtx[0]!;
  else for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) beta[a]! += inv[a * k + b]! * xty[b]!;
  let rss = 0;
  for (let i = 0; i < dy.length; i++) {
    if (Number.isNaN(dy[i]!)) continue;
    let r = dy[i]!;
    for (let a = 0; a < k; a++) r -= beta[a]! * dX[a]![i]!;
    rss += r * r;
  }
  const s2 = rss / Math.max(1, nobs - k);
  for (let a = 0; a < k; a++) {
    const se = Math.sqrt(s2 * inv[a * k + a]!);
    init[narma + a] = beta[a]!;
    parscale[narma + a] = se > 0 && Number.isFinite(se) ? 10 * se : 1;
  }
  return { init, parscale };
}

function arBlocksStationary(s: Structure, coef: ArrayLike<number>): boolean {
  const ar = Array.from({ length: s.p }, (_, i) => coef[i]!);
  const sar = Array.from({ length: s.P }, (_, i) => coef[s.p + s.q + i]!);
  return (s.p === 0 || arStationary(ar)) && (s.P === 0 || arStationary(sar));
}

function maMinRoot(s: Structure, coef: ArrayLike<number>): number {
  const ma = Array.from({ length: s.q }, (_, i) => coef[s.p + i]!);
  const sma = Array.from({ length: s.Q }, (_, i) => coef[s.p + s.q + s.P + i]!);
  return Math.min(minRootModulus(ma, 1), Math.pow(minRootModulus(sma, 1), 1 / s.m));
}

function invertMa(s: Structure, coef: Float64Array): void {
  if (s.q > 0) coef.set(maInvert(Array.from(coef.subarray(s.p, s.p + s.q))), s.p);
  if (s.Q > 0) {
    const o = s.p + s.q + s.P;
    coef.set(maInvert(Array.from(coef.subarray(o, o + s.Q))), o);
  }
}

function logLikFromValue(value: number, nUsed: number): number {
  return -0.5 * (2 * nUsed * value + nUsed + nUsed * Math.log(2 * Math.PI));
}

/**
 * Conditional-sum-of-squares fit (auto.arima's approximation). `armaStart`: ARMA coefficients to start
 * from instead of zeros (a nearby model's), which saves iterations on long series.
 */
export function fitCss(prob: Problem, checkpoint?: () => void, armaStart?: ArrayLike<number>): Estimate {
  const s = prob.s;
  const { init, parscale } = startValues(prob);
  if (armaStart) init.set(armaStart);
  const fn = cssObjective(prob);
  const lsq = cssResiduals(prob);
  // CSS has no pull away from non-invertible MA polynomials and can creep towards the boundary for
  // hundreds of iterations; such a fit is rejected by the root check anyway, so stop early.
  const abandon = (par: Float64Array) => maMinRoot(s, par) < 0.99;
  const res = levenbergMarquardt(lsq.fn, init, lsq.nres, { parscale, checkpoint, abandon, jacobian: lsq.jacobian });
  const value = fn(res.par);
  if (!Number.isFinite(value)) throw new FitFailure('CSS objective is not finite at the optimum');
  const par = res.par;
  const sigma2 = Math.exp(2 * value);
  const at = Float64Array.from(par); // the caller owns `coef`
  const variance = () => varianceFrom(numericHessian(fn, at, parscale), null, prob.nUsed);
  return withLazyVariance({ coef: par, sigma2, value, loglik: logLikFromValue(value, prob.nUsed), method: 'CSS' }, variance);
}

/**
 * CSS-ML. `strict` reproduces R's refusal when CSS lands on a non-stationary AR part (auto.arima then
 * skips the model); otherwise ML starts from zero ARMA coefficients instead. `armaStart`: stationary
 * ARMA coefficients to start ML from in place of the CSS stage (the regression coefficients still
 * start at least squares). `cssStart`: ARMA coefficients to start the CSS stage from instead of zeros
 * (the same model's CSS estimate on part of the series: the stage then takes a few iterations).
 */
export function fitCssMl(
  prob: Problem,
  opts: {
    strict?: boolean;
    checkpoint?: () => void;
    armaStart?: ArrayLike<number>;
    cssStart?: ArrayLike<number>;
    abandonAtUnitMa?: boolean;
  } = {},
): Estimate {
  const s = prob.s;
  const { init: init0, parscale } = startValues(prob);
  let init: Float64Array = Float64Array.from(init0);
  const narma = narmaOf(s);
  if (opts.armaStart) init.set(opts.armaStart);
  if (narma > 0 && !(opts.armaStart && arBlocksStationary(s, init))) {
    init = Float64Array.from(init0);
    const cssInit = Float64Array.from(init0);
    if (opts.cssStart) cssInit.set(opts.cssStart);
    const lsq = cssResiduals(prob);
    // CSS creeping towards a non-invertible MA polynomial is stopped early: the reflected values
    // below are as good a start for ML as the boundary point it would reach.
    const abandon = (par: Float64Array) => maMinRoot(s, par) < 0.99;
    try {
      init = levenbergMarquardt(lsq.fn, cssInit, lsq.nres, { parscale, checkpoint: opts.checkpoint, abandon, jacobian: lsq.jacobian }).par;
    } catch (err) {
      // CSS residuals overflowing (explosive trial AR): R would stop here; ML from zeros still works.
      if (!(err instanceof Error && /finite/.test(err.message)) || opts.strict) throw err;
    }
    if (!arBlocksStationary(s, init)) {
      if (opts.strict) throw new FitFailure('non-stationary AR part from CSS');
      init = Float64Array.from(init0);
    }
  }
  // Into the optimiser's space: AR through the inverse transform, MA reflected first.
  invertMa(s, init);
  if (s.p > 0) invPartrans(init, 0, s.p, init);
  if (s.P > 0) invPartrans(init, s.p + s.q, s.P, init);
  const fn = mlObjective(prob, true);
  const lsq = mlResiduals(prob, true);
  let par: Float64Array;
  try {
    par = levenbergMarquardt(lsq.fn, init, lsq.nres, { parscale, checkpoint: opts.checkpoint, abandon: opts.abandonAtUnitMa ? unitMaWatch(s) : undefined }).par;
  } catch (err) {
    if (!(err instanceof Error && /finite/.test(err.message))) throw err;
    // A non-finite Jacobian column (a step into a numerically degenerate region): R's own BFGS,
    // which only needs the objective, may still get through.
    par = bfgs(fn, init, { parscale, checkpoint: opts.checkpoint }).par;
  }
  const tpar = Float64Array.from(par);
  invertMa(s, tpar);
  const value = fn(tpar);
  const coef = undoTransform(s, tpar);
  if (!Number.isFinite(value)) throw new FitFailure('likelihood is not finite at the optimum');
  const sigma2 = sigma2At(prob, coef);
  const variance = () => varianceFrom(mlHessian(prob, fn, tpar, parscale), transformJacobian(s, tpar), prob.nUsed);
  return withLazyVariance({ coef, sigma2, value, loglik: logLikFromValue(value, prob.nUsed), method: 'CSS-ML' }, variance);
}

/**
 * For the search's candidates (`abandonAtUnitMa`): stops the ML iterations of a model whose MA
 * polynomial is settling on the unit circle — an over-differenced candidate, whose ML optimum piles up
 * at a unit MA root — once, from iteration 20 on, its smallest root (after reflection) is within 0.001 of
 * it. Such a fit is all but certain to be rejected by the search's root check (roots within 1.01): in
 * every fit traced, the root went on to 1.0000 and stayed there. Creeping to the boundary took up to the
 * 200-iteration limit: on 20,000 values with gaps, where each likelihood evaluation runs the full
 * filter, 15 such refits took 50 s of a 55 s mstl fit. bench:accuracy chose every model as before.
 */
function unitMaWatch(s: Structure): (par: Float64Array) => boolean {
  let checks = 0;
  return (par) => {
    if (++checks < 2 || s.q + s.Q === 0) return false; // the first check comes at iteration 10
    const reflected = Float64Array.from(par);
    invertMa(s, reflected);
    return maMinRoot(s, reflected) < 1.001;
  };
}

/**
 * The estimate with `se` and `varOk` computed on first read. The numerical Hessian costs
 * 1 + 2k^2 objective evaluations, as much as the optimisation itself on short series, and the stepwise
 * search only needs it for candidates that would improve on the best so far. The values are the
 * ones an eager computation gives: the Hessian depends only on the optimum and the objective.
 */
function withLazyVariance(
  base: Omit<Estimate, 'se' | 'varOk'>,
  variance: () => { se: Float64Array; ok: boolean },
): Estimate {
  let v: { se: Float64Array; ok: boolean } | null = null;
  const get = () => (v ??= variance());
  return Object.defineProperties(base as Estimate, {
    se: { get: () => get().se, enumerable: true },
    varOk: { get: () => get().ok, enumerable: true },
  });
}

/** R's ARIMA_Gradtrans: forward differences (eps 1e-3) of partrans on each AR block. */
function transformJacobian(s: Structure, par: Float64Array): Float64Array {
  const k = par.length;
  const A = new Float64Array(k * k);
  for (let i = 0; i < k; i++) A[i * k + i] = 1;
  const eps = 1e-3;
  const block = (from: number, len: number) => {
    if (len === 0) return;
    const base = new Float64Array(k);
    partrans(par, from, len, base);
    for (let i = 0; i < len; i++) {
      const raw = Float64Array.from(par);
      raw[from + i]! += eps;
      const out = new Float64Array(k);
      partrans(raw, from, len, out);
      for (let j = 0; j < len; j++) A[(from + i) * k + from + j] = (out[from + j]! - base[from + j]!) / eps;
    }
  };
  block(0, s.p);
  block(s.p + s.q, s.P);
  return A;
}

/** var = A' (H n.used)^{-1} A (A = identity when null); se = sqrt(diag), NaN where negative. */
function varianceFrom(H: Float64Array, A: Float64Array | null, nUsed: number): { se: Float64Array; ok: boolean } {
  const k = Math.round(Math.sqrt(H.length));
  const se = new Float64Array(k).fill(NaN);
  if (k === 0) return { se, ok: true };
  const scaled = H.map((v) => v * nUsed);
  const inv = invert(scaled, k);
  if (!inv || inv.some((v) => !Number.isFinite(v))) return { se, ok: false };
  let ok = true;
  for (let j = 0; j < k; j++) {
    let v = 0;
    if (!A) v = inv[j * k + j]!;
    else for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) v += A[a * k + j]! * inv[a * k + b]! * A[b * k + j]!;
    if (v >= 0) se[j] = Math.sqrt(v);
    else ok = false;
  }
  return { se, ok };
}

/** R's final sigma2 = ssq / n.used from the exact filter at the estimates. */
function sigma2At(prob: Problem, coef: Float64Array): number {
  const sys = buildSystem(prob.s, coef, true, prob.sp);
  const w = workingSeries(prob, coef, new Float64Array(prob.dy.length));
  return likelihoodParts(prob, sys, w).ssq / prob.nUsed;
}
