/**
 * auto.arima's driver: choose D (seasonal strength) and d (KPSS), bound the orders by the series
 * length, compute the CSS offset, run the stepwise search, and under the approximation refit the
 * candidates by CSS-ML in order of their approximate AICc until one is acceptable.
 */
import { FitFailure, fitCssMl, type Estimate } from '../fit.ts';
import { prepare } from '../problem.ts';
import { difference, type Structure } from '../structure.ts';
import { noCandidate, scoreModel, withXreg, type SearchContext } from './candidate.ts';
import { ncoef } from '../structure.ts';
import { olsResiduals } from './ols-residuals.ts';
import { isConstant, ndiffs } from './kpss.ts';
import { nsdiffs } from '../../season/seasonal-strength.ts';
import { stepwise } from './stepwise.ts';
import type { AutoArimaSpec } from './kind.ts';
import { unfittable } from '../../errors.ts';

export interface SearchOutcome {
  s: Structure;
  x: Float64Array;
  /** The regressor columns aligned with x (trimmed as x is). */
  xcols: Float64Array[];
  coef: Float64Array;
  /** forecast's unbiased residual variance ssq / (nstar - npar + 1), used for intervals. */
  sigma2: number;
  est: Estimate | null;
  nUsed: number;
  tried: number;
  approximation: boolean;
  aicc?: number;
}

function observed(x: ArrayLike<number>): number[] {
  return Array.from(x).filter((v) => !Number.isNaN(v));
}

/**
 * `xreg`: external regressors aligned with y. As auto.arima does with xreg, the differencing tests
 * run on the residuals of a least-squares regression of y on them, and every candidate is a
 * regression with ARIMA errors; the constant-series shortcuts do not apply.
 */
export function searchArima(y: Float64Array, spec: AutoArimaSpec, checkpoint?: () => void, xreg?: { names: string[]; cols: Float64Array[] }): SearchOutcome {
  let first = 0;
  while (first < y.length && Number.isNaN(y[first]!)) first++;
  let last = y.length - 1;
  while (last >= 0 && Number.isNaN(y[last]!)) last--;
  const x = y.slice(first);
  const xr = xreg?.names.length ? { names: xreg.names, cols: xreg.cols.map((c) => c.slice(first)) } : undefined;
  const xcols = xr?.cols ?? [];
  // The series the differencing tests see: y itself, or its regression residuals.
  const tested = xr ? olsResiduals(x, xr.cols) : x;
  const n = observed(y.subarray(first, last + 1)).length;
  const obs = observed(x);
  const m = spec.period;
  if (!xr && isConstant(obs)) {
    const mean = obs.reduce((a, b) => a + b, 0) / obs.length;
    return fixedModel(x, { p: 0, d: 0, q: 0, P: 0, D: 0, Q: 0, m: 1, reg: 'intercept' }, [mean]);
  }
  let maxp = Math.min(spec.maxp, Math.floor(n / 3));
  let maxq = Math.min(spec.maxq, Math.floor(n / 3));
  let maxP = Math.min(spec.maxP, Math.floor(n / 3 / m));
  let maxQ = Math.min(spec.maxQ, Math.floor(n / 3 / m));
  let D: number;
  if (m === 1) {
    D = 0;
    maxP = maxQ = 0;
  } else if (spec.D !== null) {
    D = spec.D;
  } else if (x.length <= 2 * m) {
    D = 0;
  } else {
    D = nsdiffs(tested, m, spec.maxD);
    if (D > 0 && observed(difference(tested, 0, D, m)).length === 0) D--;
  }
  let dx = D > 0 ? difference(tested, 0, D, m) : tested;
  let d = spec.d ?? ndiffs(dx, spec.maxd);
  if (spec.d === null && d > 0 && observed(difference(dx, d, 0, 1)).length === 0) d--;
  if (d > 0) dx = difference(dx, d, 0, 1);
  const dobs = observed(dx);
  if (dobs.length === 0) throw unfittable('not enough data to proceed after differencing');
  if (!xr && isConstant(dobs)) {
    const mean = dobs.reduce((a, b) => a + b, 0) / dobs.length;
    const sm = m > 1 && D > 0 ? m : 1;
    if (D > 0 && d === 0) return fixedModel(x, { p: 0, d, q: 0, P: 0, D, Q: 0, m: sm, reg: 'drift' }, [mean / m]);
    if (D > 0 || d === 2) return fixedModel(x, { p: 0, d, q: 0, P: 0, D, Q: 0, m: sm, reg: 'none' }, []);
    return fixedModel(x, { p: 0, d, q: 0, P: 0, D: 0, Q: 0, m: 1, reg: d === 0 ? 'intercept' : 'drift' }, [mean]);
  }
  if (m > 1) {
    if (maxP > 0) maxp = Math.min(maxp, m - 1);
    if (maxQ > 0) maxq = Math.min(maxq, m - 1);
  }
  const approximation = spec.approximation ?? (x.length > 150 || m > 12);
  let offset = 0;
  if (approximation) {
    try {
      const base: Structure = withXreg({ xreg: xr }, { p: 0, d, q: 0, P: 0, D, Q: 0, m, reg: d + D === 0 ? 'intercept' : 'none' });
      const est = fitCssMl(prepare(base, x, xcols), { checkpoint });
      offset = -2 * est.loglik - n * Math.log(est.sigma2);
    } catch (err) {
      if (!(err instanceof FitFailure) && !(err instanceof Error && /finite|singular/.test(err.message))) throw err;
    }
  }
  const ctx: SearchContext = { x, n, approximation, offset, checkpoint, ...(xr ? { xreg: xr } : {}) };
  const { best: found, tried } = stepwise(ctx, d, D, m, { maxp, maxq, maxP, maxQ }, d + D <= 1);
  let best = found;
  if (approximation) {
    // By unchecked AICc (a stable sort, so the checked survivors keep the order sorting them alone
    // gives); each is checked only when its turn comes.
    const order = tried.filter((c) => Number.isFinite(c.pre)).sort((a, b) => a.pre - b.pre);
    best = noCandidate(found.s);
    for (const cand of order) {
      if (!Number.isFinite(cand.ic)) continue;
      const refit = scoreModel(ctx, cand.s, false);
      if (refit.ic < Infinity) {
        best = refit;
        break;
      }
    }
  }
  if (!best.est || !Number.isFinite(best.ic)) throw new FitFailure('no suitable ARIMA model found');
  const s = best.s;
  const prob = prepare(s, x, xcols);
  const nstar = n - s.d - s.D * s.m;
  const npar = ncoef(s) + 1;
  const ssq = best.est.sigma2 * prob.nUsed;
  return {
    s,
    x,
    xcols,
    coef: best.est.coef,
    sigma2: ssq / (nstar - npar + 1),
    est: best.est,
    nUsed: prob.nUsed,
    tried: tried.length,
    approximation,
    aicc: best.ic,
  };
}

/** A model with no free parameters left (constant or polynomial data): residual variance only. */
function fixedModel(x: Float64Array, s: Structure, coef: number[]): SearchOutcome {
  const prob = prepare(s, x);
  let ssq = 0;
  let k = 0;
  const beta = coef.length ? coef[0]! : 0;
  for (let i = 0; i < prob.dy.length; i++) {
    const v = prob.dy[i]!;
    if (Number.isNaN(v)) continue;
    const w = v - (prob.dX.length ? beta * prob.dX[0]![i]! : 0);
    ssq += w * w;
    k++;
  }
  return { s, x, xcols: [], coef: Float64Array.from(coef), sigma2: k ? ssq / k : 0, est: null, nUsed: prob.nUsed, tried: 0, approximation: false };
}
