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
import { ncoef, type Structure } from '../structure.ts';

export interface Candidate {
  s: Structure;
  /**
   * AICc before the root and variance checks (Infinity when the fit failed): a lower bound on `ic`'s
   * rank, so a candidate with pre >= the best ic needs neither check.
   */
  pre: number;
  /** AICc after all checks (Infinity when rejected); computed on first read. */
  readonly ic: number;
  est: Estimate | null;
}

/** A candidate whose `ic` runs the root and Hessian checks only when it is read. */
function candidate(s: Structure, pre: number, est: Estimate | null): Candidate {
  let ic: number | undefined;
  return {
    s,
    pre,
    est,
    get ic() {
      // Roots first: they are cheap, and a rejected root spares the Hessian.
      if (ic === undefined) ic = !Number.isFinite(pre) || minRoot(s, est!.coef) < 1.01 || !est!.varOk ? Infinity : pre;
      return ic;
    },
  };
}

/** The rejected placeholder. */
export function noCandidate(s: Structure): Candidate {
  return candidate(s, Infinity, null);
}

/** c.ic < best.ic, checking c only when its unchecked AICc could win (the same answer, cheaper). */
export function improves(c: Candidate, best: Candidate): boolean {
  return c.pre < best.ic && c.ic < best.ic;
}

export interface SearchContext {
  x: Float64Array;
  /** Non-missing observations (R's serieslength). */
  n: number;
  approximation: boolean;
  offset: number;
  checkpoint?: () => void;
  /** External regressors aligned with x (regression with ARIMA errors); none when absent. */
  xreg?: { names: string[]; cols: Float64Array[] };
}

/** The candidate's structure with the search's regressors attached. */
export function withXreg(ctx: { xreg?: { names: string[] } }, s: Structure): Structure {
  return ctx.xreg?.names.length ? { ...s, xreg: ctx.xreg.names } : s;
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

/**
 * `start.arma`: ARMA coefficients to start from (fit.ts), for a model near one already fitted;
 * `start.css`: ARMA coefficients the CSS-ML fit's CSS stage starts from (fitCssMl's `cssStart`).
 */
export function scoreModel(
  ctx: SearchContext,
  bare: Structure,
  approximation: boolean,
  start: { arma?: ArrayLike<number>; css?: ArrayLike<number> } = {},
): Candidate {
  const s = withXreg(ctx, bare);
  const prob = prepare(s, ctx.x, ctx.xreg?.cols);
  const nstar = ctx.n - s.d - s.D * s.m;
  const npar = ncoef(s) + 1;
  let est: Estimate;
  try {
    est = approximation
      ? fitCss(prob, ctx.checkpoint, start.arma)
      : fitCssMl(prob, { strict: true, checkpoint: ctx.checkpoint, armaStart: start.arma, cssStart: start.css, abandonAtUnitMa: true });
  } catch (err) {
    if (ctx.checkpoint && isAbort(err)) throw err;
    return noCandidate(s);
  }
  const aic = approximation ? ctx.offset + nstar * Math.log(est.sigma2) + 2 * npar : -2 * est.loglik + 2 * npar;
  let ic = nstar - npar - 1 > 0 ? aic + (2 * npar * (npar + 1)) / (nstar - npar - 1) : Infinity;
  if (!Number.isFinite(ic)) ic = Infinity;
  return candidate(s, ic, est);
}

/** Errors thrown by the caller's checkpoint are marked so the search does not swallow them. */
export class SearchAborted extends Error {}
function isAbort(err: unknown): boolean {
  return err instanceof SearchAborted;
}
