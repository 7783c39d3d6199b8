/**
 * Distribution quantiles and NaN-aware summaries the engine needs for prediction intervals.
 * Accuracy target is R's: the intervals are compared with R's to ~1e-10, so qnorm must be good to a
 * few ulps and qt to ~1e-12 relative.
 */

// Wichura (1988), Algorithm AS 241 (PPND16): rational approximations accurate to about 1e-16.
const A = [
  3.387132872796366608, 133.14166789178437745, 1971.5909503065514427, 13731.693765509461125,
  45921.953931549871457, 67265.770927008700853, 33430.575583588128105, 2509.0809287301226727,
];
const B = [
  1, 42.313330701600911252, 687.1870074920579083, 5394.1960214247511077, 21213.794301586595867,
  39307.89580009271061, 28729.085735721942674, 5226.495278852854561,
];
const C = [
  1.42343711074968357734, 4.6303378461565452959, 5.7694972214606914055, 3.64784832476320460504,
  1.27045825245236838258, 0.24178072517745061177, 0.0227238449892691845833, 7.7454501427834140764e-4,
];
const D = [
  1, 2.05319162663775882187, 1.6763848301838038494, 0.68976733498510000455, 0.14810397642748007459,
  0.0151986665636164571966, 5.475938084995344946e-4, 1.05075007164441684324e-9,
];
const E = [
  6.6579046435011037772, 5.4637849111641143699, 1.7848265399172913358, 0.29656057182850489123,
  0.026532189526576123093, 0.0012426609473880784386, 2.71155556874348757815e-5, 2.01033439929228813265e-7,
];
const F = [
  1, 0.59983220655588793769, 0.13692988092273580531, 0.0148753612908506148525, 7.868691311456132591e-4,
  1.8463183175100546818e-5, 1.4215117583164458887e-7, 2.04426310338993978564e-15,
];

function poly(c: number[], x: number): number {
  let s = 0;
  for (let i = c.length - 1; i >= 0; i--) s = s * x + c[i]!;
  return s;
}

/** Standard normal quantile. */
export function qnorm(p: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (q * poly(A, r)) / poly(B, r);
  }
  // Tail: work with the smaller of p and 1-p so tiny tail probabilities keep full relative accuracy.
  let r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  let v: number;
  if (r <= 5) {
    r -= 1.6;
    v = poly(C, r) / poly(D, r);
  } else {
    r -= 5;
    v = poly(E, r) / poly(F, r);
  }
  return q < 0 ? -v : v;
}

// ---- Student t ----------------------------------------------------------------------------------

const LN_SQRT_PI = 0.5 * Math.log(Math.PI);
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** log Γ(x) for x ≥ 0.5 (Lanczos, g = 7); only used for small arguments where it is exact enough. */
function lgammaSmall(x: number): number {
  const z = x - 1;
  let s = LANCZOS[0]!;
  for (let i = 1; i < LANCZOS.length; i++) s += LANCZOS[i]! / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(s);
}

/** Stirling-series remainder log Γ(x) − [(x−½)ln x − x + ½ln 2π], accurate to 1e-17 for x ≥ 10. */
function stirlingCorrection(x: number): number {
  const x2 = 1 / (x * x);
  return (
    (1 / 12 -
      x2 * (1 / 360 - x2 * (1 / 1260 - x2 * (1 / 1680 - x2 * (1 / 1188 - x2 * (691 / 360360 - x2 / 156)))))) /
    x
  );
}

/**
 * log B(a, ½). For large a, log Γ(a) − log Γ(a+½) cancels catastrophically, so the difference is
 * taken analytically from Stirling's series instead.
 */
function lbetaHalf(a: number): number {
  if (a < 10) return lgammaSmall(a) + LN_SQRT_PI - lgammaSmall(a + 0.5);
  const diff = -0.5 * Math.log(a) - a * Math.log1p(0.5 / a) + 0.5 + stirlingCorrection(a) - stirlingCorrection(a + 0.5);
  return LN_SQRT_PI + diff;
}

/** Continued fraction for the regularized incomplete beta (modified Lentz). */
function betaContinuedFraction(a: number, b: number, x: number, oneMinusX: number): number {
  const tiny = 1e-300;
  let c = 1;
  // 1 − (a+b)x/(a+1) rewritten to spare one cancellation when x is within 1/a of 1; later terms
  // still lose digits for huge a, which is why qt hands large df to Cornish–Fisher.
  let d = (1 - b + (a + b) * oneMinusX) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 100_000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-16) break;
  }
  return h;
}

interface TailEval {
  logQ: number; // log P(T > t)
  /** log P(|T| < t), computed directly (not as 1 − 2Q) when t is near 0, where Q is near ½. */
  logJ: number | null;
  logDensity: number; // log f(t)
}

/**
 * Upper tail of Student t at t ≥ 0, in logs so that quantiles far in the tail (df = 1, p = 1e-300)
 * keep relative accuracy: P(T > t) = ½ I_x(ν/2, ½) with x = ν/(ν+t²).
 */
function tUpper(t: number, df: number): TailEval {
  const a = df / 2;
  const lb = lbetaHalf(a);
  // r = t²/ν in logs, because t² overflows for the quantiles of tiny tail probabilities.
  const lnr = 2 * Math.log(t) - Math.log(df);
  const r = Math.exp(lnr);
  const log1pr = r < 1 ? Math.log1p(r) : lnr + Math.log1p(Math.exp(-lnr));
  const lnx = -log1pr;
  const ln1mx = lnr - log1pr;
  const logDensity = -0.5 * Math.log(df) - lb - ((df + 1) / 2) * log1pr;
  const x = Math.exp(lnx);
  const front = a * lnx + 0.5 * ln1mx - lb;
  if (x < (a + 1) / (a + 2.5)) {
    const logQ = Math.log(0.5) + front + Math.log(betaContinuedFraction(a, 0.5, x, Math.exp(ln1mx)) / a);
    return { logQ, logJ: null, logDensity };
  }
  const logJ = front + Math.log(betaContinuedFraction(0.5, a, Math.exp(ln1mx), x) / 0.5);
  return { logQ: Math.log(0.5) + Math.log1p(-Math.exp(logJ)), logJ, logDensity };
}

/** Cornish–Fisher expansion of the t quantile around the normal one; good start for moderate q. */
function cornishFisher(z: number, df: number): number {
  const z2 = z * z;
  const g1 = (z * (z2 + 1)) / 4;
  const g2 = (z * ((5 * z2 + 16) * z2 + 3)) / 96;
  const g3 = (z * (((3 * z2 + 19) * z2 + 17) * z2 - 15)) / 384;
  const g4 = (z * ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945)) / 92160;
  return z + (g1 + (g2 + (g3 + g4 / df) / df) / df) / df;
}

/** The t quantile with upper-tail probability q ∈ (0, ½). */
function tUpperQuantile(q: number, df: number): number {
  // Cauchy: near the centre use tan(π(½−q)), as ½−q is exact while πq would blur the tiny angle.
  if (df === 1) return q > 0.25 ? Math.tan(Math.PI * (0.5 - q)) : 1 / Math.tan(Math.PI * q);
  if (df === 2) return (1 - 2 * q) / Math.sqrt(2 * q * (1 - q));
  const logq = Math.log(q);
  const logTargetJ = Math.log(1 - 2 * q); // exact: 2q ∈ (0, 1) and 1 − 2q has no rounding for q ≥ ¼
  // Two starts: Cornish–Fisher (centre, large df) and the power-law tail P(T>t) ≈ k t^-ν; keep the closer.
  const lb = lbetaHalf(df / 2);
  const tailStart = Math.exp((-lb + ((df - 2) / 2) * Math.log(df) - logq) / df);
  const cf = cornishFisher(-qnorm(q), df);
  let u = Math.log(tailStart);
  if (Number.isFinite(cf) && cf > 0) {
    const a = Math.abs(tUpper(cf, df).logQ - logq);
    const b = Math.abs(tUpper(tailStart, df).logQ - logq);
    if (a < b) u = Math.log(cf);
  }
  // Newton on log P(T>t) against log t — nearly linear in the tail — guarded by a bisection bracket.
  let lo = -Infinity;
  let hi = Infinity;
  for (let iter = 0; iter < 200; iter++) {
    const t = Math.exp(u);
    if (t === Infinity) return t;
    const { logQ, logJ, logDensity } = tUpper(t, df);
    // Near the centre match P(|T|<t) to 1 − 2q: comparing Q ≈ ½ with q would lose the digits of t.
    const g = logJ === null ? logQ - logq : logTargetJ - logJ;
    const slope = logJ === null ? -Math.exp(u + logDensity - logQ) : -Math.exp(Math.log(2) + u + logDensity - logJ);
    if (g === 0) return t;
    if (g > 0) lo = u;
    else hi = u;
    let next = u - g / slope;
    if (!(next > lo && next < hi)) {
      next = Number.isFinite(lo) && Number.isFinite(hi) ? (lo + hi) / 2 : g > 0 ? u + 1 : u - 1;
    }
    if (Math.abs(next - u) <= 2e-16 * Math.max(1, Math.abs(u))) return Math.exp(next);
    if (Number.isFinite(lo) && Number.isFinite(hi) && hi - lo <= 2e-16 * Math.max(1, Math.abs(u))) {
      return Math.exp(next);
    }
    u = next;
  }
  return Math.exp(u);
}

/** Student t quantile for df > 0 (non-integer df allowed). */
export function qt(p: number, df: number): number {
  if (Number.isNaN(p) || Number.isNaN(df) || p < 0 || p > 1 || !(df > 0)) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p === 0.5) return 0;
  const q = p < 0.5 ? p : 1 - p;
  const z = -qnorm(q);
  // For large df the incomplete-beta continued fraction loses digits (x is within 1/df of 1), while
  // the Cornish–Fisher series is then exact to ~1e-15: its first omitted term is ~1e-4·(z²/df)^5.
  const t = df >= 3000 && df >= 64 * z * z ? cornishFisher(z, df) : tUpperQuantile(q, df);
  return p < 0.5 ? -t : t;
}

// ---- NaN-aware summaries ------------------------------------------------------------------------

export function countObserved(y: ArrayLike<number>): number {
  let n = 0;
  for (let i = 0; i < y.length; i++) if (!Number.isNaN(y[i]!)) n++;
  return n;
}

/** The non-NaN values in order, typed: long series hold 60,000 values or more. */
export function observedValues(y: ArrayLike<number>): Float64Array {
  const out = new Float64Array(countObserved(y));
  let k = 0;
  for (let i = 0; i < y.length; i++) {
    const v = y[i]!;
    if (!Number.isNaN(v)) out[k++] = v;
  }
  return out;
}

/** Mean of the non-NaN values; NaN when there are none. */
export function meanIgnoringNaN(y: ArrayLike<number>): number {
  let n = 0;
  let s = 0;
  for (let i = 0; i < y.length; i++) {
    const v = y[i]!;
    if (!Number.isNaN(v)) {
      n++;
      s += v;
    }
  }
  return n === 0 ? NaN : s / n;
}

/** Sample variance (n−1 denominator) of the non-NaN values; NaN with fewer than two. */
export function varianceIgnoringNaN(y: ArrayLike<number>): number {
  const m = meanIgnoringNaN(y);
  let n = 0;
  let ss = 0;
  for (let i = 0; i < y.length; i++) {
    const v = y[i]!;
    if (!Number.isNaN(v)) {
      n++;
      ss += (v - m) * (v - m);
    }
  }
  return n < 2 ? NaN : ss / (n - 1);
}
