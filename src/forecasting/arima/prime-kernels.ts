/**
 * The CSS residuals, their Jacobian and the exact likelihood's steady phase are unrolled for AR and MA
 * orders up to 5 (css.ts, css-jacobian.ts, fast-filter.ts): one branch per lag. V8 compiles such a loop
 * with the type feedback of the branches that have run, and the first time an order runs that had not,
 * the optimised code is thrown away (`--trace-deopt`: "Insufficient type feedback", or "wrong map" for
 * an empty list of regression columns where it had seen one column) and rebuilt. The warm-up's short
 * series rarely make the search try p or q of 4 or 5, so the first long fit after it still deoptimised
 * these functions 8–20 times (bench:engine's daily and half-hourly mstl ARIMA), in the middle of passes
 * over 60,000 values. Evaluating every order once on a short series gives each branch its feedback
 * (~30 ms on a cold thread); afterwards, in five of six traced runs, the same fits deoptimised none
 * of them (in the sixth, fastFilter three times).
 */
import { cssObjective, cssResiduals, mlObjective, mlResiduals, narmaOf, prepare } from './problem.ts';
import type { Structure } from './structure.ts';

/** The highest AR and MA order the kernels unroll (css.ts, fast-filter.ts): auto_arima's default maxp, maxq. */
const MAX_ORDER = 5;

/**
 * Runs CSS and exact-likelihood evaluations for every non-seasonal order p, q <= 5, with a mean and
 * without (an empty list of regression columns and a list of one are different shapes to V8: code
 * that has seen one deoptimises on the other, "wrong map"), on `x`, a short stationary series (the
 * warm-up's). Answers how many orders ran and how many of them gave finite values throughout, so a
 * test can check that none failed.
 */
export function primeArimaKernels(x: Float64Array): { orders: number; finite: number } {
  let orders = 0;
  let finite = 0;
  for (const reg of ['intercept', 'none'] as const) {
    for (let p = 0; p <= MAX_ORDER; p++) {
      for (let q = 0; q <= MAX_ORDER; q++) {
        const s: Structure = { p, d: 0, q, P: 0, D: 0, Q: 0, m: 1, reg };
        const prob = prepare(s, x);
        // Small coefficients: stationary AR (in the optimiser's space any values are), invertible MA.
        const par = new Float64Array(narmaOf(s) + prob.dX.length);
        for (let j = 0; j < p; j++) par[j] = 0.3 / (j + 1);
        for (let j = 0; j < q; j++) par[p + j] = 0.2 / (j + 1);
        // Any finite mean runs the same branches; the first value is near the series' level.
        if (reg === 'intercept') par[p + q] = x[0]!;
        const css = cssResiduals(prob);
        const r = new Float64Array(css.nres);
        let ok = css.fn(par, r);
        if (css.jacobian) ok = css.jacobian(par, r, new Float64Array(css.nres * par.length)) && ok;
        ok = Number.isFinite(cssObjective(prob)(par)) && ok;
        const ml = mlResiduals(prob, true);
        ok = ml.fn(par, new Float64Array(ml.nres)) && ok;
        ok = Number.isFinite(mlObjective(prob, true)(par)) && ok;
        orders++;
        if (ok) finite++;
      }
    }
  }
  return { orders, finite };
}
