/**
 * STL decomposition (Cleveland, Cleveland, McRae & Terpenning 1990) with the settings forecast's
 * mstl passes to stats::stl for one seasonal period: s.window = 11, s.degree = 0, t.degree =
 * l.degree = 1, default trend and low-pass windows, 2 inner passes, no robustness iterations.
 * Loess is evaluated every ceiling(window/10) points and interpolated, as R's defaults do, so the
 * seasonal strength (a ratio of variances, sensitive to small changes) is R's.
 */
export interface StlResult {
  seasonal: Float64Array;
  trend: Float64Array;
  remainder: Float64Array;
}

function nextOdd(x: number): number {
  const r = Math.round(x);
  return r % 2 === 0 ? r + 1 : r;
}

/** Weights buffer shared by every loessAt call (grown on demand): the points near the ends and every point of short subseries. */
let scratch = new Float64Array(64);

/**
 * The loess weights at position xs (1-based, may lie outside 1..n) on points nleft..nright, into
 * w[0..count): tricube, normalised, and with the linear correction for deg > 0 (stats::stl's stlest).
 * False when every weight is zero.
 */
function loessWeights(w: Float64Array, n: number, len: number, deg: number, xs: number, nleft: number, nright: number): boolean {
  let h = Math.max(xs - nleft, nright - xs);
  if (len > n) h += Math.floor((len - n) / 2);
  const h9 = 0.999 * h;
  const h1 = 0.001 * h;
  const count = nright - nleft + 1;
  let a = 0;
  for (let j = nleft; j <= nright; j++) {
    const r = Math.abs(j - xs);
    let wj = 0;
    if (r <= h9) {
      if (r <= h1) wj = 1;
      else {
        // (1 - (r/h)^3)^3, multiplied out as Fortran's integer powers are.
        const q = r / h;
        const u = 1 - q * q * q;
        wj = u * u * u;
      }
    }
    w[j - nleft] = wj;
    a += wj;
  }
  if (a <= 0) return false;
  for (let j = 0; j < count; j++) w[j]! /= a;
  if (h > 0 && deg > 0) {
    let c = 0;
    for (let j = nleft; j <= nright; j++) c += w[j - nleft]! * j;
    let b = xs - c;
    let cc = 0;
    for (let j = nleft; j <= nright; j++) cc += w[j - nleft]! * (j - c) * (j - c);
    if (Math.sqrt(cc) > 0.001 * (n - 1)) {
      b /= cc;
      for (let j = nleft; j <= nright; j++) w[j - nleft]! *= b * (j - c) + 1;
    }
  }
  return true;
}

/** Loess fit at position xs from points nleft..nright (stats::stl's stlest); null when no weight is positive. */
function loessAt(y: ArrayLike<number>, n: number, len: number, deg: number, xs: number, nleft: number, nright: number): number | null {
  const count = nright - nleft + 1;
  if (scratch.length < count) scratch = new Float64Array(2 * count);
  const w = scratch;
  if (!loessWeights(w, n, len, deg, xs, nleft, nright)) return null;
  let ys = 0;
  for (let j = nleft; j <= nright; j++) ys += w[j - nleft]! * y[j - 1]!;
  return ys;
}

/**
 * loessAt's weights for every interior point (window i − nsh + 1 .. i − nsh + len around xs = i,
 * span len < n): they depend only on the offsets j − xs, so the weights at the first interior point
 * serve all of them and each interior point costs a dot product instead of four passes with a division
 * each. On a long series nearly every point is interior (the trend smoother of a 336-period
 * decomposition spans 561 points). Elsewhere loessAt's sums differ from these by rounding only.
 */
function interiorKernel(n: number, len: number, deg: number, nsh: number): Float64Array {
  const w = new Float64Array(len);
  // The centre point always has weight 1, so the weights never all vanish.
  loessWeights(w, n, len, deg, nsh, 1, len);
  return w;
}

/**
 * The first point of the window stats::stl's stless uses at i: centred (nsh = floor((len + 1) / 2)
 * points up to i) and clamped to the series; the whole series when the span exceeds it.
 */
function windowStart(i: number, n: number, len: number): number {
  const last = len < n ? n - len + 1 : 1;
  const left = i - Math.floor((len + 1) / 2) + 1;
  return left < 1 ? 1 : left > last ? last : left;
}

/** Loess at every nj-th point from 1: the interior ones by the shared kernel, the others by loessAt. */
function smoothPoints(y: ArrayLike<number>, n: number, len: number, deg: number, nj: number, out: Float64Array): void {
  const span = Math.min(len, n);
  const nsh = Math.floor((len + 1) / 2);
  const kernel = len < n ? interiorKernel(n, len, deg, nsh) : null;
  for (let i = 1; i <= n; i += nj) {
    const nleft = windowStart(i, n, len);
    if (kernel !== null && nleft === i - nsh + 1) {
      let ys = 0;
      for (let k = 0, j = nleft - 1; k < len; k++, j++) ys += kernel[k]! * y[j]!;
      out[i - 1] = ys;
    } else out[i - 1] = loessAt(y, n, len, deg, i, nleft, nleft + span - 1) ?? y[i - 1]!;
  }
}

/** Linear interpolation between the smoothed points, and the last point smoothed in the last window. */
function fillBetween(y: ArrayLike<number>, n: number, len: number, deg: number, nj: number, out: Float64Array): void {
  for (let i = 1; i <= n - nj; i += nj) {
    const delta = (out[i + nj - 1]! - out[i - 1]!) / nj;
    for (let j = i + 1; j < i + nj; j++) out[j - 1] = out[i - 1]! + delta * (j - i);
  }
  const k = Math.floor((n - 1) / nj) * nj + 1;
  if (k === n) return;
  const nleft = windowStart(k, n, len);
  out[n - 1] = loessAt(y, n, len, deg, n, nleft, nleft + Math.min(len, n) - 1) ?? y[n - 1]!;
  if (k !== n - 1) {
    const delta = (out[n - 1]! - out[k - 1]!) / (n - k);
    for (let j = k + 1; j < n; j++) out[j - 1] = out[k - 1]! + delta * (j - k);
  }
}

/**
 * Loess smooth of y (length n) at 1..n with span len, evaluated every `jump` points and linearly
 * interpolated in between, exactly as stats::stl's stless. (Split into small functions so that V8
 * optimises each whole on its first calls rather than deoptimising a large one branch by branch: a
 * fit in a fresh process spent more time in that churn than in the smoothing.)
 */
function loess(y: ArrayLike<number>, n: number, len: number, deg: number, jump: number): Float64Array {
  const out = new Float64Array(n);
  if (n < 2) {
    if (n === 1) out[0] = y[0]!;
    return out;
  }
  const nj = Math.min(jump, n - 1);
  smoothPoints(y, n, len, deg, nj, out);
  if (nj > 1) fillBetween(y, n, len, deg, nj, out);
  return out;
}

function movingAverage(x: Float64Array, len: number): Float64Array {
  const m = x.length - len + 1;
  const out = new Float64Array(Math.max(0, m));
  let s = 0;
  for (let i = 0; i < len; i++) s += x[i]!;
  for (let i = 0; i < m; i++) {
    out[i] = s / len;
    if (i + len < x.length) s += x[i + len]! - x[i]!;
  }
  return out;
}

/**
 * Cycle-subseries smoothing of the detrended series into C (length n + 2·np): each of the np
 * subseries smoothed by loess and extended one cycle at each end.
 */
function cycleSubseries(y: ArrayLike<number>, trend: Float64Array, np: number, ns: number, sj: number, C: Float64Array): void {
  const n = y.length;
  for (let j = 0; j < np; j++) {
    const k = Math.floor((n - 1 - j) / np) + 1;
    const sub = new Float64Array(k);
    for (let i = 0; i < k; i++) sub[i] = y[j + i * np]! - trend[j + i * np]!;
    const sm = loess(sub, k, ns, 0, sj);
    const first = loessAt(sub, k, ns, 0, 0, 1, Math.min(ns, k)) ?? sm[0]!;
    const last = loessAt(sub, k, ns, 0, k + 1, Math.max(1, k - ns + 1), k) ?? sm[k - 1]!;
    C[j] = first;
    for (let i = 0; i < k; i++) C[(i + 1) * np + j] = sm[i]!;
    C[(k + 1) * np + j] = last;
  }
}

/** The seasonal component: C less its low-pass filter (moving averages np, np and 3, then loess). */
function seasonalOf(C: Float64Array, n: number, np: number, nl: number, lj: number, seasonal: Float64Array): void {
  const L = loess(movingAverage(movingAverage(movingAverage(C.subarray(0, n + 2 * np), np), np), 3), n, nl, 1, lj);
  for (let i = 0; i < n; i++) seasonal[i] = C[np + i]! - L[i]!;
}

/** The trend: loess of the deseasonalised series. */
function trendOf(y: ArrayLike<number>, seasonal: Float64Array, nt: number, tj: number, trend: Float64Array): void {
  const n = y.length;
  const deseason = new Float64Array(n);
  for (let i = 0; i < n; i++) deseason[i] = y[i]! - seasonal[i]!;
  trend.set(loess(deseason, n, nt, 1, tj));
}

export function stl(y: ArrayLike<number>, period: number, sWindow = 11): StlResult {
  const n = y.length;
  const np = period;
  const ns = sWindow;
  const nt = nextOdd(Math.ceil((1.5 * np) / (1 - 1.5 / ns)));
  const nl = nextOdd(np);
  // R's default jumps: ceiling(window / 10).
  const sj = Math.ceil(ns / 10);
  const tj = Math.ceil(nt / 10);
  const lj = Math.ceil(nl / 10);
  const trend = new Float64Array(n);
  const seasonal = new Float64Array(n);
  const C = new Float64Array(n + 2 * np);
  for (let pass = 0; pass < 2; pass++) {
    cycleSubseries(y, trend, np, ns, sj, C);
    seasonalOf(C, n, np, nl, lj, seasonal);
    trendOf(y, seasonal, nt, tj, trend);
  }
  const remainder = new Float64Array(n);
  for (let i = 0; i < n; i++) remainder[i] = y[i]! - seasonal[i]! - trend[i]!;
  return { seasonal, trend, remainder };
}
