/**
 * Classical multiplicative decomposition, R's decompose(type = "multiplicative"), reduced to what
 * the Theta method uses: the m seasonal indices. Index i belongs to every position t with
 * t mod m = i, counted from the start of the series (R counts the same way — from the first
 * observation, not the calendar cycle).
 */

/**
 * Missing values are filled by linear interpolation between the nearest observed neighbours (and
 * held flat before the first / after the last), so that the moving average and the acf see a
 * complete series; the SES step still skips them.
 */
export function interpolateMissing(y: ArrayLike<number>): Float64Array {
  const out = Float64Array.from(y);
  const n = out.length;
  let prev = -1;
  for (let t = 0; t <= n; t++) {
    if (t < n && Number.isNaN(out[t]!)) continue;
    if (t - prev > 1) {
      for (let k = prev + 1; k < t; k++) {
        if (prev < 0) out[k] = out[t]!;
        else if (t === n) out[k] = out[prev]!;
        else out[k] = out[prev]! + ((out[t]! - out[prev]!) * (k - prev)) / (t - prev);
      }
    }
    prev = t;
  }
  return out;
}

/**
 * Centred moving average of order m (a 2×m MA when m is even, halving the end weights), NaN where
 * the window runs off the series — R's filter(x, sides = 2).
 */
export function centredMovingAverage(x: ArrayLike<number>, m: number): Float64Array {
  const n = x.length;
  const trend = new Float64Array(n).fill(NaN);
  const even = m % 2 === 0;
  const half = even ? m / 2 : (m - 1) / 2;
  for (let t = half; t < n - half; t++) {
    let s = 0;
    for (let j = -half; j <= half; j++) {
      const w = even && Math.abs(j) === half ? 0.5 : 1;
      s += w * x[t + j]!;
    }
    trend[t] = s / m;
  }
  return trend;
}

/** Seasonal indices, normalised to average 1. Needs a complete series of at least 2m values. */
export function multiplicativeIndices(x: ArrayLike<number>, m: number): number[] {
  const trend = centredMovingAverage(x, m);
  const sums = new Array<number>(m).fill(0);
  const counts = new Array<number>(m).fill(0);
  for (let t = 0; t < x.length; t++) {
    const ratio = x[t]! / trend[t]!;
    if (Number.isNaN(ratio)) continue; // the ends, where the moving average is undefined
    sums[t % m]! += ratio;
    counts[t % m]!++;
  }
  const raw = sums.map((s, i) => s / counts[i]!);
  const mean = raw.reduce((a, b) => a + b, 0) / m;
  return raw.map((v) => v / mean);
}
