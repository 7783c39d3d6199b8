/**
 * One model of the search, fitted and scored as forecast's myarima: CSS with the offset-corrected
 * AIC under the approximation, CSS-ML otherwise; AICc on nstar = n - d - D*m; rejected (Infinity)
 * when estimation fails, the Hessian gives no variances, or an AR/MA root lies within 1.01 of the
 * unit circle. Roots of phi(z)Phi(z^m) are those of phi and the m-th roots of Phi's, so the two
 * factors are checked separately instead of a degree-(p + mP) polynomial.
 */
import { fitCss, fitCssMl, type Estimate } from '../fit.ts';
import { prepare } from '../problem.ts';
import { minRootModulus } from '../roots.ts';
import type { Structure } from '../structure.ts';

export interface Candidate {
  s: Structure;
  ic: number;
  est: Estimate | null;
}

export interface SearchContext {
  x: Float64Array;
  /** Non-missing observations (R's serieslength). */
  n: number;
  approximation: boolean;
  offset: number;
  checkpoint?: () => void;
}

export function minRoot(s: Structure, coef: ArrayLike<number>): number {
  const slice = (from: number, len: number) => Array.from({ length: len }, (_, i) => coef[from + i]!);
  let best = Infinity;
  const m = s.m;
  best = Math.min(best, minRootModulus(slice(0, s.p), -1));
  best = Math.min(best, Math.pow(minRootModulus(slice(s.p + s.q, s.P), -1), 1 / m));
  best = Math.min(best, minRootModulus(slice(s.p, s.q), 1));
  best = Math.min(best, Math.pow(minRootModulus(slice(s.p + s.q + s.P, s.Q), 1), 1 / m));
  return best;
}

export function scoreModel(ctx: SearchContext, s: Structure, approximation: boolean): Candidate {
  const prob = prepare(s, ctx.x);
  const nstar = ctx.n - s.d - s.D * s.m;
  const npar = s.p + s.q + s.P + s.Q + (s.reg === 'none' ? 0 : 1) + 1;
  let est: Estimate;
  try {
    est = approximation ? fitCss(prob, ctx.checkpoint) : fitCssMl(prob, { strict: true, checkpoint: ctx.checkpoint });
  } catch (err) {
    if (ctx.checkpoint && isAbort(err)) throw err;
    return { s, ic: Infinity, est: null };
  }
  const aic = approximation ? ctx.offset + nstar * Math.log(est.sigma2) + 2 * npar : -2 * est.loglik + 2 * npar;
  let ic = nstar - npar - 1 > 0 ? aic + (2 * npar * (npar + 1)) / (nstar - npar - 1) : Infinity;
  if (!Number.isFinite(ic)) ic = Infinity;
  if (!est.varOk || minRoot(s, est.coef) < 1.01) ic = Infinity;
  return { s, ic, est };
}

/** Errors thrown by the caller's checkpoint are marked so the search does not swallow them. */
export class SearchAborted extends Error {}
function isAbort(err: unknown): boolean {
  return err instanceof SearchAborted;
}
