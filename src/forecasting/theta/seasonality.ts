/**
 * The seasonality test of Assimakopoulos & Nikolopoulos as R's thetaf applies it: the lag-m
 * autocorrelation is significant at 90% (two-sided) against Bartlett's standard error under an
 * MA(m−1) null, |r_m| > qnorm(0.95)·√((1 + 2·Σ_{k<m} r_k²)/n).
 */
import { qnorm } from '../stats.ts';

/**
 * Sample autocorrelations r_1..r_maxLag as R's acf computes them (mean-corrected, divided by the
 * lag-0 sum). NaN values are left out of every sum, as acf(na.action = na.pass) does.
 */
export function autocorrelations(y: ArrayLike<number>, maxLag: number, checkpoint?: () => void): number[] {
  const n = y.length;
  let mean = 0;
  let count = 0;
  for (let t = 0; t < n; t++) {
    if (!Number.isNaN(y[t]!)) {
      mean += y[t]!;
      count++;
    }
  }
  mean /= count;
  const d = new Float64Array(n);
  for (let t = 0; t < n; t++) d[t] = Number.isNaN(y[t]!) ? 0 : y[t]! - mean; // 0 drops the pair
  let c0 = 0;
  for (let t = 0; t < n; t++) c0 += d[t]! * d[t]!;
  const r: number[] = [];
  for (let k = 1; k <= maxLag; k++) {
    // O(n·m) in all: with a long series and a period in the thousands this is the slow step.
    if (k % 64 === 0) checkpoint?.();
    let s = 0;
    for (let t = 0; t + k < n; t++) s += d[t]! * d[t + k]!;
    r.push(s / c0);
  }
  return r;
}

export interface SeasonalityTest {
  statistic: number; // |r_m| divided by its standard error
  seasonal: boolean;
}

export function seasonalityTest(y: ArrayLike<number>, m: number, checkpoint?: () => void): SeasonalityTest {
  const r = autocorrelations(y, m, checkpoint);
  let s = 0;
  for (let k = 0; k < m - 1; k++) s += r[k]! * r[k]!;
  const statistic = Math.abs(r[m - 1]!) / Math.sqrt((1 + 2 * s) / y.length);
  return { statistic, seasonal: statistic > qnorm(0.95) };
}
