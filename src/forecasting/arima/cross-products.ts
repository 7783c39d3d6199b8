/**
 * A = J'J and g = J'r for J stored by columns (column j at j * nres). Each sum runs over i in
 * increasing order, exactly as a plain loop per entry; four sums share one pass over i, so the
 * independent additions overlap instead of waiting on one accumulator (the same values, bit for bit).
 */
export function crossProducts(J: Float64Array, r: Float64Array, nres: number, k: number, A: Float64Array, g: Float64Array): void {
  for (let a = 0; a < k; a++) {
    const ca = a * nres;
    // g[a] together with A[a][a..a+2].
    let b = a;
    {
      const c1 = b * nres;
      const c2 = (b + 1) * nres;
      const c3 = (b + 2) * nres;
      if (b + 2 < k) {
        let s0 = 0;
        let s1 = 0;
        let s2 = 0;
        let s3 = 0;
        for (let i = 0; i < nres; i++) {
          const x = J[ca + i]!;
          s0 += x * r[i]!;
          s1 += x * J[c1 + i]!;
          s2 += x * J[c2 + i]!;
          s3 += x * J[c3 + i]!;
        }
        g[a] = s0;
        A[a * k + b] = s1;
        A[a * k + b + 1] = s2;
        A[a * k + b + 2] = s3;
        b += 3;
      } else {
        let s0 = 0;
        for (let i = 0; i < nres; i++) s0 += J[ca + i]! * r[i]!;
        g[a] = s0;
      }
    }
    for (; b + 3 < k; b += 4) {
      const c0 = b * nres;
      const c1 = c0 + nres;
      const c2 = c1 + nres;
      const c3 = c2 + nres;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let i = 0; i < nres; i++) {
        const x = J[ca + i]!;
        s0 += x * J[c0 + i]!;
        s1 += x * J[c1 + i]!;
        s2 += x * J[c2 + i]!;
        s3 += x * J[c3 + i]!;
      }
      A[a * k + b] = s0;
      A[a * k + b + 1] = s1;
      A[a * k + b + 2] = s2;
      A[a * k + b + 3] = s3;
    }
    for (; b + 1 < k; b += 2) {
      const c0 = b * nres;
      const c1 = c0 + nres;
      let s0 = 0;
      let s1 = 0;
      for (let i = 0; i < nres; i++) {
        const x = J[ca + i]!;
        s0 += x * J[c0 + i]!;
        s1 += x * J[c1 + i]!;
      }
      A[a * k + b] = s0;
      A[a * k + b + 1] = s1;
    }
    for (; b < k; b++) {
      const c0 = b * nres;
      let s0 = 0;
      for (let i = 0; i < nres; i++) s0 += J[ca + i]! * J[c0 + i]!;
      A[a * k + b] = s0;
    }
  }
  for (let a = 0; a < k; a++) for (let b = 0; b < a; b++) A[a * k + b] = A[b * k + a]!;
}
