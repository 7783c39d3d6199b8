/**
 * Maximum-likelihood estimation of one ETS structure (R's etsmodel with opt.crit = "lik",
 * bounds = "both"): Nelder–Mead over the smoothing parameters and the initial states, from R's
 * starting values (initparam, initstate).
 */
import { inRegion, LOWER, UPPER } from './admissible.ts';
import { codesOf, Kind, type Smoothing, type State } from './filter.ts';
import { hasMissing, RAW_OUT, rawFilter } from './filter-fast.ts';
import { initStates, type InitState } from './init-states.ts';
import { parameterCount, type Structure } from './model-code.ts';
import { nelderMead, type NmResult } from './nelder-mead.ts';
import { filterFromInit, seasBuffer, type EtsParams } from './params.ts';
import { alternativeStarts, startSmoothing } from './start-values.ts';

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

interface Layout {
  beta: number; // index in x, or −1
  gamma: number;
  phi: number;
  level: number;
  slope: number;
  seas: number; // first of m − 1 free seasonal states, or −1
}

/**
 * What the caller's model search knows: the best AICc so far and the observation count, so a candidate
 * that is already far behind after its multi-start search skips the final polish (it cannot win), and
 * the heuristic initial states, which depend only on the trend and season letters (shared by the
 * candidates that differ in error type or damping).
 */
export interface SearchContext {
  bestIc: number;
  nObs: number;
  heuristics?: Map<string, InitState>;
  /** initStates' cache of decomposition figures, by season letter. */
  figures?: Map<string, number[]>;
  /**
   * The series' period is above MAX_OPTIMISED_PERIOD and seasonal candidates are in the list: the
   * cheaper long-season search applies to every candidate (see longSeasonSearch below).
   */
  longSeason?: boolean;
  /** Long seasons: the optimum of the best candidate so far, seasonal and non-seasonal separately. */
  warm?: { seasonal: Warm | null; plain: Warm | null };
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
 * AICc margin beyond which the polish rounds are skipped. Non-seasonal polishes gained at most 0.3 in
 * −2·loglik on the dev series; seasonal ones (after the seasonal states were freed) up to 36, or 0.1%
 * of the criterion on taylor. The margins leave several times that room.
 */
function polishSlack(seasonal: boolean, bestIc: number): number {
  return seasonal ? 50 + 2e-3 * Math.abs(bestIc) : 2 + 1e-4 * Math.abs(bestIc);
}

/** R's AICc from −2·loglik (σ² counted as one more parameter, as in select.ts criteria()). */
function aiccOf(lik: number, s: Structure, nObs: number): number {
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

  if (search?.longSeason) {
    const best = longSeasonSearch(s, search, objective, x0, steps, L, p0);
    if (!best) return null;
    decode(best);
    loadState(best);
    return pack(y, s, p, st, seasonal);
  }

  // R runs Nelder–Mead once, over everything, from initparam's values. We first optimise the few
  // smoothing parameters and level/slope with the seasonal states held at their decomposition values
  // (a small simplex converges in a few hundred steps) from several starts — R's, a fast-adapting one
  // and, for seasonal models, a strongly seasonal one — since the likelihood is often multimodal in
  // (α, β, γ, φ); then free the seasonal states from the best of those; then restart from the optimum
  // with a fresh simplex, which escapes the collapsed simplices a 2000-evaluation run can end in.
  // On the dev series this reaches a lower AICc than R's single run, with fewer evaluations than
  // running the full-dimensional search from every start.
  const opts = { steps, maxit: 2000, reltol: 1.490116119384765625e-8 };
  const probe = optSeas ? { steps, maxit: 1000, reltol: 1e-6 } : opts;
  let best = nelderMead(objective, x0, probe);
  for (const alt of alternativeStarts(s)) {
    const xa = Float64Array.from(x0);
    xa[0] = alt.alpha;
    if (L.beta >= 0) xa[L.beta] = alt.beta;
    if (L.gamma >= 0) xa[L.gamma] = alt.gamma;
    if (L.phi >= 0) xa[L.phi] = alt.phi;
    const r = nelderMead(objective, xa, probe);
    if (r.value < best.value) best = r;
  }
  let fullSteps = steps;
  if (optSeas) {
    fullSteps = [...steps, ...seasSteps];
    const start = [...(best.value < 1e35 ? best.x : x0), ...heur.seas.slice(1)];
    const r = nelderMead(objective, start, { ...opts, steps: fullSteps });
    if (r.value <= best.value || !(best.value < 1e35)) best = r;
    else best = { ...best, x: Float64Array.from(start) };
  }
  // Small problems converge in a few hundred evaluations, so one short restart is all they need.
  const rounds = optSeas || best.evaluations >= opts.maxit ? 2 : 1;
  const polishIt = optSeas || best.evaluations >= opts.maxit ? 1000 : 300;
  // A candidate already further behind the best AICc so far than any polish has recovered skips it.
  const behind = search !== null && aiccOf(best.value, s, search.nObs) > search.bestIc + polishSlack(seasonal, search.bestIc);
  for (let r = 0; r < rounds && best.value < 1e35 && !behind; r++) {
    const again = nelderMead(objective, best.x, { ...opts, maxit: polishIt, steps: fullSteps.map((v) => v / 2) });
    const gain = best.value - again.value;
    if (again.value < best.value) best = again;
    // A gain in −2·loglik moves AICc by the same amount; below 0.05 another round is not worth its cost.
    if (!(gain > 0.05)) break;
  }
  if (!(best.value < 1e35)) return null;

  decode(best.x);
  loadState(best.x);
  return pack(y, s, p, st, seasonal);
}

function pack(y: Float64Array, s: Structure, p: Smoothing, st: State, seasonal: boolean): EtsParams | null {
  const init: InitState = { level: st.level, slope: st.slope, seas: seasonal ? Array.from(st.seas) : [] };
  const smoothing: Smoothing = { ...p };
  const run = filterFromInit(y, s, smoothing, init, null);
  if (!run.sums.ok || !Number.isFinite(run.lik)) return null;
  return {
    structure: s,
    ...smoothing,
    init,
    last: run.last,
    sse: run.sums.sse,
    sumLogF: run.sums.sumLogF,
    nObs: run.sums.nObs,
    npar: parameterCount(s),
  };
}

/** Places a set of smoothing parameters into a copy of x (absent components keep x's values). */
function withSmoothing(x: ArrayLike<number>, L: Layout, q: Smoothing): Float64Array {
  const out = Float64Array.from(x);
  out[0] = q.alpha;
  if (L.beta >= 0) out[L.beta] = q.beta;
  if (L.gamma >= 0) out[L.gamma] = q.gamma;
  if (L.phi >= 0) out[L.phi] = q.phi;
  return out;
}

/**
 * Long seasons (m > MAX_OPTIMISED_PERIOD; the seasonal states are not optimised, so the vector is
 * the 2–5 smoothing parameters plus level and slope). Measured on taylor (m = 336), every candidate's
 * optimum sits in the same corner (α ≈ 0.9999, γ ≈ 1e-4, β ≈ 1e-4–5e-4, φ ≈ 0.80–0.89), so:
 *  - the first seasonal (and the first non-seasonal) candidate runs a multi-start search, without R's
 *    start when there are alternatives (below);
 *  - later ones start from the best optimum of their group, carried over (one start, not three): on
 *    taylor this reaches the multi-start AICc within 0.02 for ETS(M,N,M) (the winner) and a better one
 *    for the trended seasonal models, where the cold runs stalled, in 130–300 evaluations instead of 500–1000;
 *  - a run whose best value is still far behind the best AICc so far (LONG_ABANDON_MARGIN of it) after
 *    LONG_ABANDON_AFTER evaluations is abandoned: on taylor the non-seasonal candidates trail the
 *    seasonal ones by 8% of the criterion and gained at most 1.3% after their first 100 evaluations
 *    (select.ts fits the seasonal candidates first so there is a best AICc to compare with).
 * The result is still the optimiser's best point, so an abandoned candidate is a valid, losing, fit.
 */
function longSeasonSearch(
  s: Structure,
  search: SearchContext,
  objective: (x: Float64Array) => number,
  x0: number[],
  steps: number[],
  L: Layout,
  p0: Smoothing,
): Float64Array | null {
  const seasonal = s.season !== 'N';
  const opts = { steps, maxit: 2000, reltol: 1.490116119384765625e-8 };
  const penalty = aiccOf(0, s, search.nObs);
  const margin = LONG_ABANDON_MARGIN * Math.abs(search.bestIc);
  const abandon = Number.isFinite(search.bestIc) ? { after: LONG_ABANDON_AFTER, above: search.bestIc + margin - penalty } : undefined;
  const warm = search.warm ? (seasonal ? search.warm.seasonal : search.warm.plain) : null;
  const starts: Float64Array[] = [];
  if (warm) {
    const q: Smoothing = {
      alpha: warm.p.alpha,
      beta: s.trend === 'N' ? 0 : warm.p.beta > 0 ? Math.min(warm.p.beta, warm.p.alpha) : p0.beta,
      gamma: seasonal ? warm.p.gamma : 0,
      phi: s.damped ? (warm.p.phi < 1 ? warm.p.phi : p0.phi) : 1,
    };
    const x = withSmoothing(x0, L, q);
    x[L.level] = warm.level;
    if (L.slope >= 0 && s.trend === 'A' && warm.slope === warm.slope) x[L.slope] = warm.slope;
    starts.push(x);
  } else {
    // R's own start has α = 0.2/m (initparam), ≈ 6e-4 at m = 336, far from where every taylor optimum
    // lies (α ≈ 1); its run ended 350 behind the alternatives' on ETS(A,N,A) and 370 on ETS(M,N,M).
    // So it is tried only when there is no alternative start for this structure.
    const alts = alternativeStarts(s);
    if (!seasonal || alts.length === 0) starts.push(Float64Array.from(x0));
    for (const alt of alts) starts.push(withSmoothing(x0, L, alt));
  }
  let best: NmResult | null = null;
  for (const x of starts) {
    // Steps that would leave the box point the other way, so a start in a corner keeps its simplex inside.
    const st = steps.slice();
    flipOutward(x, st, L);
    const r = nelderMead(objective, x, { ...opts, steps: st, abandon });
    if (!best || r.value < best.value) best = r;
    if (r.abandoned) break;
  }
  if (!best || !(best.value < 1e35)) {
    if (warm) return longSeasonSearch(s, { ...search, warm: undefined }, objective, x0, steps, L, p0);
    return null;
  }
  if (!best.abandoned) {
    // A warm-started run is polished only when it is close to the best so far: on taylor such polishes
    // gained at most 0.35 in −2·loglik, so the tighter non-seasonal slack applies to them.
    const slack = polishSlack(seasonal && !warm, search.bestIc);
    const behind = aiccOf(best.value, s, search.nObs) > search.bestIc + slack;
    if (!behind) {
      const half = steps.map((v) => v / 2);
      flipOutward(best.x, half, L);
      const again = nelderMead(objective, best.x, { ...opts, maxit: 300, steps: half });
      if (again.value < best.value) best = again;
    }
  }
  if (search.warm) {
    const ic = aiccOf(best.value, s, search.nObs);
    const cur = seasonal ? search.warm.seasonal : search.warm.plain;
    if (!cur || ic < cur.ic) {
      const q: Smoothing = { alpha: best.x[0]!, beta: L.beta >= 0 ? best.x[L.beta]! : 0, gamma: L.gamma >= 0 ? best.x[L.gamma]! : 0, phi: L.phi >= 0 ? best.x[L.phi]! : 1 };
      const w: Warm = { p: q, level: best.x[L.level]!, slope: L.slope >= 0 && s.trend === 'A' ? best.x[L.slope]! : NaN, ic };
      if (seasonal) search.warm.seasonal = w;
      else search.warm.plain = w;
    }
  }
  return best.x;
}

const LONG_ABANDON_AFTER = 100;
const LONG_ABANDON_MARGIN = 0.05;

function flipOutward(x: Float64Array, steps: number[], L: Layout): void {
  const flip = (i: number, lo: number, hi: number) => {
    if (i < 0) return;
    const v = x[i]! + steps[i]!;
    if (v > hi || v < lo) steps[i] = -steps[i]!;
  };
  flip(0, LOWER.alpha, UPPER.alpha);
  flip(L.beta, LOWER.beta, Math.min(UPPER.beta, x[0]!));
  flip(L.gamma, LOWER.gamma, Math.min(UPPER.gamma, 1 - x[0]!));
  flip(L.phi, LOWER.phi, UPPER.phi);
}
