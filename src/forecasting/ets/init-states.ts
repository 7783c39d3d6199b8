/**
 * Heuristic initial states as R's initstate() computes them: a classical decomposition (or, with
 * fewer than three periods, a trend + one-harmonic regression) for the seasonal indices, then a
 * regression on the first max(10, 2m) seasonally adjusted values for level and slope.
 * Missing values are skipped in every average and regression.
 */
import type { SeasonCode, TrendCode } from './model-code.ts';

export interface InitState {
  level: number;
  slope: number;
  /** seas[j] is the seasonal index of observation j (j < m); empty without a season. */
  seas: number[];
}

/**
 * Above this period the centred moving average is a sliding sum, O(n) instead of O(n·m) (at m = 336
 * the direct sums cost ~3 ms a call); it rounds differently, so it is kept to periods R never fits.
 */
const SLIDING_FROM = 25;

/** R's decompose(): centred moving average trend, then per-position means of the detrended series. */
function decomposeFigure(y: Float64Array, m: number, mult: boolean): number[] {
  const n = y.length;
  const half = Math.floor(m / 2);
  const even = m % 2 === 0;
  const sums = new Float64Array(m);
  const counts = new Float64Array(m);
  let sliding = m >= SLIDING_FROM;
  for (let t = 0; t < n && sliding; t++) if (y[t] !== y[t]) sliding = false; // a NaN would poison every later window
  // Sliding form: `inner` is the unit-weight sum over t−half+1 … t+half−1 (odd m: t−half … t+half).
  let inner = 0;
  if (sliding && half < n - half) for (let j = even ? -half + 1 : -half; j <= (even ? half - 1 : half); j++) inner += y[half + j]!;
  for (let t = half; t < n - half; t++) {
    let tr = 0;
    if (sliding) {
      if (t > half) inner += even ? y[t + half - 1]! - y[t - half]! : y[t + half]! - y[t - half - 1]!;
      tr = even ? inner + 0.5 * (y[t - half]! + y[t + half]!) : inner;
    } else {
      for (let j = -half; j <= half; j++) {
        const w = even && (j === -half || j === half) ? 0.5 : 1;
        tr += w * y[t + j]!;
      }
    }
    tr /= m;
    const d = mult ? y[t]! / tr : y[t]! - tr;
    if (d === d) {
      sums[t % m] += d;
      counts[t % m]++;
    }
  }
  const fig: number[] = [];
  let mean = 0;
  for (let i = 0; i < m; i++) {
    fig.push(counts[i]! > 0 ? sums[i]! / counts[i]! : mult ? 1 : 0);
    mean += fig[i]! / m;
  }
  return fig.map((v) => (mult ? v / mean : v - mean));
}

/** Least squares by normal equations; small (≤ 4 columns) and well scaled enough for a starting point. */
function leastSquares(rows: number[][], rhs: number[]): number[] {
  const k = rows[0]!.length;
  const a = Array.from({ length: k }, () => new Array<number>(k + 1).fill(0));
  for (let r = 0; r < rows.length; r++) {
    const x = rows[r]!;
    for (let i = 0; i < k; i++) {
      for (let j = 0; j < k; j++) a[i]![j]! += x[i]! * x[j]!;
      a[i]![k]! += x[i]! * rhs[r]!;
    }
  }
  for (let c = 0; c < k; c++) {
    let piv = c;
    for (let r = c + 1; r < k; r++) if (Math.abs(a[r]![c]!) > Math.abs(a[piv]![c]!)) piv = r;
    [a[c], a[piv]] = [a[piv]!, a[c]!];
    const d = a[c]![c]!;
    if (d === 0) continue;
    for (let r = 0; r < k; r++) {
      if (r === c) continue;
      const f = a[r]![c]! / d;
      for (let j = c; j <= k; j++) a[r]![j]! -= f * a[c]![j]!;
    }
  }
  return a.map((row, i) => (row[i] === 0 ? 0 : row[k]! / row[i]!));
}

/** Intercept and slope of y on t = 1..n (plus one Fourier pair when m > 1), skipping missing values. */
function trendFit(y: Float64Array, n: number, m: number): [number, number] {
  const rows: number[][] = [];
  const rhs: number[] = [];
  for (let t = 1; t <= n; t++) {
    const v = y[t - 1]!;
    if (v !== v) continue;
    const row = [1, t];
    if (m > 1) {
      const w = (2 * Math.PI * t) / m;
      // R's fourier() drops the sine column when 2K = m (it is identically zero).
      if (m > 2) row.push(Math.sin(w));
      row.push(Math.cos(w));
    }
    rows.push(row);
    rhs.push(v);
  }
  if (rows.length < 2) return [rows.length ? rhs[0]! : 0, 0];
  const coef = leastSquares(rows, rhs);
  return [coef[0]!, coef[1]!];
}

/**
 * `figures`, when given, caches the decomposition's seasonal figure by season letter (it does not depend
 * on the trend letter, so the candidates with and without a trend share it).
 */
export function initStates(y: Float64Array, m: number, trend: TrendCode, season: SeasonCode, figures?: Map<string, number[]>): InitState {
  const n = y.length;
  let seas: number[] = [];
  let ysa: Float64Array = y;
  if (season !== 'N') {
    const mult = season === 'M';
    // seasonal[t]: the decomposition's seasonal component at time t (periodic, or the detrended series).
    const seasonal = new Float64Array(n);
    if (n < 3 * m) {
      const [a, b] = trendFit(y, n, m);
      for (let t = 0; t < n; t++) seasonal[t] = mult ? y[t]! / (a + b * (t + 1)) : y[t]! - a - b * (t + 1);
    } else {
      let fig = figures?.get(season);
      if (!fig) {
        fig = decomposeFigure(y, m, mult);
        figures?.set(season, fig);
      }
      for (let t = 0; t < n; t++) seasonal[t] = fig[t % m]!;
    }
    // R's free states are seasonal[2..m] (1-based); the one for the first observation is implied.
    const free: number[] = [];
    for (let j = 1; j < m; j++) free.push(seasonal[j]! === seasonal[j]! ? seasonal[j]! : mult ? 1 : 0);
    if (mult) {
      for (let j = 0; j < free.length; j++) free[j] = Math.max(free[j]!, 1e-2);
      const sum = free.reduce((s, v) => s + v, 0);
      if (sum > m) {
        const denom = free.reduce((s, v) => s + v + 1e-2, 0);
        for (let j = 0; j < free.length; j++) free[j] = free[j]! / denom;
      }
    }
    seas = [completeSeason(free, mult), ...free];
    ysa = new Float64Array(n);
    for (let t = 0; t < n; t++) ysa[t] = mult ? y[t]! / Math.max(seasonal[t]!, 1e-2) : y[t]! - seasonal[t]!;
  }
  const maxn = Math.min(Math.max(10, season === 'N' ? 2 : 2 * m), n);
  if (trend === 'N') {
    let s = 0;
    let k = 0;
    for (let t = 0; t < maxn; t++) if (ysa[t]! === ysa[t]!) (s += ysa[t]!), k++;
    if (k === 0) for (let t = 0; t < n; t++) if (ysa[t]! === ysa[t]!) (s += ysa[t]!), k++;
    return { level: s / k, slope: 0, seas };
  }
  let [l0, b0] = trendFit(ysa, maxn, 1);
  if (trend === 'A') {
    // A multiplicative error must not start from a zero one-step forecast.
    if (Math.abs(l0 + b0) < 1e-8) {
      l0 *= 1 + 1e-3;
      b0 *= 1 - 1e-3;
    }
    return { level: l0, slope: b0, seas };
  }
  let first = l0 + b0;
  if (Math.abs(first) < 1e-8) first = 1e-7;
  let ratio = (l0 + 2 * b0) / first;
  let level = first / ratio;
  if (Math.abs(ratio) > 1e10) ratio = Math.sign(ratio) * 1e10;
  if (level < 1e-8 || ratio < 1e-8) {
    level = Math.max(ysa[0]!, 1e-3);
    ratio = Math.max(ysa[1]! / ysa[0]!, 1e-3);
  }
  return { level, slope: ratio, seas };
}

/** The implied seasonal state: indices sum to 0 (additive) or m (multiplicative). */
export function completeSeason(free: ArrayLike<number>, mult: boolean): number {
  let s = 0;
  for (let i = 0; i < free.length; i++) s += free[i]!;
  return (mult ? free.length + 1 : 0) - s;
}
