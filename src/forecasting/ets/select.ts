/** Model selection by AICc over the candidate structures, as R's ets() loop does it. */
import { EngineError, unfittable } from '../errors.ts';
import type { FitContext } from '../types.ts';
import { estimate, MAX_OPTIMISED_PERIOD, type SearchContext } from './estimate.ts';
import { filterFromInit, type EtsParams } from './params.ts';
import { candidates, type EtsSpec, type Structure } from './model-code.ts';

export interface Criteria {
  /** R's −2·loglik without constants: n·log(SSE) + 2Σlog|f|. */
  lik: number;
  loglik: number;
  aic: number;
  aicc: number;
  bic: number;
  sigma2: number;
}

/** R counts σ² as one more parameter in the criteria but not in σ²'s own denominator. */
export function criteria(p: EtsParams): Criteria {
  const lik = p.nObs * Math.log(p.sse) + (p.structure.error === 'M' ? 2 * p.sumLogF : 0);
  const np = p.npar + 1;
  const aic = lik + 2 * np;
  const denom = p.nObs - np - 1;
  return {
    lik,
    loglik: -0.5 * lik,
    aic,
    aicc: denom > 0 ? aic + (2 * np * (np + 1)) / denom : Infinity,
    bic: lik + Math.log(p.nObs) * np,
    sigma2: p.nObs > p.npar ? p.sse / (p.nObs - p.npar) : NaN,
  };
}

export interface SeriesFacts {
  nObs: number;
  positive: boolean;
  constant: boolean;
  scale: number;
}

export function seriesFacts(y: Float64Array): SeriesFacts {
  let nObs = 0;
  let positive = true;
  let first = NaN;
  let constant = true;
  let absSum = 0;
  for (let i = 0; i < y.length; i++) {
    const v = y[i]!;
    if (v !== v) continue;
    if (nObs === 0) first = v;
    else if (v !== first) constant = false;
    nObs++;
    absSum += Math.abs(v);
    if (!(v > 0)) positive = false;
  }
  return { nObs, positive, constant, scale: nObs ? absSum / nObs || 1 : 1 };
}

/** The candidates for this spec and series, or the reason there are none. */
export function candidatesOrThrow(y: Float64Array, spec: EtsSpec): Structure[] {
  const facts = seriesFacts(y);
  if (facts.nObs === 0) throw unfittable('every value is missing');
  const needsPositive = spec.model[0] === 'M' || spec.model[1] === 'M' || spec.model[2] === 'M';
  if (needsPositive && !facts.positive) {
    throw unfittable(`model '${spec.model}' has a multiplicative component, which needs strictly positive data`);
  }
  const s = spec.model[2];
  if ((s === 'A' || s === 'M') && facts.nObs <= spec.period) {
    throw unfittable(`a seasonal model needs more than one full period (${spec.period}) of observations; got ${facts.nObs}`);
  }
  const list = candidates(spec, facts.nObs, facts.positive);
  if (list.length === 0) {
    throw unfittable(`too few observations (${facts.nObs}) for ETS '${spec.model}': R needs more than the number of parameters + 4`);
  }
  return list;
}

/** A constant series: R returns simple exponential smoothing with α ≈ 1 and no estimation. */
function constantModel(y: Float64Array, facts: SeriesFacts): EtsParams {
  let level = NaN;
  for (let i = 0; i < y.length && level !== level; i++) level = y[i]!;
  const s: Structure = { error: 'A', trend: 'N', season: 'N', damped: false, m: 1 };
  const init = { level, slope: 0, seas: [] };
  const p = { alpha: 0.9999, beta: 0, gamma: 0, phi: 1 };
  const run = filterFromInit(y, s, p, init, null);
  return { structure: s, ...p, init, last: run.last, sse: 0, sumLogF: 0, nObs: facts.nObs, npar: 2 };
}

/**
 * Series longer than this choose their structure on their last SEARCH_WINDOW values, as auto_arima's
 * search does: each likelihood costs a pass over the series and the search makes some 3,000 of them,
 * while AICc differences between structures on 10,000 values are already decisive. The chosen
 * structure is then estimated on the whole series from the window's smoothing parameters (one short
 * Nelder–Mead run, no alternative starts), so its states and likelihood are the whole series'. At
 * n = 60,000 the search took 400–470 ms of a 0.5–0.7 s mstl fit (docs/benchmarks.md).
 */
export const SEARCH_WINDOW = 10_000;

export function selectModel(y: Float64Array, spec: EtsSpec, ctx: FitContext): EtsParams {
  const list = candidatesOrThrow(y, spec);
  const facts = seriesFacts(y);
  if (facts.constant && spec.model === 'ZZZ') return constantModel(y, facts);
  const best = y.length > SEARCH_WINDOW ? windowedSelect(y, list, spec, facts, ctx) : searchStructures(y, list, spec, facts, ctx);
  if (!best) throw new EngineError('MODELAPI_ERR_FIT_FAILED', 'no ETS model could be fitted: the optimiser found no admissible parameters');
  return best;
}

/**
 * The structure chosen on the last SEARCH_WINDOW values, estimated on the whole series.
 *
 * When the candidates are all non-seasonal (every ETS fit of `mstl`, on its seasonally adjusted series),
 * the window search starts each candidate from the best optimum found before it (warm-start-search.ts)
 * instead of from two cold starts. The trend-free candidates, run first, converge in 40–120
 * evaluations; from cold starts the trended ones took 430–660 each, 85–90% of the search, and from the
 * warm start 120–250. Measured with bench/ets-window-search.ts on 41 series of 12,000–40,000 values
 * (simulated ETS processes of every non-seasonal structure, random walks, AR(1), trend plus AR, and the
 * dev series tiled with noise and a drift): the same structure chosen on all 41, the fits took 1.37 s
 * instead of 3.22 s in all, and the whole-series AICc moved by −0.42 to +0.01 on 40 of them. On the
 * 41st (UKgas tiled, ETS(M,Ad,N) with φ at its bound) it rose by 16.5 in 391,000, where the
 * multi-start fit of that structure on the whole series ends 70 higher still: a flat ridge, on which
 * where Nelder–Mead stops depends on where it starts (docs/benchmarks.md, "2026-12-06: warm starts
 * for long non-seasonal series"). Seasonal candidates with m ≤ MAX_OPTIMISED_PERIOD keep the
 * multi-start search: the warm-started one holds the seasonal states at their decomposition values,
 * and up to that period R optimises them.
 */
function windowedSelect(y: Float64Array, list: Structure[], spec: EtsSpec, facts: SeriesFacts, ctx: FitContext): EtsParams | null {
  const tail = y.subarray(y.length - SEARCH_WINDOW);
  const tailFacts = seriesFacts(tail);
  const warm = list.every((s) => s.season === 'N');
  // A window that is mostly gaps, or constant, says too little: the whole series is searched then.
  const onTail = tailFacts.nObs >= SEARCH_WINDOW / 2 && !tailFacts.constant ? searchStructures(tail, list, spec, tailFacts, ctx, warm) : null;
  if (!onTail) return searchStructures(y, list, spec, facts, ctx);
  ctx.checkpoint?.();
  const whole = estimate(y, onTail.structure, facts.scale, { bestIc: Infinity, nObs: facts.nObs, start: onTail });
  return whole ? { ...whole, searchedLast: SEARCH_WINDOW } : searchStructures(y, list, spec, facts, ctx);
}

/**
 * AICc a candidate's unpolished fit may trail the best fit so far and still be polished (plus 1e-4 of
 * the criterion for long series). Measured on 300 bench:scale series and the dev series with the
 * full-dimensional run at FULL_RUN_RELTOL: polishing gained at most 3.9 in AICc (p99 1.2), and of 1,578
 * polished candidates the one that overtook the best from furthest behind trailed it by 2.1; so a
 * candidate more than 5 behind cannot overtake it. At 5 rather than 10 the search polishes about half as
 * many candidates (a sixth fewer Nelder–Mead evaluations in all) and chose the same model with the same
 * AICc on all 648 fits of two seeds' 300 series and the 24 dev series of period ≤ 24 (docs/benchmarks.md).
 */
export const DEFERRED_POLISH_SLACK = 5;

/**
 * Every candidate estimated, the lowest AICc kept (R's ets() loop); null when none could be fitted.
 * Candidates are polished afterwards, only those that can still win. `windowWarm`: the caller is the
 * window search of a long series with non-seasonal candidates only (see windowedSelect).
 */
function searchStructures(y: Float64Array, list: Structure[], spec: EtsSpec, facts: SeriesFacts, ctx: FitContext, windowWarm = false): EtsParams | null {
  let best: EtsParams | null = null;
  let bestIc = Infinity;
  const longSeason = spec.period > MAX_OPTIMISED_PERIOD && list.some((s) => s.season !== 'N');
  const warmSearch = longSeason || windowWarm;
  const search: SearchContext = { bestIc, nObs: facts.nObs, heuristics: new Map(), figures: new Map(), warmSearch, warm: warmSearch ? { seasonal: null, plain: null } : undefined };
  // Warm-started search: the seasonal candidates first, so the non-seasonal ones already have a best
  // AICc to be measured against and can be abandoned early (warm-start-search.ts); in each group those
  // without a trend first (R's order otherwise), so the best AICc is low before the trended ones run
  // and the trended ones that trail it by far are abandoned after a few evaluations, and so the trended
  // ones start from the trend-free optimum. On taylor the trend-free seasonal fits are also the ones
  // each later candidate's warm start came from, so the order changes no fit that is completed.
  const order = warmSearch
    ? [
        ...list.filter((s) => s.season !== 'N' && s.trend === 'N'),
        ...list.filter((s) => s.season !== 'N' && s.trend !== 'N'),
        ...list.filter((s) => s.season === 'N' && s.trend === 'N'),
        ...list.filter((s) => s.season === 'N' && s.trend !== 'N'),
      ]
    : list;
  // The candidates estimate() returned unpolished, with their polish (see SearchContext).
  const unpolished: { fit: EtsParams; ic: number; polish: () => EtsParams | null }[] = [];
  for (const s of order) {
    ctx.checkpoint?.();
    search.bestIc = bestIc;
    const fit = estimate(y, s, facts.scale, search);
    if (!fit) continue;
    const ic = criteria(fit).aicc;
    if (search.deferredPolish) unpolished.push({ fit, ic, polish: search.deferredPolish });
    if (ic < bestIc) {
      best = fit;
      bestIc = ic;
    }
  }
  // Polish in order of AICc while a candidate is close enough to the best to overtake it. A warm-started
  // search defers only its first candidate's polish, run only if that candidate wins (slack 0).
  const slack = warmSearch ? 0 : DEFERRED_POLISH_SLACK + 1e-4 * Math.abs(bestIc);
  unpolished.sort((a, b) => a.ic - b.ic);
  for (const c of unpolished) {
    if (!(c.ic <= bestIc + slack)) break;
    ctx.checkpoint?.();
    const polished = c.polish();
    const ic = polished ? criteria(polished).aicc : Infinity;
    if (ic < bestIc) {
      best = polished;
      bestIc = ic;
    }
  }
  return best;
}
