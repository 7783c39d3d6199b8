/**
 * Exact likelihood with missing values for large state dimensions, O(r k) per step instead of the
 * dense filter's O(r^2). The increment of the predicted covariance, dP_t = P_{t+1} - P_t, is kept
 * as W M W' with few columns k:
 *   dP_{t+1} = T dP_t T' - o_{t+1} K_{t+1} K_{t+1}'/F_{t+1} + o_t K_t K_t'/F_t   (o: observed flags,
 *   K = T P Z'). Between two observed steps this is the Chandrasekhar form (rank kept):
 *   W <- (T - K_{t+1} Z / F_{t+1}) W,  M <- M + M s s' M / F_t  (s = W' Z');
 * at the edges of a gap the K terms are appended as new columns. Columns are recompressed (QR,
 * then the eigenvectors of the small core) so resolved gaps stop costing anything.
 * With the stationary start dP_0 is rank one (or zero before a missing first value).
 */
import { applyT, type ArmaSystem } from './system.ts';
import type { FilterResult } from './kalman.ts';
import { symmetricEigen } from '../linalg.ts';

const COMPRESS_AT = 8;

export function lowRankFilter(sys: ArmaSystem, w: ArrayLike<number>, innov?: Float64Array): FilterResult {
  const r = sys.r;
  const n = w.length;
  const a = new Float64Array(r);
  const ta = new Float64Array(r);
  const kvec = Float64Array.from(sys.c0); // P_t Z'
  const Kt = new Float64Array(r); // T P_t Z'
  const Knext = new Float64Array(r);
  let cols: Float64Array[] = [];
  let M: number[][] = [];
  const obs = (t: number) => t < n && !Number.isNaN(w[t]!);
  let f = kvec[0]!;
  applyT(sys, kvec, Kt);
  if (obs(0)) {
    cols = [Float64Array.from(Kt)];
    M = [[-1 / f]];
  }
  const spare: Float64Array[] = [];
  let s = new Float64Array(16);
  let Ms = new Float64Array(16);
  let ssq = 0;
  let sumlog = 0;
  let nu = 0;
  for (let t = 0; t < n; t++) {
    const o = obs(t);
    applyT(sys, a, ta);
    if (o) {
      const v = w[t]! - a[0]!;
      ssq += (v * v) / f;
      sumlog += Math.log(f);
      if (innov) innov[nu] = v / Math.sqrt(f);
      nu++;
      const g = v / f;
      for (let i = 0; i < r; i++) a[i] = ta[i]! + Kt[i]! * g;
    } else {
      a.set(ta);
    }
    if (t === n - 1) break;
    // P_{t+1} Z' = P_t Z' + W M s.
    const k = cols.length;
    if (s.length < k) {
      s = new Float64Array(2 * k);
      Ms = new Float64Array(2 * k);
    }
    for (let j = 0; j < k; j++) s[j] = cols[j]![0]!;
    for (let i = 0; i < k; i++) {
      let acc = 0;
      const row = M[i]!;
      for (let j = 0; j < k; j++) acc += row[j]! * s[j]!;
      Ms[i] = acc;
    }
    for (let j = 0; j < k; j++) {
      const c = cols[j]!;
      const mj = Ms[j]!;
      if (mj !== 0) for (let i = 0; i < r; i++) kvec[i]! += c[i]! * mj;
    }
    const fNext = kvec[0]!;
    applyT(sys, kvec, Knext);
    const on = obs(t + 1);
    // T W for every column, into recycled buffers.
    const moved: Float64Array[] = new Array(k);
    for (let j = 0; j < k; j++) {
      const out = spare.pop() ?? new Float64Array(r);
      applyT(sys, cols[j]!, out);
      moved[j] = out;
    }
    for (const c of cols) spare.push(c);
    if (o && on) {
      for (let j = 0; j < k; j++) {
        const c = moved[j]!;
        const sj = s[j]! / fNext;
        if (sj !== 0) for (let i = 0; i < r; i++) c[i]! -= Knext[i]! * sj;
      }
      for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) M[i]![j]! += (Ms[i]! * Ms[j]!) / f;
      cols = moved;
    } else {
      cols = moved;
      if (o) {
        cols.push(Float64Array.from(Kt));
        M = grow(M, 1 / f);
      }
      if (on) {
        cols.push(Float64Array.from(Knext));
        M = grow(M, -1 / fNext);
      }
      if (cols.length >= COMPRESS_AT) [cols, M] = compress(cols, M, r, fNext);
    }
    // Resolved gaps leave decayed columns behind: sweep them out now and then.
    if ((t & 255) === 255 && cols.length > 0) [cols, M] = compress(cols, M, r, fNext);
    f = fNext;
    Kt.set(Knext);
  }
  return { ssq, sumlog, nu };
}

function grow(M: number[][], d: number): number[][] {
  const k = M.length;
  const out = M.map((row) => [...row, 0]);
  out.push(new Array(k + 1).fill(0));
  out[k]![k] = d;
  return out;
}

/** W M W' rewritten as Q V diag(l) V' Q' with negligible eigen-directions dropped. */
function compress(cols: Float64Array[], M: number[][], r: number, f: number): [Float64Array[], number[][]] {
  const k = cols.length;
  // Modified Gram–Schmidt: cols = Q R.
  const Q: Float64Array[] = [];
  const R: number[][] = Array.from({ length: k }, () => new Array(k).fill(0));
  for (let j = 0; j < k; j++) {
    const v = Float64Array.from(cols[j]!);
    for (let i = 0; i < Q.length; i++) {
      const q = Q[i]!;
      let d = 0;
      for (let x = 0; x < r; x++) d += q[x]! * v[x]!;
      R[i]![j] = d;
      for (let x = 0; x < r; x++) v[x]! -= d * q[x]!;
    }
    let norm = 0;
    for (let x = 0; x < r; x++) norm += v[x]! * v[x]!;
    norm = Math.sqrt(norm);
    if (norm > 1e-300) {
      for (let x = 0; x < r; x++) v[x]! /= norm;
      R[Q.length]![j] = norm;
      Q.push(v);
    }
  }
  const q = Q.length;
  // Core S = R M R' (q x q).
  const S = new Float64Array(q * q);
  for (let i = 0; i < q; i++) {
    for (let j = 0; j < q; j++) {
      let acc = 0;
      for (let a = 0; a < k; a++) {
        const ria = R[i]![a]!;
        if (ria === 0) continue;
        for (let b = 0; b < k; b++) acc += ria * M[a]![b]! * R[j]![b]!;
      }
      S[i * q + j] = acc;
    }
  }
  const { values, vectors } = symmetricEigen(S, q);
  // Eigenvalues are covariance increments on the scale of f = Z P Z'.
  let scale = f;
  for (const l of values) scale = Math.max(scale, Math.abs(l));
  const keepCols: Float64Array[] = [];
  const keepVals: number[] = [];
  for (let e = 0; e < q; e++) {
    if (Math.abs(values[e]!) <= 1e-15 * scale) continue;
    const c = new Float64Array(r);
    for (let i = 0; i < q; i++) {
      const vi = vectors[i * q + e]!;
      if (vi === 0) continue;
      const qi = Q[i]!;
      for (let x = 0; x < r; x++) c[x]! += qi[x]! * vi;
    }
    keepCols.push(c);
    keepVals.push(values[e]!);
  }
  const Mn = keepVals.map((l, i) => keepVals.map((_, j) => (i === j ? l : 0)));
  return [keepCols, Mn];
}
