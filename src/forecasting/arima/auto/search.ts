/**
 * auto.arima's driver: choose D (seasonal strength) and d (KPSS), bound the orders by the series
 * length, compute the CSS offset, run the stepwise search, and under the approximation refit the
 * candidates by CSS-ML in order of their approximate AICc until one is acceptable.
 */
import { FitFailure, fitCssMl, type Estimate } from '../fit.ts';
import { narmaOf, prepare } from '../problem.ts';
import { difference, type Structure } from '../structure.ts';
import { noCandidate, scoreModel, withXreg, type Candidate, type SearchContext } from './candidate.ts';
import { ncoef } from '../structure.ts';
import { olsResiduals } from './ols-residuals.ts';
import { isConstant, ndiffs } from './kpss.ts';
import { nsdiffs } from '../../season/seasonal-strength.ts';
import { stepwise } from './stepwise.ts';
import type { AutoArimaSpec } from './kind.ts';
import { unfittable } from '../../errors.ts';
import { countObserved, observedValues } from '../../stats.ts';

/**
 * Under the approximation, series longer than this are searched on their last SEARCH_WINDOW values:
 * the stepwise search's CSS fits then cost what they cost at this length, and AICc differences
 * between orders on 10,000 values are already decisive. The differencing tests and the CSS-ML refit
 * of the chosen order use the whole series. Measured at n = 60,000 (docs/benchmarks.md, bench:engine's
 * long seasons): the search on the whole series spent most of its time in ~30 CSS fits of 60,000
 * residuals each.
 */
export const SEARCH_WINDOW = 10_000;

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
  /** Values the stepwise search scored on (the last ones): all of x unless the series is long. */
  searched: number;
  aicc?: number;
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
  // The series the differencing tests see: y itself, or its regression residuals.
  const tested = xr ? olsResiduals(x, xr.cols) : x;
  const n = countObserved(y.subarray(first, last + 1));
  const obs = observedValues(x);
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
    if (D > 0 && countObserved(difference(tested, 0, D, m)) === 0) D--;
  }
  let dx = D > 0 ? difference(tested, 0, D, m) : tested;
  let d = spec.d ?? ndiffs(dx, spec.maxd);
  if (spec.d === null && d > 0 && countObserved(difference(dx, d, 0, 1)) === 0) d--;
  if (d > 0) dx = difference(dx, d, 0, 1);
  const dobs = observedValues(dx);
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
  // Long series: the search scores candidates on the last SEARCH_WINDOW values only (see there); the
  // refit by CSS-ML below, which decides, always runs on the whole series.
  const windowed = approximation && x.length > SEARCH_WINDOW;
  const xs = windowed ? x.subarray(x.length - SEARCH_WINDOW) : x;
  const xrs = xr && windowed ? { names: xr.names, cols: xr.cols.map((c) => c.subarray(c.length - SEARCH_WINDOW)) } : xr;
  const ns = windowed ? countObserved(xs) : n;
  let offset = 0;
  if (approximation) {
    try {
      const base: Structure = withXreg({ xreg: xrs }, { p: 0, d, q: 0, P: 0, D, Q: 0, m, reg: d + D === 0 ? 'intercept' : 'none' });
      const est = fitCssMl(prepare(base, xs, xrs?.cols ?? []), { checkpoint });
      offset = -2 * est.loglik - ns * Math.log(est.sigma2);
    } catch (err) {
      if (!(err instanceof FitFailure) && !(err instanceof Error && /finite|singular/.test(err.message))) throw err;
    }
  }
  const ctx: SearchContext = { x, n, approximation, offset, checkpoint, ...(xr ? { xreg: xr } : {}) };
  const searched: SearchContext = windowed ? { ...ctx, x: xs, n: ns, ...(xrs ? { xreg: xrs } : {}) } : ctx;
  const { best: found, tried } = stepwise(searched, d, D, m, { maxp, maxq, maxP, maxQ }, d + D <= 1);
  let best = found;
  if (approximation) {
    // By unchecked AICc (a stable sort, so the checked survivors keep the order sorting them alone
    // gives); each is checked only when its turn comes.
    const order = tried.filter((c) => Number.isFinite(c.pre)).sort((a, b) => a.pre - b.pre);
    best = noCandidate(found.s);
    for (const cand of order) {
      if (!Number.isFinite(cand.ic)) continue;
      // A window's CSS estimate starts the whole series' CSS stage near its optimum: at n = 60,000
      // that stage then takes 3-5 iterations instead of 14-26 (the same estimates; docs/benchmarks.md).
      // Unwindowed, the refit runs exactly as R's, from zeros.
      const css = windowed ? cand.est!.coef.subarray(0, narmaOf(cand.s)) : undefined;
      const refit = scoreModel(ctx, cand.s, false, { css });
      if (refit.ic < Infinity) {
        best = refit;
        break;
      }
    }
  }
  return { ...outcomeOf(ctx, best, tried.length), searched: xs.length };
}

/** The search's answer from its best candidate, scored on ctx's series (not a window of it). */
export function outcomeOf(ctx: SearchContext, best: Candidate, tried: number): SearchOutcome {
  if (!best.est || !Number.isFinite(best.ic)) throw new FitFailure('no suitable ARIMA model found');
  const s = best.s;
  const xcols = ctx.xreg?.cols ?? [];
  const prob = prepare(s, ctx.x, xcols);
  const nstar = ctx.n - s.d - s.D * s.m;
  const npar = ncoef(s) + 1;
  const ssq = best.est.sigma2 * prob.nUsed;
  return {
    s,
    x: ctx.x,
    xcols,
    coef: best.est.coef,
    sigma2: ssq / (nstar - npar + 1),
    est: best.est,
    nUsed: prob.nUsed,
    tried,
    approximation: ctx.approximation,
    searched: ctx.x.length,
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
  return { s, x, xcols: [], coef: Float64Array.from(coef), sigma2: k ? ssq / k : 0, est: null, nUsed: prob.nUsed, tried: 0, approximation: false, searched: x.length };
}
