/**
 * The MA recursion x_o <- x_o - sum_u R[u] x_(o-u), in place: each column of the CSS Jacobian
 * (css-jacobian.ts) is this filter of a series computed beforehand.
 *
 * For q <= 5 the last q values ride in locals. Read back from the array, the value just stored put a
 * store-to-load forwarding delay on the recursion's critical path: 4.8 against 2.3 ns a step for q = 2
 * in a micro-benchmark. The subtractions run in the order u = 1..q, as a loop over the array does.
 */

/**
 * Over the n values from x[at] (the series y_o = x[at + o]): y[o] -= sum_(u = 1..min(q, o)) R[u] y[o - u],
 * using the updated values; a NaN becomes 0 (a residual that does not exist counts as zero, as in
 * css.ts). False when a value is infinite.
 */
export function maFilterInPlace(x: Float64Array, at: number, n: number, R: Float64Array, q: number): boolean {
  if (q === 0) return noneInfinite(x, at, n);
  if (q > 5) return maFilterLoop(x, at, n, R, q);
  let finite = true;
  const r1 = R[1]!;
  const r2 = q > 1 ? R[2]! : 0;
  const r3 = q > 2 ? R[3]! : 0;
  const r4 = q > 3 ? R[4]! : 0;
  const r5 = q > 4 ? R[5]! : 0;
  // Values before the start count as zero: subtracting r * 0 leaves v as it is.
  let e1 = 0;
  let e2 = 0;
  let e3 = 0;
  let e4 = 0;
  let e5 = 0;
  const end = at + n;
  for (let o = at; o < end; o++) {
    let v = x[o]! - r1 * e1;
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
    if (Number.isNaN(v)) v = 0;
    else if (v === Infinity || v === -Infinity) finite = false;
    x[o] = v;
    e5 = e4;
    e4 = e3;
    e3 = e2;
    e2 = e1;
    e1 = v;
  }
  return finite;
}

function maFilterLoop(x: Float64Array, at: number, n: number, R: Float64Array, q: number): boolean {
  let finite = true;
  for (let o = 0; o < n; o++) {
    let v = x[at + o]!;
    const top = o < q ? o : q;
    for (let u = 1; u <= top; u++) v -= R[u]! * x[at + o - u]!;
    if (Number.isNaN(v)) v = 0;
    else if (v === Infinity || v === -Infinity) finite = false;
    x[at + o] = v;
  }
  return finite;
}

/** No MA part: only the NaN-to-zero rule and the infinity check. */
function noneInfinite(x: Float64Array, at: number, n: number): boolean {
  let finite = true;
  for (let o = at; o < at + n; o++) {
    const v = x[o]!;
    if (Number.isNaN(v)) x[o] = 0;
    else if (v === Infinity || v === -Infinity) finite = false;
  }
  return finite;
}
