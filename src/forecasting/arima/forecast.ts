/**
 * Forecasts from the filter state, with the exact forecast variance of the integrated model.
 * With u = y - regression and w its differences, u's forecast error at horizon h is
 *   e_u(h) = v_h' (a_{n+1} - a) + sum_{k=0}^{h-2} psi*_k eps_{n+h-k},
 * where v_h = sum_j c_j (Z T^{h-1-j})' (c the expansion of 1/differencing operator, built by the
 * recursion v_h = g_{h-1} + sum delta_i v_{h-i}) and psi* are the psi-weights of the integrated model.
 * So var_h = sigma2 (v_h' P v_h + sum psi*_k^2). Cost O(h r (r + nnz)), no state of dimension r + D*m.
 */
import { differencingPoly, nonzeros, type Structure } from './structure.ts';
import { applyT } from './likelihood/system.ts';
import { regressorAt } from './problem.ts';
import { regressionPart, systemOf, unpackUpper, type ArimaState } from './state.ts';

export interface ArimaForecast {
  mean: Float64Array;
  /** Standard error of each forecast. */
  se: Float64Array;
}

/** `futureXreg`: each external regressor's values at the h forecast times (none without regressors). */
export function forecastState(s: Structure, st: ArimaState, h: number, futureXreg: readonly Float64Array[] = []): ArimaForecast {
  const sys = systemOf(s, st.coef);
  const r = sys.r;
  const P = unpackUpper(st.P, r, sys.R);
  const delta = differencingPoly(s.d, s.D, s.m);
  const dnz = nonzeros(delta);
  const K = delta.length;
  // Means: propagate the state, then undo the differencing.
  const uAll = new Float64Array(K + h);
  uAll.set(st.uTail, 0);
  let x = Float64Array.from(st.a);
  let nx = new Float64Array(r);
  for (let i = 0; i < h; i++) {
    let v = x[0]!;
    for (let k = 0; k < dnz.length; k++) {
      const j = dnz[k]!;
      v += delta[j - 1]! * uAll[K + i - j]!;
    }
    uAll[K + i] = v;
    applyT(sys, x, nx);
    const tmp = x;
    x = nx;
    nx = tmp;
  }
  const mean = new Float64Array(h);
  const cols: Float64Array[] = [];
  if (s.reg !== 'none') cols.push(Float64Array.from({ length: h }, (_, i) => regressorAt(s, st.n + i + 1)));
  cols.push(...futureXreg);
  const reg = regressionPart(s, st.coef, cols, h);
  for (let i = 0; i < h; i++) mean[i] = uAll[K + i]! + reg[i]!;
  // Variances.
  // v_h rows; only the last K + 1 are ever read, so they live in a ring.
  const rows = Math.min(h, K + 1);
  const V = new Float64Array(rows * r);
  const g = new Float64Array(r);
  const gn = new Float64Array(r);
  g[0] = 1;
  const psiStar = new Float64Array(h);
  const se = new Float64Array(h);
  let cum = 0;
  for (let i = 0; i < h; i++) {
    // psi_i = g_i . R, and psi*_i = psi_i + sum delta_j psi*_{i-j}
    let psi = 0;
    for (let k = 0; k < sys.rNz.length; k++) psi += g[sys.rNz[k]!]! * sys.R[sys.rNz[k]!]!;
    let ps = psi;
    for (let k = 0; k < dnz.length; k++) {
      const j = dnz[k]!;
      if (i - j >= 0) ps += delta[j - 1]! * psiStar[i - j]!;
    }
    psiStar[i] = ps;
    // v_{i+1} = g_i + sum delta_j v_{i+1-j}
    const row = (i % rows) * r;
    for (let k = 0; k < r; k++) V[row + k] = g[k]!;
    for (let k = 0; k < dnz.length; k++) {
      const j = dnz[k]!;
      if (i - j < 0) continue;
      const dj = delta[j - 1]!;
      const prow = ((i - j) % rows) * r;
      for (let c = 0; c < r; c++) V[row + c]! += dj * V[prow + c]!;
    }
    let quad = 0;
    for (let a = 0; a < r; a++) {
      let sum = 0;
      const va = V[row + a]!;
      if (va === 0) continue;
      for (let b = 0; b < r; b++) sum += P[a * r + b]! * V[row + b]!;
      quad += va * sum;
    }
    se[i] = Math.sqrt(Math.max(0, st.sigma2 * (quad + cum)));
    cum += ps * ps;
    // g_{i+1} = g_i T: first entry sum g_k phi_{k+1}, then shift right.
    let first = 0;
    for (let k = 0; k < sys.phiNz.length; k++) {
      const sl = sys.phiNz[k]!;
      first += g[sl - 1]! * sys.phi[sl - 1]!;
    }
    gn[0] = first;
    for (let k = 1; k < r; k++) gn[k] = g[k - 1]!;
    g.set(gn);
  }
  return { mean, se };
}
