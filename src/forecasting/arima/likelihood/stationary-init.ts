/**
 * Exact initial state covariance Q0 of the stationary ARMA part (R's Harvey form: state dimension
 * r = max(p, q+1), y_t = a_t[0]). R's getQ0 (Gardner et al. 1980) needs O(r^4) memory, hopeless for
 * seasonal periods like 336; instead Q0 is built from the process autocovariances:
 *   Q0[i][0] = Cov(a_t[i], y_t) = sum_{s>i} phi_s gamma(s-i) + sum_{u>=i} theta_u psi_{u-i},
 * and the rest follows from Q0 = T Q0 T' + R R' walking the diagonals up from the bottom-right, O(r^2).
 * The autocovariances of phi(B)Phi(B^m) x = theta(B)Theta(B^m) e come from the expanded polynomials by
 * the step-down recursion (armaAcov) while the expanded AR part is short; for long seasonal products,
 * as the seasonal ARMA's (nonzero at multiples of m) convolved with the non-seasonal ARMA's.
 * All variances are per unit innovation variance.
 */
import { solveInPlace } from '../linalg.ts';
import { expand, type Expanded, type Orders } from '../structure.ts';

/**
 * Exact autocovariances gamma(0..nlag) of an ARMA(p,q) with unit innovation variance.
 *
 * x = (1/phi(B)) w with w = theta(B) e, so gamma_x(k) = sum_{|j|<=q} gamma_w(j) c(k - j), where c is the
 * autocovariance of the pure AR 1/phi(B) and gamma_w the MA's (finite). c comes from the step-down
 * (reverse Levinson–Durbin) recursion: the reflection coefficients kappa_p..kappa_1 and the AR
 * polynomials of every order, then c(0) = 1 / prod(1 - kappa_j^2) and c(k) = sum_i a^(k)_i c(k - i).
 * That is O(p^2) where the (p+1)-dimensional linear system it replaces was O(p^3): with a seasonal
 * AR factor, p = 13..26 on monthly data, that solve was a fifth of auto_arima's time. A polynomial
 * with |kappa| >= 1 (not stationary) has no such start; it keeps the linear system, whose answer the
 * optimisers have always been given there.
 */
export function armaAcov(phi: ArrayLike<number>, theta: ArrayLike<number>, nlag: number, into?: Float64Array): Float64Array {
  const p = phi.length;
  const q = theta.length;
  const len = Math.max(nlag, p) + 1;
  // `into` (scratch of the caller's, at least len long) spares the per-evaluation allocation.
  const out = into ? into.subarray(0, len) : new Float64Array(len);
  if (p === 0 || !arAcovInto(phi, len - 1 + q, acovC)) return acovBySolve(phi, theta, nlag, out);
  const c = acovC.v;
  // gamma_w(0..q) with theta_0 = 1.
  if (acovW.length < q + 1) acovW = new Float64Array(2 * (q + 1));
  const gw = acovW;
  for (let j = 0; j <= q; j++) {
    let v = 0;
    for (let u = 0; u + j <= q; u++) v += (u === 0 ? 1 : theta[u - 1]!) * (u + j === 0 ? 1 : theta[u + j - 1]!);
    gw[j] = v;
  }
  for (let k = 0; k < out.length; k++) {
    let v = gw[0]! * c[k]!;
    for (let j = 1; j <= q; j++) {
      const g = gw[j]!;
      if (g !== 0) v += g * (c[Math.abs(k - j)]! + c[k + j]!);
    }
    out[k] = v;
  }
  return out.length === nlag + 1 ? out : out.subarray(0, nlag + 1);
}

/** Scratch of armaAcov, reused across calls (it runs per likelihood evaluation). */
const acovC = { v: new Float64Array(64), orders: new Float64Array(64) };
let acovW = new Float64Array(16);

/**
 * c(0..K) of 1/phi(B) with unit innovation variance into out.v, by the step-down recursion; false
 * where phi is not stationary (a reflection coefficient of modulus >= 1, or not finite).
 */
function arAcovInto(phi: ArrayLike<number>, K: number, out: { v: Float64Array; orders: Float64Array }): boolean {
  const p = phi.length;
  // a^(j) for j = p..1 in rows of length p (row j - 1 holds a^(j)_1..a^(j)_j).
  if (out.orders.length < p * p) out.orders = new Float64Array(2 * p * p);
  if (out.v.length < K + 1) out.v = new Float64Array(2 * (K + 1));
  const A = out.orders;
  const c = out.v;
  const top = (p - 1) * p;
  for (let i = 0; i < p; i++) A[top + i] = phi[i]!;
  let prod = 1;
  for (let j = p; j >= 1; j--) {
    const row = (j - 1) * p;
    const kappa = A[row + j - 1]!;
    const den = 1 - kappa * kappa;
    if (!(den > 0)) return false;
    prod *= den;
    if (j === 1) break;
    const below = (j - 2) * p;
    for (let i = 0; i < j - 1; i++) A[below + i] = (A[row + i]! + kappa * A[row + j - 2 - i]!) / den;
  }
  if (!(prod > 0) || !Number.isFinite(1 / prod)) return false;
  c[0] = 1 / prod;
  for (let k = 1; k <= Math.min(p, K); k++) {
    const row = (k - 1) * p;
    let v = 0;
    for (let i = 1; i <= k; i++) v += A[row + i - 1]! * c[k - i]!;
    c[k] = v;
  }
  for (let k = p + 1; k <= K; k++) {
    let v = 0;
    for (let i = 1; i <= p; i++) {
      const a = phi[i - 1]!;
      if (a !== 0) v += a * c[k - i]!;
    }
    c[k] = v;
  }
  return true;
}

/** The (p+1)x(p+1) linear system for gamma(0..p), then the AR recursion: for a phi with no stationary start. */
function acovBySolve(phi: ArrayLike<number>, theta: ArrayLike<number>, nlag: number, out: Float64Array): Float64Array {
  const p = phi.length;
  const q = theta.length;
  // psi_0..psi_q of the MA(infinity) form, enough for the right-hand sides.
  if (acovPsi.length < q + 1) acovPsi = new Float64Array(2 * (q + 1));
  const psi = acovPsi;
  psi[0] = 1;
  for (let j = 1; j <= q; j++) {
    let s = theta[j - 1]!;
    for (let i = 1; i <= Math.min(j, p); i++) s += phi[i - 1]! * psi[j - i]!;
    psi[j] = s;
  }
  if (p === 0) {
    for (let k = 0; k <= Math.min(q, nlag); k++) out[k] = maRhs(theta, psi, q, k);
    return out.length === nlag + 1 ? out : out.subarray(0, nlag + 1);
  }
  // gamma(k) - sum_i phi_i gamma(|k-i|) = rhs(k).
  const n = p + 1;
  if (acovA.length < n * n) acovA = new Float64Array(4 * n * n);
  if (acovB.length < n) acovB = new Float64Array(2 * n);
  const A = acovA;
  const b = acovB;
  A.fill(0, 0, n * n);
  for (let k = 0; k < n; k++) {
    A[k * n + k]! += 1;
    for (let i = 1; i <= p; i++) A[k * n + Math.abs(k - i)]! -= phi[i - 1]!;
    b[k] = maRhs(theta, psi, q, k);
  }
  solveInPlace(A, b, n);
  for (let k = 0; k < n; k++) out[k] = b[k]!;
  for (let k = n; k < out.length; k++) {
    let s = k <= q ? maRhs(theta, psi, q, k) : 0;
    for (let i = 1; i <= p; i++) s += phi[i - 1]! * out[k - i]!;
    out[k] = s;
  }
  return out.length === nlag + 1 ? out : out.subarray(0, nlag + 1);
}

let acovPsi = new Float64Array(16);
let acovA = new Float64Array(64);
let acovB = new Float64Array(16);

/** sum_{j=k..q} theta_j psi_{j-k} with theta_0 = 1 (a plain function: this runs per likelihood evaluation). */
function maRhs(theta: ArrayLike<number>, psi: Float64Array, q: number, k: number): number {
  let s = 0;
  for (let j = k; j <= q; j++) s += (j === 0 ? 1 : theta[j - 1]!) * psi[j - k]!;
  return s;
}

/** coef[from .. from + len) (a view when coef is typed: this runs per likelihood evaluation). */
function coefPart(coef: ArrayLike<number>, from: number, len: number): ArrayLike<number> {
  if (coef instanceof Float64Array) return coef.subarray(from, from + len);
  const out = new Array<number>(len);
  for (let i = 0; i < len; i++) out[i] = coef[from + i]!;
  return out;
}

/** Autocovariances gamma(0..nlag) of the full seasonal ARMA given by its factor coefficients. */
export function seasonalAcov(s: Orders, coef: ArrayLike<number>, nlag: number, expanded?: Expanded, into?: Float64Array): Float64Array {
  // Without seasonal factors the expanded polynomials are the coefficients themselves.
  if (s.P === 0 && s.Q === 0) {
    return expanded ? armaAcov(expanded.phi, expanded.theta, nlag, into) : armaAcov(coefPart(coef, 0, s.p), coefPart(coef, s.p, s.q), nlag, into);
  }
  const m = s.m;
  // Short expanded AR polynomial: the step-down recursion on it is exact and cheapest.
  if (s.p + m * s.P <= 64) {
    const { phi, theta } = expanded ?? expand(s, coef);
    return armaAcov(phi, theta, nlag, into);
  }
  const ar = coefPart(coef, 0, s.p);
  const ma = coefPart(coef, s.p, s.q);
  const sar = coefPart(coef, s.p + s.q, s.P);
  const sma = coefPart(coef, s.p + s.q + s.P, s.Q);
  // Non-seasonal autocovariances far enough out that the dropped tail is negligible.
  let L = Math.max(nlag, s.q) + m * (s.Q + 2);
  let g = armaAcov(ar, ma, L);
  if (s.p > 0) {
    const tol = 1e-15 * g[0]!;
    while (L < 400_000 && (Math.abs(g[L]!) > tol || Math.abs(g[L - 1]!) > tol)) {
      L *= 2;
      g = armaAcov(ar, ma, L);
    }
  }
  const lmax = Math.ceil((nlag + L) / m) + 1;
  const gs = armaAcov(sar, sma, lmax);
  const out = new Float64Array(nlag + 1);
  for (let k = 0; k <= nlag; k++) {
    let acc = 0;
    // Seasonal lags l*m within L of k contribute gamma_S(|l|) * g(|k - l m|).
    const lo = Math.ceil((k - L) / m);
    const hi = Math.floor((k + L) / m);
    for (let l = lo; l <= hi; l++) {
      const gl = gs[Math.abs(l)]!;
      if (gl === 0) continue;
      acc += gl * g[Math.abs(k - l * m)]!;
    }
    out[k] = acc;
  }
  return out;
}

/** psi_0..psi_{n-1} of the MA(infinity) form of the expanded model (into `into`, if given). */
export function psiWeights(phi: Float64Array, theta: Float64Array, phiNz: Int32Array, n: number, into?: Float64Array): Float64Array {
  const psi = into ? into.subarray(0, n) : new Float64Array(n);
  if (n > 0) psi[0] = 1;
  for (let j = 1; j < n; j++) {
    let v = j <= theta.length ? theta[j - 1]! : 0;
    for (let t = 0; t < phiNz.length; t++) {
      const s = phiNz[t]!;
      if (s > j) break;
      v += phi[s - 1]! * psi[j - s]!;
    }
    psi[j] = v;
  }
  return psi;
}

/** Scratch of q0FirstColumn's autocovariances and MA(infinity) weights (it runs per likelihood evaluation). */
let q0Gamma = new Float64Array(64);
let q0Psi = new Float64Array(64);

/**
 * First column of Q0: c[i] = Cov(a_t[i], y_t), length r (`expanded`: expand(s, coef), if at hand).
 * Written into `into` (length >= r) when given, which the caller then owns until its next call.
 */
export function q0FirstColumn(
  s: Orders,
  coef: ArrayLike<number>,
  phi: Float64Array,
  theta: Float64Array,
  phiNz: Int32Array,
  thetaNz: Int32Array,
  r: number,
  expanded?: Expanded,
  into?: Float64Array,
): Float64Array {
  const need = Math.max(r, s.p + s.m * s.P) + 1;
  if (q0Gamma.length < need) q0Gamma = new Float64Array(2 * need);
  if (q0Psi.length < r) q0Psi = new Float64Array(2 * r);
  const gamma = seasonalAcov(s, coef, r, expanded, q0Gamma);
  const psi = psiWeights(phi, theta, phiNz, r, q0Psi);
  const c = into ? into.subarray(0, r) : new Float64Array(r);
  for (let i = 0; i < r; i++) {
    let v = i === 0 ? 1 : 0; // theta_0 psi_0 term
    for (let t = 0; t < phiNz.length; t++) {
      const sl = phiNz[t]!;
      if (sl > i) v += phi[sl - 1]! * gamma[sl - i]!;
    }
    for (let t = 0; t < thetaNz.length; t++) {
      const u = thetaNz[t]!;
      if (u >= i) v += theta[u - 1]! * psi[u - i]!;
    }
    c[i] = v;
  }
  return c;
}

/** Full Q0 (row-major r x r) from its first column via Q0 = T Q0 T' + R R'. */
export function q0Full(c: Float64Array, phi: Float64Array, theta: Float64Array, r: number): Float64Array {
  const Q = new Float64Array(r * r);
  const ph = (i: number) => (i < phi.length ? phi[i]! : 0); // phi_{i+1}
  const R = (i: number) => (i === 0 ? 1 : i - 1 < theta.length ? theta[i - 1]! : 0);
  for (let i = r - 1; i >= 1; i--) {
    for (let k = r - 1; k >= i; k--) {
      let v = ph(i) * ph(k) * c[0]! + R(i) * R(k);
      v += ph(i) * (k + 1 < r ? c[k + 1]! : 0) + ph(k) * (i + 1 < r ? c[i + 1]! : 0);
      if (i + 1 < r && k + 1 < r) v += Q[(i + 1) * r + k + 1]!;
      Q[i * r + k] = v;
      Q[k * r + i] = v;
    }
  }
  for (let i = 0; i < r; i++) {
    Q[i] = c[i]!;
    Q[i * r] = c[i]!;
  }
  return Q;
}
