/**
 * Sample autocorrelations by FFT (Wiener–Khinchin): O(n log n) for every lag at once, so detection can
 * look at lags up to n/2 of a 60,000-value series. Same definition as the direct sum: mean removed,
 * divided by the lag-0 sum; missing values count as the mean (zero after centring).
 */
function fftInPlace(re: Float64Array, im: Float64Array, inverse: boolean): void {
  const n = re.length;
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      [re[i], re[j]] = [re[j]!, re[i]!];
      [im[i], im[j]] = [im[j]!, im[i]!];
    }
  }
  for (let len = 2; len <= n; len <<= 1) {
    const ang = ((inverse ? 2 : -2) * Math.PI) / len;
    const wr = Math.cos(ang);
    const wi = Math.sin(ang);
    for (let i = 0; i < n; i += len) {
      let cr = 1;
      let ci = 0;
      for (let k = 0; k < len / 2; k++) {
        const a = i + k;
        const b = a + len / 2;
        const xr = re[b]! * cr - im[b]! * ci;
        const xi = re[b]! * ci + im[b]! * cr;
        re[b] = re[a]! - xr;
        im[b] = im[a]! - xi;
        re[a]! += xr;
        im[a]! += xi;
        const nr = cr * wr - ci * wi;
        ci = cr * wi + ci * wr;
        cr = nr;
      }
    }
  }
}

export function acfByFft(x: ArrayLike<number>, maxLag: number): Float64Array {
  const n = x.length;
  let sum = 0;
  let k = 0;
  for (let i = 0; i < n; i++) if (!Number.isNaN(x[i]!)) (sum += x[i]!), k++;
  const mean = sum / k;
  let size = 1;
  while (size < 2 * n) size <<= 1;
  const re = new Float64Array(size);
  const im = new Float64Array(size);
  for (let i = 0; i < n; i++) re[i] = Number.isNaN(x[i]!) ? 0 : x[i]! - mean;
  fftInPlace(re, im, false);
  for (let i = 0; i < size; i++) {
    re[i] = re[i]! * re[i]! + im[i]! * im[i]!;
    im[i] = 0;
  }
  fftInPlace(re, im, true);
  const lags = Math.min(maxLag, n - 1);
  const out = new Float64Array(lags + 1);
  const c0 = re[0]!;
  for (let l = 0; l <= lags; l++) out[l] = c0 > 0 ? re[l]! / c0 : 0;
  return out;
}
