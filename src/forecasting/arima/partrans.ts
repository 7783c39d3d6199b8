/**
 * Reparametrisations R's arima uses: AR coefficients are optimised as (atanh of) partial
 * autocorrelations so every trial point is stationary, and MA polynomials are reflected to be
 * invertible after fitting (the likelihood is unchanged by the reflection).
 */
import { minRootModulus, polyroots, type Complex } from './roots.ts';

/** Unconstrained values -> AR coefficients of a stationary process (tanh, then Durbin–Levinson). */
let partransWork = new Float64Array(16);

export function partrans(raw: ArrayLike<number>, from: number, p: number, out: Float64Array): void {
  // Scratch reused across calls (this runs per likelihood evaluation); entries < p are all written first.
  if (partransWork.length < p) partransWork = new Float64Array(2 * p);
  const work = partransWork;
  for (let j = 0; j < p; j++) out[from + j] = work[j] = Math.tanh(raw[from + j]!);
  for (let j = 1; j < p; j++) {
    const a = out[from + j]!;
    for (let k = 0; k < j; k++) work[k]! -= a * out[from + j - k - 1]!;
    for (let k = 0; k < j; k++) out[from + k] = work[k]!;
  }
}

/** Inverse of partrans (R's ARIMA_Invtrans); the AR part must be stationary. */
export function invPartrans(phi: ArrayLike<number>, from: number, p: number, out: Float64Array): void {
  const cur = new Float64Array(p);
  const work = new Float64Array(p);
  for (let j = 0; j < p; j++) cur[j] = phi[from + j]!;
  for (let j = p - 1; j > 0; j--) {
    const a = cur[j]!;
    for (let k = 0; k < j; k++) work[k] = (cur[k]! + a * cur[j - k - 1]!) / (1 - a * a);
    for (let k = 0; k < j; k++) cur[k] = work[k]!;
  }
  for (let j = 0; j < p; j++) out[from + j] = Math.atanh(cur[j]!);
}

/** True when 1 - sum ar_i z^i has all roots outside the unit circle (R's arCheck). */
export function arStationary(ar: ArrayLike<number>): boolean {
  return minRootModulus(ar, -1) > 1;
}

/** Reflects MA roots inside the unit circle (R's maInvert): same autocovariances, invertible. */
export function maInvert(ma: number[]): number[] {
  const q = ma.length;
  let q0 = q;
  while (q0 > 0 && ma[q0 - 1] === 0) q0--;
  if (q0 === 0) return ma.slice();
  const roots = polyroots([1, ...ma.slice(0, q0)]);
  const inside = roots.map((z) => Math.hypot(z.re, z.im) < 1);
  if (!inside.some(Boolean)) return ma.slice();
  if (q0 === 1) return [1 / ma[0]!, ...new Array(q - 1).fill(0)];
  const rs: Complex[] = roots.map((z, i) => {
    if (!inside[i]) return z;
    const d = z.re * z.re + z.im * z.im;
    return { re: z.re / d, im: -z.im / d };
  });
  // Rebuild prod (1 - z/r) with complex arithmetic; the result is real up to rounding.
  let xr = [1];
  let xi = [0];
  for (const r of rs) {
    const d = r.re * r.re + r.im * r.im;
    const ir = r.re / d;
    const ii = -r.im / d;
    const nr = new Array(xr.length + 1).fill(0);
    const ni = new Array(xr.length + 1).fill(0);
    for (let k = 0; k < xr.length; k++) {
      nr[k] += xr[k]!;
      ni[k] += xi[k]!;
      nr[k + 1] -= xr[k]! * ir - xi[k]! * ii;
      ni[k + 1] -= xr[k]! * ii + xi[k]! * ir;
    }
    xr = nr;
    xi = ni;
  }
  const out = xr.slice(1, q0 + 1);
  while (out.length < q) out.push(0);
  return out;
}
