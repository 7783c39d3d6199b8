/**
 * Seasonal period detection for fits that give none: from timestamps when the caller sends them (their
 * spacing names the calendar cycle), else from the autocorrelation of the differenced series.
 */
export interface DetectedPeriod {
  period: number;
  /** How it was found, reported back to the user. */
  source: 'timestamps' | 'acf' | 'none';
  /** For `acf`: the autocorrelation at that lag. */
  strength: number | null;
}

const MINUTE = 60;
const HOUR = 3600;
const DAY = 86_400;

/** Spacing of observations (seconds) → the cycle people expect in such data. */
const CALENDAR: { spacing: number; tolerance: number; period: number }[] = [
  { spacing: 30 * MINUTE, tolerance: 0.05, period: 48 }, // half-hourly: a day
  { spacing: HOUR, tolerance: 0.05, period: 24 }, // hourly: a day
  { spacing: DAY, tolerance: 0.05, period: 7 }, // daily: a week
  { spacing: 7 * DAY, tolerance: 0.05, period: 52 }, // weekly: a year (52.18, rounded as R's ts does)
  { spacing: 30.44 * DAY, tolerance: 0.1, period: 12 }, // monthly: a year
  { spacing: 91.31 * DAY, tolerance: 0.05, period: 4 }, // quarterly: a year
];

export function periodFromTimestamps(epochSeconds: readonly number[]): number | undefined {
  if (epochSeconds.length < 3) return undefined;
  const gaps = epochSeconds.slice(1).map((t, i) => t - epochSeconds[i]!).sort((a, b) => a - b);
  const spacing = gaps[Math.floor(gaps.length / 2)]!;
  if (!(spacing > 0)) return undefined;
  const match = CALENDAR.find((c) => Math.abs(spacing / c.spacing - 1) <= c.tolerance);
  return match ? match.period : 1;
}

/** Sample autocorrelations of x at lags 1..maxLag, skipping pairs with a missing value. */
export function acf(x: Float64Array, maxLag: number): Float64Array {
  let sum = 0;
  let n = 0;
  for (const v of x) if (!Number.isNaN(v)) (sum += v), n++;
  const mean = sum / n;
  let c0 = 0;
  for (const v of x) if (!Number.isNaN(v)) c0 += (v - mean) ** 2;
  const out = new Float64Array(maxLag + 1);
  out[0] = 1;
  for (let k = 1; k <= maxLag; k++) {
    let c = 0;
    for (let t = k; t < x.length; t++) {
      const a = x[t]!;
      const b = x[t - k]!;
      if (!Number.isNaN(a) && !Number.isNaN(b)) c += (a - mean) * (b - mean);
    }
    out[k] = c0 > 0 ? c / c0 : 0;
  }
  return out;
}

/**
 * The lag ≥ 2 with the strongest autocorrelation peak in the first differences (differencing removes
 * the trend that would otherwise dominate every lag). A peak must be a local maximum, clearly above
 * the noise band (2/√n) and at least 0.3; among peaks within 20% of the strongest, the shortest wins,
 * so multiples of the true period (24 for 12) are not chosen: differencing makes the ACF at the true
 * period noisier than at its multiples (nottem: 0.62 at 12, 0.72 at 24).
 */
export function periodFromAcf(y: Float64Array, maxPeriod = 1000): { period: number; strength: number | null } {
  const d = new Float64Array(Math.max(0, y.length - 1));
  for (let t = 1; t < y.length; t++) d[t - 1] = y[t]! - y[t - 1]!;
  const maxLag = Math.min(maxPeriod, Math.floor(d.length / 3));
  if (maxLag < 3) return { period: 1, strength: null };
  const r = acf(d, maxLag + 1);
  const floor = Math.max(0.3, 2 / Math.sqrt(d.length));
  const peaks: { lag: number; value: number }[] = [];
  for (let k = 2; k <= maxLag; k++) {
    if (r[k]! > floor && r[k]! >= r[k - 1]! && r[k]! >= r[k + 1]!) peaks.push({ lag: k, value: r[k]! });
  }
  if (peaks.length === 0) return { period: 1, strength: null };
  const strongest = Math.max(...peaks.map((p) => p.value));
  const chosen = peaks.find((p) => p.value >= 0.8 * strongest)!;
  return { period: chosen.lag, strength: chosen.value };
}

export function detectPeriod(y: Float64Array, timestamps?: readonly number[]): DetectedPeriod {
  const fromTime = timestamps ? periodFromTimestamps(timestamps) : undefined;
  if (fromTime !== undefined) return { period: fromTime, source: 'timestamps', strength: null };
  const { period, strength } = periodFromAcf(y);
  return { period, source: period > 1 ? 'acf' : 'none', strength };
}
