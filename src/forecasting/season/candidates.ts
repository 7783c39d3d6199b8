/**
 * Candidate seasonal periods, before the strength test decides which are real.
 *
 * From the series: peaks of the autocorrelation of the series itself after removing a straight-line
 * trend. Not of its differences: differencing divides a cycle of period m by roughly 2 sin(π/m), which
 * erases slow cycles (365 in daily data) under the noise. A peak is a lag whose autocorrelation is the
 * highest within ±5% of it and above the 2/√n noise band; a multiple of a shorter candidate is kept
 * only if it correlates more than that candidate (a week of half-hours, 336, does; 24 for 12 does not).
 *
 * From the spacing (`intervalSeconds`): the calendar cycles people expect in such data.
 */
import { acfByFft } from './fft-acf.ts';
import { interpolate } from './interpolate.ts';

const HOUR = 3600;
const DAY = 86_400;

/** Spacing of observations (seconds) → the calendar periods such data may have. */
const CALENDAR: { spacing: number; tolerance: number; periods: number[] }[] = [
  { spacing: 30 * 60, tolerance: 0.05, periods: [48, 336] }, // half-hourly: day, week
  { spacing: HOUR, tolerance: 0.05, periods: [24, 168] }, // hourly: day, week
  { spacing: DAY, tolerance: 0.05, periods: [7, 365.25] }, // daily: week, year
  { spacing: 7 * DAY, tolerance: 0.05, periods: [52.18] }, // weekly: year
  { spacing: 30.44 * DAY, tolerance: 0.1, periods: [12] }, // monthly: year
  { spacing: 91.31 * DAY, tolerance: 0.05, periods: [4] }, // quarterly: year
];

export function calendarPeriods(intervalSeconds: number): number[] {
  const match = CALENDAR.find((c) => Math.abs(intervalSeconds / c.spacing - 1) <= c.tolerance);
  return match ? [...match.periods] : [];
}

/** The series minus its least-squares straight line, missing values interpolated. */
function detrended(y: ArrayLike<number>): Float64Array {
  const x = interpolate(y);
  const n = x.length;
  const tm = (n - 1) / 2;
  let ym = 0;
  for (let t = 0; t < n; t++) ym += x[t]!;
  ym /= n;
  let sxy = 0;
  let sxx = 0;
  for (let t = 0; t < n; t++) {
    sxy += (t - tm) * (x[t]! - ym);
    sxx += (t - tm) ** 2;
  }
  const b = sxx > 0 ? sxy / sxx : 0;
  for (let t = 0; t < n; t++) x[t] = x[t]! - ym - b * (t - tm);
  return x;
}

/**
 * Cycles a detected period must cover: a random walk's wanderings look like 2–4 cycles of a slow
 * season to STL (strength 0.5–0.75 measured), and ten years of daily data still show 365.
 */
export const MIN_CYCLES = 4;

export interface AcfPeak {
  period: number;
  acf: number;
  /** Height above the lowest autocorrelation between half the lag and the lag. */
  prominence: number;
}

/**
 * Up to `max` candidate periods from the autocorrelation peaks, ascending, each covering at least
 * MIN_CYCLES cycles of the series. Peaks are ranked by prominence, not height: short-memory series
 * (weather) have high but featureless autocorrelations at small lags, a cycle makes a trough at half
 * its period. A prominence must exceed max(0.1, 10/√n), above what noise wiggles reach.
 */
export function acfPeriods(y: ArrayLike<number>, maxPeriod: number, max = 3): AcfPeak[] {
  const n = y.length;
  const top = Math.min(maxPeriod, Math.floor(n / MIN_CYCLES));
  if (top < 2) return [];
  const r = acfByFft(detrended(y), top + Math.ceil(top / 20) + 1);
  const minProminence = Math.max(0.1, 6 / Math.sqrt(n));
  const peaks: AcfPeak[] = [];
  for (let k = 2; k <= top; k++) {
    const w = Math.max(1, Math.floor(k / 20));
    let highest = true;
    for (let j = Math.max(1, k - w); j <= Math.min(r.length - 1, k + w) && highest; j++) if (j !== k && r[j]! >= r[k]!) highest = false;
    if (!highest) continue;
    let low = Infinity;
    for (let j = Math.ceil(k / 2); j < k; j++) low = Math.min(low, r[j]!);
    const prominence = r[k]! - low;
    if (prominence >= minProminence) peaks.push({ period: k, acf: r[k]!, prominence });
  }
  // A multiple of a peak is its echo unless it correlates more (a week of half-hours does).
  const own = peaks.filter((p) => !peaks.some((q) => q.period < p.period && nearMultiple(p.period, q.period) && p.acf <= q.acf));
  const kept = own.sort((a, b) => b.prominence - a.prominence).slice(0, max);
  // A divisor correlating far less than its multiple is a fraction of the multiple's pattern (4 in a
  // monthly series whose yearly pattern has a quarterly shape), not a cycle of its own.
  return kept
    .filter((p) => !kept.some((q) => q.period > p.period && nearMultiple(q.period, p.period) && p.acf < 0.5 * q.acf))
    .sort((a, b) => a.period - b.period);
}

function nearMultiple(long: number, short: number): boolean {
  const k = Math.round(long / short);
  return k >= 2 && Math.abs(long - k * short) <= Math.max(1, 0.02 * long);
}
