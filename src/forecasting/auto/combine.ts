import type { Forecast } from '../types.ts';

/**
 * Equal-weight combination (the M4 competition's lesson): the mean of the members' point forecasts,
 * and for each level the mean of their lower and of their upper bounds (quantile averaging), which
 * keeps the combined interval between the members' own.
 */
export function combineForecasts(members: Forecast[]): Forecast {
  const h = members[0]!.mean.length;
  const k = members.length;
  const mean = new Float64Array(h);
  for (const m of members) for (let i = 0; i < h; i++) mean[i]! += m.mean[i]! / k;
  const intervals = members[0]!.intervals.map((first, j) => {
    const lower = new Float64Array(h);
    const upper = new Float64Array(h);
    for (const m of members) {
      const band = m.intervals[j]!;
      for (let i = 0; i < h; i++) {
        lower[i]! += band.lower[i]! / k;
        upper[i]! += band.upper[i]! / k;
      }
    }
    return { level: first.level, lower, upper };
  });
  return { mean, intervals };
}
