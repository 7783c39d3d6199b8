/**
 * Schur–Cohn for the seasonal characteristic polynomial in O(m) flops instead of O(m²).
 *
 * The polynomial has one head coefficient, one more low coefficient, a constant run in the middle and
 * two top coefficients: P = [h, f, c, c, …, c, t1, t2] (P(z) = A(z)·(1 + z + … + z^{m−1}) + γ(z − φ)
 * with A the quadratic of the non-seasonal part). Testing against the disc of radius ρ means working
 * on P(ρz), whose middle is c·ρ^k. One Schur–Cohn step T → (t2·T − h·T*)/z maps a middle of the form
 * u·ρ^k + v·ρ^(−k) to another of that form (the reversal T*[k] = T[d−k] swaps the two exponentials and
 * the division by z shifts k), so every step is a handful of scalar updates:
 *   h' = t2·f − h·t1,   f' = M'(1),   t1' = t2·t1 − h·f,   t2' = t2² − h²,
 *   u' = t2·u·ρ − h·v·ρ^(1−d),   v' = t2·v/ρ − h·u·ρ^(d−1),   M(k) = u·ρ^k + v·ρ^(−k),
 * the same numbers the dense recursion (rootsInDisc) computes position by position, up to rounding.
 * The last few steps (degree ≤ 3) run on a dense copy.
 */

/**
 * True when every root of the degree-d polynomial [h, f, M(2..d−2), t1, t2] with M(k) = c·ρ^k lies
 * strictly inside the unit disc (d ≥ 4). The caller has already scaled it to P(ρz), and may pass
 * ρ^(d−1) when it has it.
 */
export function structuredRootsInDisc(h: number, f: number, c: number, t1: number, t2: number, d: number, rho: number, rhoPow = Math.pow(rho, d - 1)): boolean {
  let u = c;
  let v = 0;
  const rinv = 1 / rho;
  let pd = rhoPow; // ρ^(d−1), kept current as d falls
  let pdi = 1 / pd;
  while (d >= 4) {
    if (!(Math.abs(h) < Math.abs(t2))) return false;
    const nu = t2 * u * rho - h * v * pdi;
    const nv = t2 * v * rinv - h * u * pd;
    const nf = nu * rho + nv * rinv; // M'(1)
    const nh = t2 * f - h * t1;
    const nt1 = t2 * t1 - h * f;
    const nt2 = t2 * t2 - h * h;
    d -= 1;
    pd *= rinv;
    pdi *= rho;
    // Rescale every fourth step so the coefficients stay near 1 (the division is on the step-to-step
    // chain; four unscaled steps can grow them at most 2⁴-fold and shrink them far less than the double
    // range). |M'| peaks at an end of its range (a sum of two exponentials is convex where positive,
    // concave where negative, monotone when they differ in sign).
    if ((d & 3) === 0 || d < 4) {
      const far = d >= 4 ? Math.abs(nu * pd * rinv + nv * rho * pdi) : 0; // M'(d−2) of the new degree d
      const scale = Math.max(Math.abs(nh), Math.abs(nf), Math.abs(nt1), Math.abs(nt2), far);
      if (!(scale > 0) || !Number.isFinite(scale)) return false;
      const inv = 1 / scale;
      h = nh * inv;
      f = nf * inv;
      t1 = nt1 * inv;
      t2 = nt2 * inv;
      u = nu * inv;
      v = nv * inv;
    } else {
      h = nh;
      f = nf;
      t1 = nt1;
      t2 = nt2;
      u = nu;
      v = nv;
    }
  }
  // The last three steps on [h, f, t1, t2] written out (no rescaling needed this close to the end).
  if (!(Math.abs(h) < Math.abs(t2))) return false;
  const b0 = t2 * f - h * t1;
  const b1 = t2 * t1 - h * f;
  const b2 = t2 * t2 - h * h;
  if (!(Math.abs(b0) < Math.abs(b2))) return false;
  const c0 = b2 * b1 - b0 * b1;
  const c1 = b2 * b2 - b0 * b0;
  return Math.abs(c0) < Math.abs(c1);
}
