/**
 * Which seasonal periods a series really has. Candidates come from the caller (`period`), from the
 * spacing of the observations (`intervalSeconds` → calendar periods) or from autocorrelation peaks;
 * then the data decide: an MSTL decomposition with all candidates, and the weakest component dropped
 * while its strength max(0, 1 - var(R) / var(S + R)) is below strengthNeeded (the seasonal-strength
 * feature of Wang, Smith & Hyndman 2006 that R's stl/mstl features report). A random walk or a stock
 * index has no period that passes; white noise has none either.
 */
import { acfPeriods, calendarPeriods } from './candidates.ts';
import { mstl, mstlStrengths } from './mstl.ts';

/**
 * Strength a seasonal component needs to be modelled, given k = n / period cycles in the series:
 * 0.4 + 0.6 / k. STL's seasonal part of white noise or a random walk has strength ~0.2 with many
 * cycles and more with few (0.35 at 3 cycles, up to 0.75 for a random walk at 2.6), while real
 * seasons measured 0.6–1.0 (docs/forecasting.md).
 */
export function strengthNeeded(n: number, period: number): number {
  return 0.4 + (0.6 * period) / n;
}

export interface PeriodStrength {
  period: number;
  strength: number;
}

export interface SeasonDecision {
  /** The periods kept, ascending. */
  periods: number[];
  source: 'given' | 'interval' | 'acf' | 'none';
  /** Every candidate with the strength it had when it was decided on (kept or dropped). */
  tested: PeriodStrength[];
}

/** Keeps the candidates whose MSTL component is strong enough, dropping the weakest first. */
export function confirmPeriods(y: ArrayLike<number>, candidates: readonly number[]): { kept: PeriodStrength[]; tested: PeriodStrength[] } {
  const margin = (s: number, i: number) => s - strengthNeeded(y.length, periods[i]!);
  let periods = [...new Set(candidates)].filter((m) => m > 1 && m < y.length / 2).sort((a, b) => a - b);
  const tested: PeriodStrength[] = [];
  while (periods.length > 0) {
    const d = mstl(y, periods);
    const strengths = mstlStrengths(d);
    let weakest = 0;
    strengths.forEach((s, i) => {
      if (margin(s, i) < margin(strengths[weakest]!, weakest)) weakest = i;
    });
    if (margin(strengths[weakest]!, weakest) >= 0) {
      const kept = periods.map((period, i) => ({ period, strength: strengths[i]! }));
      return { kept, tested: [...tested, ...kept] };
    }
    tested.push({ period: periods[weakest]!, strength: strengths[weakest]! });
    periods = periods.filter((_, i) => i !== weakest);
  }
  return { kept: [], tested };
}

export interface SeasonQuery {
  /** Periods the caller gave ([] for none given). */
  given: number[];
  intervalSeconds?: number;
  /** Longest period to look for by autocorrelation. */
  maxPeriod?: number;
}

export function decideSeasons(y: ArrayLike<number>, q: SeasonQuery): SeasonDecision {
  const source = q.given.length > 0 ? 'given' : q.intervalSeconds !== undefined ? 'interval' : 'acf';
  const candidates =
    source === 'given' ? q.given : source === 'interval' ? calendarPeriods(q.intervalSeconds!) : acfPeriods(y, q.maxPeriod ?? 10_000).map((p) => p.period);
  const { kept, tested } = confirmPeriods(y, candidates);
  return { periods: kept.map((p) => p.period), source: kept.length ? source : 'none', tested: tested.sort((a, b) => a.period - b.period) };
}
