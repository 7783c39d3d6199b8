/**
 * The exact-likelihood objective's Hessian for a regression with ARMA errors, with the regression
 * coefficients' part computed rather than differenced. At fixed ARMA coefficients the filter is linear
 * in its data, so the standardised innovations of dy - dX beta are e = e0 - Z beta, Z holding the
 * innovations of each regression column, and the objective 0.5 log(ssq / nu) + (terms free of beta)
 * has, with ssq = e'e,
 *   d/d beta = -Z'e / ssq,   d2/d beta2 = Z'Z / ssq - 2 (Z'e)(Z'e)' / ssq^2   (exact),
 * and the ARMA-by-regression block is the forward difference of that gradient along each ARMA
 * coefficient. Central differences cut that block's error against plain second differences from
 * ~7e-4 to ~1.4e-4 relative on the test's case, at twice the cost; the standard errors compared with
 * R's (test/regressors) agree either way. The ARMA block is numericHessian's, as before. For k
 * regression columns and p ARMA coefficients this costs (p + 1)(k + 1) + 2p^2 filter passes instead
 * of 1 + 2(p + k)^2: at n = 60,000 with 21 regression columns and ARMA(4,3) errors, 0.55-0.60 s where
 * the plain numeric Hessian took 2.0 s. Fully observed series only (the fast filter); others keep the
 * plain numeric Hessian.
 */
import { fastFilter } from './likelihood/fast-filter.ts';
import { numericHessian } from './optim.ts';
import { narmaOf, undoTransform, workingSeries, type Problem } from './problem.ts';
import { mlSystem } from './likelihood/system.ts';

/** `par` in the optimiser's space (AR blocks transformed), as `fn` takes it. */
export function mlHessian(prob: Problem, fn: (par: Float64Array) => number, par: Float64Array, parscale: ArrayLike<number>, ndeps = 1e-3): Float64Array {
  const p = narmaOf(prob.s);
  const k = prob.dX.length;
  if (k < 2 || prob.hasNaN) return numericHessian(fn, par, parscale, ndeps);
  const np = p + k;
  const H = new Float64Array(np * np);
  const x = Float64Array.from(par);
  const armaBlock = numericHessian(
    (theta) => {
      x.set(par);
      x.set(theta, 0);
      return fn(x);
    },
    par.subarray(0, p),
    Array.from({ length: p }, (_, i) => parscale[i]!),
    ndeps,
  );
  for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) H[i * np + j] = armaBlock[i * p + j]!;
  const at = betaDerivatives(prob, par, true);
  for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) H[(p + a) * np + p + b] = at.hessian[a * k + b]!;
  const shifted = Float64Array.from(par);
  for (let i = 0; i < p; i++) {
    const h = ndeps * parscale[i]!;
    shifted.set(par);
    shifted[i]! += h;
    const up = betaDerivatives(prob, shifted).gradient;
    for (let a = 0; a < k; a++) {
      const v = (up[a]! - at.gradient[a]!) / h;
      H[i * np + p + a] = v;
      H[(p + a) * np + i] = v;
    }
  }
  return H;
}

/**
 * The objective's gradient in the regression coefficients at optimiser parameters `par`, and its
 * Hessian there when `withHessian` (only the centre needs it; the shifted points need the gradient).
 */
function betaDerivatives(prob: Problem, par: Float64Array, withHessian = false): { gradient: Float64Array; hessian: Float64Array } {
  const k = prob.dX.length;
  const n = prob.dy.length;
  const coef = undoTransform(prob.s, par);
  const sys = mlSystem(prob.s, prob.sp).set(coef);
  const e = new Float64Array(n);
  fastFilter(sys, workingSeries(prob, coef, new Float64Array(n)), false, e);
  let ssq = 0;
  for (let t = 0; t < n; t++) ssq += e[t]! * e[t]!;
  const Z: Float64Array[] = [];
  const ze = new Float64Array(k);
  for (let a = 0; a < k; a++) {
    const z = new Float64Array(n);
    fastFilter(sys, prob.dX[a]!, false, z);
    let v = 0;
    for (let t = 0; t < n; t++) v += z[t]! * e[t]!;
    ze[a] = v;
    if (withHessian) Z.push(z);
  }
  const gradient = Float64Array.from(ze, (v) => -v / ssq);
  const hessian = new Float64Array(withHessian ? k * k : 0);
  for (let a = 0; a < Z.length; a++) {
    for (let b = 0; b <= a; b++) {
      let zz = 0;
      const za = Z[a]!;
      const zb = Z[b]!;
      for (let t = 0; t < n; t++) zz += za[t]! * zb[t]!;
      const v = zz / ssq - (2 * ze[a]! * ze[b]!) / (ssq * ssq);
      hessian[a * k + b] = v;
      hessian[b * k + a] = v;
    }
  }
  return { gradient, hessian };
}
