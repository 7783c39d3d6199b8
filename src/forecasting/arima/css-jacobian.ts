/**
 * The Jacobian of the CSS residuals (css.ts), computed instead of differenced, for a model without
 * seasonal parts on a series without gaps. The residuals are, for t >= ncond (zero before),
 *   e_t = w_t - sum_i phi_i w_(t-i) - sum_j theta_j e_(t-j),   w = dy - sum_k beta_k x_k,
 * so every derivative D obeys the same MA recursion, D_t = s_t - sum_(j: t-j >= ncond) theta_j D_(t-j),
 * driven by
 *   d/d phi_i:  s_t = -w_(t-i)
 *   d/d theta_j: s_t = -e_(t-j)  (zero while t - j < ncond, where e is zero)
 *   d/d beta_k: s_t = -(x_k,t - sum_i phi_i x_k,(t-i)).
 * A column costs one pass of q multiplications (p + q for a regression column), where a forward
 * difference costs a whole residual evaluation, and it is exact where a difference carries an error of
 * the order of its step. Least squares reaches the same optimum either way. One Jacobian of ARMA(4,2)
 * with mean on 10,000 values (the stepwise search's window) took 476 us by differences, 300 us with a
 * recursion per column. The driving series of neighbouring AR columns, and of neighbouring MA columns,
 * are the same series one row apart, so only the first of each runs the recursion (see below): 285 ->
 * 200 us in one run (ARMA(5,5): 600 -> 320 us), the entries equal to 3e-16 relative.
 */
import { maFilterInPlace } from './ma-recursion.ts';
import type { Structure } from './structure.ts';

/** True when cssJacobianInto applies: no seasonal AR or MA part, no missing differenced values. */
export function hasCssJacobian(s: Structure, hasNaN: boolean): boolean {
  return s.P === 0 && s.Q === 0 && !hasNaN;
}

/**
 * J (column c at c * nres, columns in the coefficients' order: AR, MA, regression) at the point whose
 * AR coefficients are phi[0..p), MA polynomial R (R[0] = 1, R[j] = theta_j), working series w and
 * residuals e (e[o] for t = o + ncond). False when an entry is not finite.
 */
export function cssJacobianInto(
  phi: Float64Array,
  p: number,
  R: Float64Array,
  q: number,
  w: Float64Array,
  e: Float64Array,
  dX: readonly Float64Array[],
  ncond: number,
  J: Float64Array,
  nres: number,
): boolean {
  if (nres === 0) return true;
  let finite = true;
  // AR columns. Column i + 1's driving series is column i's shifted down one row, with the new first
  // row -w_(ncond - i - 1), and the recursion is linear with zero start: column i + 1 is column i
  // shifted plus that value times the recursion's impulse response h. With two or more AR columns, h
  // is first computed in the last one's place, which is then written last, entry by entry.
  if (p > 0) {
    const hAt = (p - 1) * nres;
    if (p > 1) {
      J.fill(0, hAt, hAt + nres);
      J[hAt] = 1;
      finite = maFilterInPlace(J, hAt, nres, R, q) && finite;
    }
    for (let o = 0; o < nres; o++) J[o] = -w[o + ncond - 1]!;
    finite = maFilterInPlace(J, 0, nres, R, q) && finite;
    for (let i = 1; i < p; i++) finite = shiftedPlusImpulse(J, (i - 1) * nres, i * nres, hAt, nres, -w[ncond - i - 1]!) && finite;
  }
  // MA columns: column j + 1's driving series is column j's shifted down one row with a zero on top,
  // so its recursion gives column j's values shifted, bit for bit.
  const ma = p * nres;
  if (q > 0) {
    J[ma] = 0;
    for (let o = 1; o < nres; o++) J[ma + o] = -e[o - 1]!;
    finite = maFilterInPlace(J, ma, nres, R, q) && finite;
  }
  for (let col = ma + nres; col < ma + q * nres; col += nres) {
    J[col] = 0;
    J.copyWithin(col + 1, col - nres, col - 1);
  }
  if (!finite) return false;
  let col = ma + q * nres;
  // Indices, not `for of` and a subarray per column: with those, V8 deoptimized this function nine
  // times ("wrong map") in a fresh process's first long fit; with indices, not once.
  for (let k = 0; k < dX.length; k++) {
    arFiltered(J, col, nres, phi, p, dX[k]!, ncond);
    if (!maFilterInPlace(J, col, nres, R, q)) return false;
    col += nres;
  }
  return true;
}

/**
 * J[to + o] = J[from + o - 1] + a h[o] (J[from - 1] counting as zero), h at J[hAt]; `to` may be hAt
 * itself, since entry o reads only h[o]. False when an entry is not finite.
 */
function shiftedPlusImpulse(J: Float64Array, from: number, to: number, hAt: number, nres: number, a: number): boolean {
  let check = a * J[hAt]!;
  J[to] = check;
  check -= check;
  for (let o = 1; o < nres; o++) {
    const v = J[from + o - 1]! + a * J[hAt + o]!;
    J[to + o] = v;
    // v - v is 0 for every finite v and NaN for an infinite one, and NaN stays NaN.
    check += v - v;
  }
  return check === 0;
}

/** J[col + o] = -(x_t - sum_i phi_i x_(t-i)), t = o + ncond. */
function arFiltered(J: Float64Array, col: number, nres: number, phi: Float64Array, p: number, x: Float64Array, ncond: number): void {
  for (let o = 0; o < nres; o++) {
    const t = o + ncond;
    let v = x[t]!;
    for (let i = 1; i <= p; i++) v -= phi[i - 1]! * x[t - i]!;
    J[col + o] = -v;
  }
}
