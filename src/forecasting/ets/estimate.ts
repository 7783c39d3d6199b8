/**
 * Maximum-likelihood estimation of one ETS structure (R's etsmodel with opt.crit = "lik",
 * bounds = "both"): Nelder–Mead over the smoothing parameters and the initial states, from R's
 * starting values (initparam, initstate).
 */
import { inRegion } from './admissible.ts';
import { codesOf, Kind, likelihood, type Smoothing, type State } from './filter.ts';
import { hasMissing, RAW_OUT, rawFilter } from './filter-fast.ts';
import { initStates, type InitState } from './init-states.ts';
import { parameterCount, type Structure } from './model-code.ts';
import { nelderMead, type NmResult } from './nelder-mead.ts';
import { finalState, seasBuffer, type EtsParams } from './params.ts';
import { alternativeStarts, startSmoothing } from './start-values.ts';
import { warmStartSearch } from './warm-start-search.ts';

export { filterFromInit, type EtsParams } from './params.ts';

/**
 * Above this period the m − 1 seasonal initial states stay at their decomposition estimates and only
 * the smoothing parameters, level and slope are optimised. Nelder–Mead's cost grows roughly with the
 * square of the dimension and it stalls long before converging in hundreds of dimensions (m = 336
 * would mean a 340-dimensional simplex), whereas the decomposition averages every one of the n/m
 * periods, so its indices are already close to the likelihood optimum and γ absorbs what is left.
 * 24 is R's own limit, so every model R can fit is estimated exactly as R does.
 */
export const MAX_OPTIMISED_PERIOD = 24;

export interface Layout {
  beta: number; // index in x, or −1
  gamma: number;
  phi: number;
  level: number;
  slope: number;
  seas: number; // first of m − 1 free seasonal states, or −1
}

/**
 * What the caller's model search knows: the best AICc so far and the observation count (the warm-started
 * search abandons and skips polishes by them), and the heuristic initial states, which depend only on
 * the trend and season letters (shared by the candidates that differ in error type or damping).
 */
export interface SearchContext {
  bestIc: number;
  nObs: number;
  heuristics?: Map<string, InitState>;
  /** initStates' cache of decomposition figures, by season letter. */
  figures?: Map<string, number[]>;
  /**
   * Every candidate runs the warm-started search (warm-start-search.ts) instead of the multi-start one:
   * set when the series' period is above MAX_OPTIMISED_PERIOD and seasonal candidates are in the list,
   * and for the window search of a long series whose candidates are all non-seasonal (select.ts).
   */
  warmSearch?: boolean;
  /** Warm-started search: the optimum of the best candidate so far, seasonal and non-seasonal separately. */
  warm?: { seasonal: Warm | null; plain: Warm | null };
  /**
   * Set by estimate() when it returned the candidate unpolished and left its polish to the caller: every
   * candidate of a multi-start search, and the first candidate of a warm-started one (see
   * warmStartSearch). select.ts runs the polishes of the candidates that can
   * still win (DEFERRED_POLISH_SLACK); the result is the polished fit, or null when the polish found
   * nothing better.
   */
  deferredPolish?: () => EtsParams | null;
  /**
   * Start from these smoothing parameters alone, with steps a tenth of the usual, and no alternative
   * starts: the refit on the whole series of a structure chosen on its last values (select.ts).
   */
  start?: Smoothing;
}

/** An optimum carried to the next candidate: its smoothing parameters and −2·loglik's AICc. */
export interface Warm {
  p: Smoothing;
  level: number;
  /** NaN without a trend. */
  slope: number;
  ic: number;
}

/**
 * Relative tolerance of the full-dimensional run when a polish follows it. Its job is to find the
 * optimum's neighbourhood for the ranking of the candidates; the polish, at R's tolerance, refines the
 * candidates that can still win. At R's 1.49e-8 the 13–17-dimensional run rarely converges: on 300
 * bench:scale series and the dev series 64% of those runs spent all 2,000 evaluations; at 1e-6 6% did,
 * the search made a third fewer evaluations, and the chosen AICc moved by −0.8 to +0.4 (mean 0.000),
 * as much as restarting Nelder–Mead moves it (docs/benchmarks.md, "2026-12-03: bulk fit, the engine's share").
 */
export const FULL_RUN_RELTOL = 1e-6;

/**
 * A model search's runs that still trail the best AICc so far by this much after this many evaluations are
 * abandoned; the optimiser's best point is returned (a valid, losing fit, which trails by more than
 * DEFERRED_POLISH_SLACK on all but very long series, so is not polished). Two runs take most of a search's
 * evaluations and are bounded so: the full-dimensional run of a seasonal candidate (FULL_ABANDON) and the run
 * of a non-seasonal candidate from each start (PLAIN_ABANDON). Measured on 1,224 fits (900 bench:scale series
 * of three seeds at period 12, 300 of them also at period 1, and the dev series of period ≤ 24): the same
 * model with the same AICc on all of them, and 17% fewer likelihood evaluations (22.1 M → 18.3 M). The
 * margins where choices started to change: 2 after 300 evaluations for the full run (3 of 914 seasonal fits
 * changed; none at 5), and 10 after 200 for the non-seasonal runs, whose damped structures climb flat ridges
 * slowly (ETS(M,Ad,N) overtook ETS(A,Ad,N) by 0.09 on one series; none changed at 20; 30 keeps a margin).
 */
export const FULL_ABANDON = { after: 300, margin: 10 };
export const PLAIN_ABANDON = { after: 200, margin: 30 };

/** R's AICc from −2·loglik (σ² counted as one more parameter, as in select.ts criteria()). */
export function aiccOf(lik: number, s: Structure, nObs: number): number {
  const np = parameterCount(s) + 1;
  const denom = nObs - np - 1;
  return denom > 0 ? lik + 2 * np + (2 * np * (np + 1)) / denom : Infinity;
}

/** Fits one structure; null when no admissible finite likelihood was found. */
export function estimate(y: Float64Array, s: Structure, scale: number, search: SearchContext | null = null): EtsParams | null {
  const codes = codesOf(s);
  const m = codes.m;
  const seasonal = s.season !== 'N';
  const mult = s.season === 'M';
  const key = `${s.trend}${s.season}`;
  let heur = search?.heuristics?.get(key);
  if (!heur) {
    heur = initStates(y, m, s.trend, s.season, search?.figures);
    search?.heuristics?.set(key, heur);
  }
  const optSeas = seasonal && m <= MAX_OPTIMISED_PERIOD;
  const p0 = startSmoothing(s);
  // Reduced vector: smoothing parameters, level, slope. The full one appends m − 1 seasonal states.
  const x0: number[] = [p0.alpha];
  const steps: number[] = [0.1];
  const L: Layout = { beta: -1, gamma: -1, phi: -1, level: -1, slope: -1, seas: -1 };
  if (s.trend !== 'N') (L.beta = x0.length), x0.push(p0.beta), steps.push(0.5 * (p0.alpha - p0.beta));
  if (seasonal) (L.gamma = x0.length), x0.push(p0.gamma), steps.push(0.1 * (1 - p0.alpha - p0.gamma));
  if (s.damped) (L.phi = x0.length), x0.push(p0.phi), steps.push(-0.05);
  L.level = x0.length;
  x0.push(heur.level);
  steps.push(0.1 * Math.max(Math.abs(heur.level), 0.1 * scale));
  if (s.trend !== 'N') {
    L.slope = x0.length;
    x0.push(heur.slope);
    steps.push(s.trend === 'M' ? 0.01 : 0.1 * Math.max(Math.abs(heur.slope), 0.01 * scale));
  }
  const nReduced = x0.length;
  const seasSteps: number[] = [];
  if (optSeas) {
    const seasScale = mult ? 1 : heur.seas.reduce((a, v) => Math.max(a, Math.abs(v)), 0.01 * scale);
    for (let j = 1; j < m; j++) seasSteps.push(0.1 * Math.max(Math.abs(heur.seas[j]!), 0.1 * seasScale));
  }

  const has = { trend: s.trend !== 'N', season: seasonal, damped: s.damped, m };
  const p: Smoothing = { ...p0 };
  const st: State = { level: 0, slope: 0, seas: new Float64Array(m), pos: 0 };
  const filter = rawFilter(codes, hasMissing(y));
  const out = new Float64Array(RAW_OUT);
  const multErr = codes.error === Kind.Mult;
  const fixedSeas = seasBuffer(heur.seas, m);
  const work = new Float64Array(2 * (m + 2));
  const decode = (x: ArrayLike<number>) => {
    p.alpha = x[0]!;
    if (L.beta >= 0) p.beta = x[L.beta]!;
    if (L.gamma >= 0) p.gamma = x[L.gamma]!;
    if (L.phi >= 0) p.phi = x[L.phi]!;
  };
  const loadState = (x: ArrayLike<number>) => {
    st.level = x[L.level]!;
    st.slope = L.slope >= 0 ? x[L.slope]! : 0;
    st.pos = 0;
    if (x.length > nReduced) {
      let sum = 0;
      for (let j = 1; j < m; j++) sum += st.seas[j] = x[nReduced + j - 1]!;
      st.seas[0] = (mult ? m : 0) - sum;
    } else if (seasonal) st.seas.set(fixedSeas);
  };
  const objective = (x: Float64Array): number => {
    decode(x);
    if (!inRegion(p, has, work)) return Infinity;
    loadState(x);
    if (mult) for (let j = 0; j < m; j++) if (st.seas[j]! < 0) return Infinity;
    filter(y, p.alpha, p.beta, p.gamma, p.phi, st.seas, st.level, st.slope, 0, out);
    if (out[3] !== 1) return Infinity;
    // likelihood() of filter.ts on the same sums.
    const lik = out[2]! * Math.log(out[0]!) + (multErr ? 2 * out[1]! : 0);
    if (lik !== lik) return Infinity;
    return lik < -1e10 ? -1e10 : lik; // R: avoid rewarding perfect fits without bound
  };

  // The fit at a point of the search: `pack` rereads p and st, which decode and loadState set from x.
  const packAt = (x: ArrayLike<number>) => {
    decode(x);
    loadState(x);
    return pack(y, s, p, st, seasonal);
  };

  if (search) search.deferredPolish = undefined;
  if (search?.warmSearch) {
    const found = warmStartSearch(s, search, objective, x0, steps, L, p0);
    if (!found) return null;
    const { x: best, polishLater } = found;
    if (polishLater) {
      // Runs after the search only if this candidate won (select.ts).
      search.deferredPolish = () => {
        const x = polishLater();
        return x ? packAt(x) : null;
      };
    }
    return packAt(best);
  }

  // R runs Nelder–Mead once, over everything, from initparam's values. We first optimise the few
  // smoothing parameters and level/slope with the seasonal states held at their decomposition values
  // (a small simplex converges in a few hundred steps) from several starts — R's, a fast-adapting one
  // and, for seasonal models, a strongly seasonal one — since the likelihood is often multimodal in
  // (α, β, γ, φ); then free the seasonal states from the best of those; then restart from the optimum
  // with a fresh simplex, which escapes the collapsed simplices a 2000-evaluation run can end in.
  // On the dev series this reaches a lower AICc than R's single run, with fewer evaluations than
  // running the full-dimensional search from every start.
  const from = search?.start;
  if (from) for (let i = 0; i < L.level; i++) steps[i]! /= 10;
  const opts = { steps, maxit: 2000, reltol: 1.490116119384765625e-8 };
  // In −2·loglik, the objective's units: the best AICc so far plus the margin, less this structure's penalty.
  const abandonAt = (rule: { after: number; margin: number }) =>
    search && !from && Number.isFinite(search.bestIc) ? { after: rule.after, above: search.bestIc + rule.margin - aiccOf(0, s, search.nObs) } : undefined;
  const probe = optSeas ? { steps, maxit: 1000, reltol: 1e-6 } : { ...opts, abandon: abandonAt(PLAIN_ABANDON) };
  let best = nelderMead(objective, from ? withSmoothing(x0, L, from) : x0, probe);
  for (const alt of from ? [] : alternativeStarts(s)) {
    const r = nelderMead(objective, withSmoothing(x0, L, alt), probe);
    if (r.value < best.value) best = r;
  }
  let fullSteps = steps;
  if (optSeas) {
    fullSteps = [...steps, ...seasSteps];
    const start = [...(best.value < 1e35 ? best.x : x0), ...heur.seas.slice(1)];
    const r = nelderMead(objective, start, { ...opts, steps: fullSteps, reltol: FULL_RUN_RELTOL, abandon: abandonAt(FULL_ABANDON) });
    if (r.value <= best.value || !(best.value < 1e35)) best = r;
    else best = { ...best, x: Float64Array.from(start) };
  }
  if (!(best.value < 1e35)) return null;
  const found = best;
  const polish = (): NmResult => {
    // Small problems converge in a few hundred evaluations, so one short restart is all they need.
    const long = optSeas || found.evaluations >= opts.maxit;
    let at = found;
    for (let r = 0; r < (long ? 2 : 1); r++) {
      const again = nelderMead(objective, at.x, { ...opts, maxit: long ? 1000 : 300, steps: fullSteps.map((v) => v / 2) });
      const gain = at.value - again.value;
      if (again.value < at.value) at = again;
      // A gain in −2·loglik moves AICc by the same amount; below 0.05 another round is not worth its cost.
      if (!(gain > 0.05)) break;
    }
    return at;
  };
  // A model search polishes only the candidates that can still win, after all are estimated (select.ts).
  if (search && !from) {
    search.deferredPolish = () => {
      const at = polish();
      return at === found ? null : packAt(at.x);
    };
    return packAt(found.x);
  }
  return packAt(polish().x);
}

/**
 * The chosen point's final state and sums: the same recursion as filterFromInit's runFilter (identical
 * arithmetic, so identical numbers; see filter-fast.ts) through the kind-specialised filter, which is
 * already compiled by the search and several times faster than the generic loop on long series.
 */
function pack(y: Float64Array, s: Structure, p: Smoothing, st: State, seasonal: boolean): EtsParams | null {
  const init: InitState = { level: st.level, slope: st.slope, seas: seasonal ? Array.from(st.seas) : [] };
  const smoothing: Smoothing = { ...p };
  const codes = codesOf(s);
  const seas = seasBuffer(init.seas, codes.m);
  const out = new Float64Array(RAW_OUT);
  rawFilter(codes, hasMissing(y))(y, p.alpha, p.beta, p.gamma, p.phi, seas, init.level, init.slope, 0, out);
  const sums = { sse: out[0]!, sumLogF: out[1]!, nObs: out[2]!, ok: out[3] === 1 };
  if (!sums.ok || !Number.isFinite(likelihood(sums, codes.error))) return null;
  return {
    structure: s,
    ...smoothing,
    init,
    last: finalState({ level: out[4]!, slope: out[5]!, seas, pos: out[6]! }, codes.m),
    sse: sums.sse,
    sumLogF: sums.sumLogF,
    nObs: sums.nObs,
    npar: parameterCount(s),
  };
}

/** Places a set of smoothing parameters into a copy of x (absent components keep x's values). */
export function withSmoothing(x: ArrayLike<number>, L: Layout, q: Smoothing): Float64Array {
  const out = Float64Array.from(x);
  out[0] = q.alpha;
  if (L.beta >= 0) out[L.beta] = q.beta;
  if (L.gamma >= 0) out[L.gamma] = q.gamma;
  if (L.phi >= 0) out[L.phi] = q.phi;
  return out;
}
