/**
 * The warm-started candidate search: warm starts, early abandoning, deferred polish. Made for long seasons
 * (m > MAX_OPTIMISED_PERIOD), as measured below; select.ts also runs it on the window of a long series
 * whose candidates are all non-seasonal (measured there, windowedSelect).
 */
import { LOWER, UPPER } from './admissible.ts';
import type { Smoothing } from './filter.ts';
import type { Structure } from './model-code.ts';
import { nelderMead, type NmResult } from './nelder-mead.ts';
import { alternativeStarts } from './start-values.ts';
import { aiccOf, withSmoothing, type Layout, type SearchContext, type Warm } from './estimate.ts';

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
 *    seasonal ones by 8% of the criterion and, run to convergence, gained at most 0.5% of it after their
 *    first 40 evaluations (select.ts fits the seasonal candidates first so there is a best AICc to
 *    compare with);
 *  - a warm-started seasonal run is abandoned sooner, when it still trails the best AICc by
 *    WARM_ABANDON_MARGIN after WARM_ABANDON_AFTER evaluations: those runs start at the shared corner, and
 *    on taylor, run to convergence and polished, none gained more than 0.55 after its first 20
 *    evaluations or 0.03 after 30, while the trended seasonal candidates trail ETS(M,N,M) by 5–145
 *    (select.ts fits the trend-free seasonal ones first, so the best AICc is already low);
 *  - the first candidate's polish (it has no best to race) is deferred and runs only if that candidate
 *    wins the selection: on taylor it gained 0.015 for ETS(A,N,A), which lost by 138, and taking the
 *    unpolished point as the warm start moved the winner's AICc by −0.001;
 *  - a warm-started run is polished only in a close race (within WARM_POLISH_SLACK of the best so far,
 *    either side): there its polish could reorder the two; a run already behind cannot win with the
 *    ≤ 0.35 those polishes gained on taylor, and one far ahead gained ≤ 0.001 from it.
 * The result is still the optimiser's best point, so an abandoned candidate is a valid, losing, fit.
 */
export function warmStartSearch(
  s: Structure,
  search: SearchContext,
  objective: (x: Float64Array) => number,
  x0: number[],
  steps: number[],
  L: Layout,
  p0: Smoothing,
): { x: Float64Array; polishLater?: () => Float64Array | null } | null {
  const seasonal = s.season !== 'N';
  const opts = { steps, maxit: 2000, reltol: 1.490116119384765625e-8 };
  const penalty = aiccOf(0, s, search.nObs);
  const margin = LONG_ABANDON_MARGIN * Math.abs(search.bestIc);
  const warm = search.warm ? (seasonal ? search.warm.seasonal : search.warm.plain) : null;
  const abandon = !Number.isFinite(search.bestIc)
    ? undefined
    : warm && seasonal
      ? { after: WARM_ABANDON_AFTER, above: search.bestIc + Math.min(margin, WARM_ABANDON_MARGIN) - penalty }
      : { after: LONG_ABANDON_AFTER, above: search.bestIc + margin - penalty };
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
    if (warm) return warmStartSearch(s, { ...search, warm: undefined }, objective, x0, steps, L, p0);
    return null;
  }
  let polishLater: (() => Float64Array | null) | undefined;
  if (!best.abandoned && !warm && !Number.isFinite(search.bestIc) && search.warm) {
    // The first candidate (no best yet) is polished only if it wins, after the search (see above).
    const { x: from, value } = best;
    polishLater = () => {
      const half = steps.map((v) => v / 2);
      flipOutward(from, half, L);
      const again = nelderMead(objective, from, { ...opts, maxit: 300, steps: half });
      return again.value < value ? again.x : null;
    };
  } else if (!best.abandoned) {
    // A warm-started run is polished only in a close race with the best so far (see above).
    const slack = warm ? WARM_POLISH_SLACK : polishSlack(seasonal, search.bestIc);
    const gap = aiccOf(best.value, s, search.nObs) - search.bestIc;
    const behind = gap > slack;
    const farAhead = warm !== null && gap < -slack;
    if (!behind && !farAhead) {
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
  return { x: best.x, polishLater };
}

/**
 * AICc margin beyond which a cold-started candidate's polish is skipped. Non-seasonal polishes gained at
 * most 0.3 in −2·loglik on the dev series; seasonal ones up to 0.1% of the criterion on taylor. The
 * margins leave several times that room.
 */
function polishSlack(seasonal: boolean, bestIc: number): number {
  return seasonal ? 50 + 2e-3 * Math.abs(bestIc) : 2 + 1e-4 * Math.abs(bestIc);
}

/** AICc: a warm-started run this close to the best so far, on either side, is polished. */
const WARM_POLISH_SLACK = 1;
/** A warm-started seasonal run this far behind the best AICc after this many evaluations is abandoned. */
const WARM_ABANDON_AFTER = 20;
const WARM_ABANDON_MARGIN = 4;
const LONG_ABANDON_AFTER = 40;
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
