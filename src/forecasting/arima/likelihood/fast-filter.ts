/**
 * Fast exact likelihood for fully observed series. Two phases:
 *  1. Chandrasekhar recursions (Morf, Sidhu & Kailath 1974): with the stationary start, the change in
 *     the predicted covariance P_{t+1} - P_t has rank one, m_t w_t w_t', so only vectors are propagated
 *     (O(r) per step instead of O(r^2)). With f = Z P Z', kappa = T P Z', u = T w, s = w[0]:
 *       f' = f + m s^2,  kappa' = kappa + m s u,  w' = (f u - s kappa) / f',  m' = m f' / f.
 *  2. Once P has converged to R R' (invertible MA: f = 1 and no further change), the filter is the
 *     plain ARMA recursion a_{t+1} = T (a_t + R v_t), which touches only the nonzero lags: O(nnz) per
 *     step. The state lives in a sliding window of one long array so the shift costs nothing. When
 *     no final state is wanted (every likelihood evaluation), r steps later the recursion switches to
 *     its direct form on values and innovations (steadyInnovations).
 * Seasonal models with m = 336 thus cost O(r) per step at worst, never O(r^2).
 */
import { applyT, type ArmaSystem } from './system.ts';
import { q0Full } from './stationary-init.ts';
import type { FilterResult, FilterState } from './kalman.ts';

const CONVERGED = 1e-13;

interface Scratch {
  r: number;
  a: Float64Array;
  tmp: Float64Array;
  kap: Float64Array;
  wv: Float64Array;
  u: Float64Array;
}

function newScratch(r: number): Scratch {
  const v = () => new Float64Array(r);
  return { r, a: v(), tmp: v(), kap: v(), wv: v(), u: v() };
}

let scratch = newScratch(8);

let bigScratch = new Float64Array(256);

let innovBuffer = new Float64Array(256);

/** Innovations to read back when the caller wants none of its own. */
function innovScratch(n: number): Float64Array {
  if (innovBuffer.length < n) innovBuffer = new Float64Array(Math.max(n, 2 * innovBuffer.length));
  return innovBuffer;
}

/**
 * The steady phase's innovations from t on in direct form: once P = R R' the prediction of w_t is
 * sum_i phi_i w_{t-i} + sum_j theta_j v_{t-j} (unroll a_{t+1} = T (a_t + R v_t) over the state's r
 * entries), so each step reads the last values and innovations and stores one number, where the state
 * form updates every nonzero lag of the state in memory: an evaluation at n = 60,000 takes about half
 * the time (docs/benchmarks.md). Needs `from` - r >= the step where the steady phase began (every value
 * and innovation read is then one of that phase). Writes v_t into e; returns their sum of squares.
 */
function steadyInnovations(sys: ArmaSystem, w: Float64Array, e: Float64Array, from: number): number {
  const { phi, phiNz, R, rNz } = sys;
  const n = w.length;
  const np = phiNz.length;
  const nr = rNz.length;
  let ssq = 0;
  if ((np === 0 || phiNz[np - 1] === np) && rNz[nr - 1] === nr - 1) {
    // AR lags 1..p and MA lags 1..q all present: direct indexing.
    const q = nr - 1;
    if (np <= 5 && q <= 5) return steadyUnrolled(phi, np, R, q, w, e, from);
    for (let t = from; t < n; t++) {
      let v = w[t]!;
      for (let j = 0; j < np; j++) v -= phi[j]! * w[t - 1 - j]!;
      for (let u = 1; u <= q; u++) v -= R[u]! * e[t - u]!;
      e[t] = v;
      ssq += v * v;
    }
    return ssq;
  }
  for (let t = from; t < n; t++) {
    let v = w[t]!;
    for (let k = 0; k < np; k++) {
      const l = phiNz[k]!;
      v -= phi[l - 1]! * w[t - l]!;
    }
    for (let k = 1; k < nr; k++) {
      const u = rNz[k]!;
      v -= R[u]! * e[t - u]!;
    }
    e[t] = v;
    ssq += v * v;
  }
  return ssq;
}

/**
 * steadyInnovations' dense loop for p, q <= 5 (auto_arima's orders): coefficients and the last q
 * innovations in locals, lag loops unrolled. Reading back the innovation just stored put a
 * store-to-load forwarding delay on the recursion's critical path (ma-recursion.ts). Same
 * subtractions in the same order, so the same values to the bit. Needs from >= max(p, q).
 *
 * css.ts's denseResidualsInto unrolls the same recursion, and ma-recursion.ts holds its MA half the
 * same way; they stay three loops on purpose. One kernel for the CSS residuals and this phase, with
 * a flag for css.ts's NaN and infinity rules, was tried: this loop ran 2.3x slower with the flag
 * (0.19 -> 0.44 ms for ARMA(4,2) at n = 60,000) and 1.25x slower with the rules applied here too.
 */
function steadyUnrolled(phi: Float64Array, p: number, R: Float64Array, q: number, w: Float64Array, e: Float64Array, from: number): number {
  const n = w.length;
  const f1 = p > 0 ? phi[0]! : 0;
  const f2 = p > 1 ? phi[1]! : 0;
  const f3 = p > 2 ? phi[2]! : 0;
  const f4 = p > 3 ? phi[3]! : 0;
  const f5 = p > 4 ? phi[4]! : 0;
  const r1 = q > 0 ? R[1]! : 0;
  const r2 = q > 1 ? R[2]! : 0;
  const r3 = q > 2 ? R[3]! : 0;
  const r4 = q > 3 ? R[4]! : 0;
  const r5 = q > 4 ? R[5]! : 0;
  let e1 = q > 0 ? e[from - 1]! : 0;
  let e2 = q > 1 ? e[from - 2]! : 0;
  let e3 = q > 2 ? e[from - 3]! : 0;
  let e4 = q > 3 ? e[from - 4]! : 0;
  let e5 = q > 4 ? e[from - 5]! : 0;
  let ssq = 0;
  for (let t = from; t < n; t++) {
    let v = w[t]!;
    if (p > 0) {
      v -= f1 * w[t - 1]!;
      if (p > 1) {
        v -= f2 * w[t - 2]!;
        if (p > 2) {
          v -= f3 * w[t - 3]!;
          if (p > 3) {
            v -= f4 * w[t - 4]!;
            if (p > 4) v -= f5 * w[t - 5]!;
          }
        }
      }
    }
    if (q > 0) {
      v -= r1 * e1;
      if (q > 1) {
        v -= r2 * e2;
        if (q > 2) {
          v -= r3 * e3;
          if (q > 3) {
            v -= r4 * e4;
            if (q > 4) v -= r5 * e5;
          }
        }
      }
    }
    e[t] = v;
    ssq += v * v;
    e5 = e4;
    e4 = e3;
    e3 = e2;
    e2 = e1;
    e1 = v;
  }
  return ssq;
}

/** max_i v[i]^2 over the first r entries: the size of the covariance's last rank-one change. */
function maxSquare(v: Float64Array, r: number): number {
  let m = 0;
  for (let i = 0; i < r; i++) if (v[i]! * v[i]! > m) m = v[i]! * v[i]!;
  return m;
}

/** `innov`, if given, receives the standardized innovations v_t / sqrt(f_t). */
export function fastFilter(
  sys: ArmaSystem,
  w: Float64Array,
  wantState = false,
  innov?: Float64Array,
): FilterResult & { state?: FilterState } {
  const r = sys.r;
  const n = w.length;
  // Scratch vectors reused across calls (the optimisers call this thousands of times per fit);
  // only the first r entries are used. `a` starts at zero as a fresh array would.
  if (scratch.r < r) scratch = newScratch(r);
  const { a, tmp, kap, wv, u } = scratch;
  a.fill(0, 0, r);
  let f = sys.c0[0]!;
  applyT(sys, sys.c0, kap);
  wv.set(kap);
  let mm = -1 / f;
  const P = wantState ? q0Full(sys.c0, sys.phi, sys.theta, r) : undefined;
  let ssq = 0;
  let sumlog = 0;
  let t = 0;
  let steady = false;
  const phiNz = sys.phiNz;
  // The highest AR lag: T is applied inline over lags 1..lp, fused with the updates. A lag absent from
  // a seasonal product (say 2..11 of (1 − φB)(1 − ΦB¹²)) has phi exactly 0, and adding its 0·a₀ leaves
  // every entry as applyT computes it (up to the sign of a zero, which nothing divides by), while the
  // fused loop saves applyT's two passes over the state per step: they were most of the general loop's
  // time on seasonal AR models, whose Chandrasekhar phase lasts the whole of a short series.
  const lp = phiNz.length === 0 ? 0 : phiNz[phiNz.length - 1]!;
  if (!P) {
    const phi = sys.phi;
    // The loops run in segments so no entry tests its index: lags below both lp and r - 1 have a
    // successor and an AR term, then successors only, then the last entry (an AR term if lp = r).
    const both = Math.min(lp, r - 1);
    const lastPhi = lp === r ? phi[r - 1]! : 0;
    // sum log f is taken as the log of products of up to 16 factors: a logarithm a step was a tenth
    // of this loop's time. f >= 1 up to rounding (P only shrinks towards R R') and f <= f_0, so a
    // product is flushed before it could overflow.
    let fprod = 1;
    let nprod = 0;
    for (; t < n; t++) {
      const a0 = a[0]!;
      const v = w[t]! - a0;
      ssq += (v * v) / f;
      fprod *= f;
      if (++nprod === 16 || fprod > 1e200) {
        sumlog += Math.log(fprod);
        fprod = 1;
        nprod = 0;
      }
      if (innov) innov[t] = v / Math.sqrt(f);
      const g = v / f;
      const s = wv[0]!;
      const fNew = f + mm * s * s;
      const ms = mm * s;
      // w' = (f u - s kappa) / f' as two products: one division a step instead of one an entry.
      const fr = f / fNew;
      const sr = s / fNew;
      // The state, w and kappa in one pass: entry i reads only entries i and i + 1 of the old ones.
      let i = 0;
      for (; i < both; i++) {
        const ki = kap[i]!;
        const phii = phi[i]!;
        a[i] = a[i + 1]! + phii * a0 + ki * g;
        const ui = wv[i + 1]! + phii * s;
        wv[i] = fr * ui - sr * ki;
        kap[i] = ki + ms * ui;
      }
      for (; i < r - 1; i++) {
        const ki = kap[i]!;
        a[i] = a[i + 1]! + ki * g;
        const ui = wv[i + 1]!;
        wv[i] = fr * ui - sr * ki;
        kap[i] = ki + ms * ui;
      }
      {
        const ki = kap[r - 1]!;
        a[r - 1] = (lp === r ? lastPhi * a0 : 0) + ki * g;
        const ui = lp === r ? lastPhi * s : 0;
        wv[r - 1] = fr * ui - sr * ki;
        kap[r - 1] = ki + ms * ui;
      }
      mm = (mm * fNew) / f;
      f = fNew;
      // The state's change is measured only once f has converged (it rarely has, and the scan costs
      // a compare per entry).
      if (Math.abs(f - 1) < CONVERGED && Math.abs(mm) * maxSquare(wv, r) < CONVERGED) {
        steady = true;
        t++;
        break;
      }
    }
    sumlog += Math.log(fprod);
  }
  for (; t < n && !steady; t++) {
    const v = w[t]! - a[0]!;
    ssq += (v * v) / f;
    sumlog += Math.log(f);
    if (innov) innov[t] = v / Math.sqrt(f);
    const g = v / f;
    applyT(sys, a, tmp);
    for (let i = 0; i < r; i++) a[i] = tmp[i]! + kap[i]! * g;
    if (P) {
      for (let i = 0; i < r; i++) {
        const wi = mm * wv[i]!;
        if (wi === 0) continue;
        const row = i * r;
        for (let j = 0; j < r; j++) P[row + j]! += wi * wv[j]!;
      }
    }
    const s = wv[0]!;
    applyT(sys, wv, u);
    const fNew = f + mm * s * s;
    let wmax = 0;
    for (let i = 0; i < r; i++) {
      const ui = u[i]!;
      const ki = kap[i]!;
      const wi = (f * ui - s * ki) / fNew;
      kap[i] = ki + mm * s * ui;
      wv[i] = wi;
      const aw = wi * wi;
      if (aw > wmax) wmax = aw;
    }
    mm = (mm * fNew) / f;
    f = fNew;
    if (Math.abs(f - 1) < CONVERGED && Math.abs(mm) * wmax < CONVERGED) {
      steady = true;
      t++;
      break;
    }
  }
  let state: FilterState | undefined;
  if (steady) {
    const len = r + (n - t) + 1;
    if (bigScratch.length < len) bigScratch = new Float64Array(Math.max(len, 2 * bigScratch.length));
    const big = bigScratch;
    big.set(a.subarray(0, r), 0);
    big.fill(0, r, len);
    let base = 0;
    const R = sys.R;
    const rNz = sys.rNz;
    const phi = sys.phi;
    const phiNz = sys.phiNz;
    // With no final state wanted, the state form runs only r steps: from then on every value and
    // innovation the prediction needs is one of the steady phase, and the direct form takes over.
    const e = wantState ? innov : (innov ?? innovScratch(n));
    const stop = wantState ? n : Math.min(n, t + r);
    for (; t < stop; t++) {
      const v = w[t]! - big[base]!;
      ssq += v * v;
      if (e) e[t] = v;
      for (let k = 0; k < rNz.length; k++) {
        const i = rNz[k]!;
        big[base + i]! += R[i]! * v;
      }
      const b0 = big[base]!;
      base++;
      for (let k = 0; k < phiNz.length; k++) {
        const sl = phiNz[k]!;
        big[base + sl - 1]! += phi[sl - 1]! * b0;
      }
    }
    if (!wantState) ssq += steadyInnovations(sys, w, e!, t);
    else {
      const Pss = new Float64Array(r * r);
      for (let i = 0; i < r; i++) for (let j = 0; j < r; j++) Pss[i * r + j] = R[i]! * R[j]!;
      state = { a: big.slice(base, base + r), P: Pss };
    }
  } else if (wantState) {
    state = { a: a.slice(0, r), P: P! };
  }
  return { ssq, sumlog, nu: n, state };
}
