/**
 * The seasons auto models: decided by season/detect.ts from the periods the caller gave, or the
 * spacing of the observations (`intervalSeconds`, or the median gap of `timestamps`), or the series
 * itself — and, whichever the source, kept only where the data show them (the strength test).
 */
import { decideSeasons, type SeasonDecision } from '../season/detect.ts';

/** Median gap between consecutive epoch seconds; undefined for fewer than 3 or non-increasing ones. */
export function medianSpacing(epochSeconds: readonly number[]): number | undefined {
  if (epochSeconds.length < 3) return undefined;
  const gaps = epochSeconds.slice(1).map((t, i) => t - epochSeconds[i]!).sort((a, b) => a - b);
  const spacing = gaps[Math.floor(gaps.length / 2)]!;
  return spacing > 0 ? spacing : undefined;
}

export function autoSeasons(y: Float64Array, given: number[] | null, intervalSeconds: number | null): SeasonDecision {
  // `period: 1` is the caller saying "no season": nothing to detect.
  if (given !== null && given.length === 0) return { periods: [], source: 'none', tested: [] };
  return decideSeasons(y, { given: given ?? [], intervalSeconds: intervalSeconds ?? undefined });
}
