/**
 * The parameter region R's ets() searches with bounds = "both": the usual box (0 < β < α < 1,
 * 0 < γ < 1 − α, 0.8 ≤ φ ≤ 0.98) intersected with the admissible region of Hyndman, Akram &
 * Archibald (2008), where the seasonal case needs every root of the characteristic polynomial
 *   P(z) = φ(1−α−γ) + (α+β−αφ+γ−1)z + Σ_{k=2}^{m−1}(α+β−αφ)z^k + (α+β−φ)z^m + z^{m+1}
 * inside the unit circle (R: max |root| ≤ 1 + 1e-10).
 *
 * R finds the roots with polyroot, O(m²) per iteration and fragile for large m. We never need the
 * roots, only whether they lie in the disc, which the Schur–Cohn recursion decides with no iteration.
 * On the dense coefficient vector that is O(m²) flops, which made it 40% of taylor's (m = 336) fit time;
 * the polynomial is P = A(z)(1 + z + … + z^{m−1}) + γ(z − φ) (A the non-seasonal quadratic), a constant
 * run between a short head and tail, and the recursion keeps that shape, so from STRUCTURED_FROM on it
 * runs in O(m) (schur-structured.ts): about 2.5 µs at m = 336 instead of 190–310 µs.
 */
import type { Smoothing } from './filter.ts';
import { structuredRootsInDisc } from './schur-structured.ts';

/** From this period on the O(m) structured recursion replaces the dense O(m²) one (same test). */
export const STRUCTURED_FROM = 8;

export const LOWER = { alpha: 1e-4, beta: 1e-4, gamma: 1e-4, phi: 0.8 } as const;
export const UPPER = { alpha: 0.9999, beta: 0.9999, gamma: 0.9999, phi: 0.98 } as const;

export interface Present {
  trend: boolean;
  season: boolean;
  damped: boolean;
  m: number;
}

/** R's check.param with bounds = "both". Absent components are ignored. */
export function inRegion(p: Smoothing, has: Present, work: Float64Array | null = null): boolean {
  const { alpha, beta, gamma, phi } = p;
  if (!(alpha >= LOWER.alpha && alpha <= UPPER.alpha)) return false;
  if (has.trend && !(beta >= LOWER.beta && beta <= alpha && beta <= UPPER.beta)) return false;
  if (has.damped && !(phi >= LOWER.phi && phi <= UPPER.phi)) return false;
  if (has.season && !(gamma >= LOWER.gamma && gamma <= 1 - alpha && gamma <= UPPER.gamma)) return false;
  // Seasonal without trend or damping (ETS(·,N,A), ETS(·,N,M)): the box lies inside the admissible
  // region (Hyndman, Akram & Archibald 2008: max(−mα, 0) < γ < 2 − α and −2/(m − 1) < α < 2 − γ,
  // which 0 < α, 0 < γ ≤ 1 − α satisfy), so the O(m) root test could only say yes; it cost 2.5–3 µs a
  // call at m = 336, a quarter of an ETS(A,N,A) likelihood pass. test/ets-admissible-box.test.ts checks
  // admissible() itself on the box for periods 2 to 2000.
  if (has.season && !has.trend && !has.damped) return true;
  return admissible(p, has, work);
}

/**
 * The admissible region alone (R's admissible()); `work`, when given, is scratch space of length
 * ≥ 2(m + 2) so the optimiser's calls allocate nothing.
 */
export function admissible(p: Smoothing, has: Present, work: Float64Array | null): boolean {
  const alpha = p.alpha;
  const phi = has.damped ? p.phi : 1;
  if (phi < 0 || phi > 1 + 1e-8) return false;
  if (!has.season || has.m <= 1) {
    if (alpha < 1 - 1 / phi || alpha > 1 + 1 / phi) return false;
    if (has.trend && (p.beta < alpha * (phi - 1) || p.beta > (1 + phi) * (2 - alpha))) return false;
    return true;
  }
  const m = has.m;
  const beta = has.trend ? p.beta : 0;
  const gamma = p.gamma;
  if (gamma < Math.max(1 - 1 / phi - alpha, 0) || gamma > 1 + 1 / phi - alpha) return false;
  if (alpha < 1 - 1 / phi - (gamma * (1 - m + phi + phi * m)) / (2 * phi * m)) return false;
  if (beta < -(1 - phi) * (gamma / m + alpha)) return false;
  const rho = RHO;
  // P(1) = m(α(1−φ)+β) + γ(1−φ) vanishes exactly when β = 0 and φ = 1 (no trend, undamped): that root
  // sits on the circle, which R accepts; divide it out so the strict test below sees only the rest.
  const deflate = beta === 0 && phi === 1;
  if (m >= STRUCTURED_FROM) {
    // P = [φ(1−α−γ), α+β−αφ+γ−1, c…c, α+β−φ, 1] with c = α+β−αφ; deflated (c = 0 there) it is
    // [α+γ−1, α, α…α, α, 1]. Either way one head, a constant run and two top coefficients: O(m).
    const pw = rhoPowers(m);
    if (deflate) return structuredRootsInDisc(alpha + gamma - 1, alpha * rho, alpha, alpha * pw[0]!, pw[1]!, m, rho, pw[0]!);
    const c = alpha + beta - alpha * phi;
    return structuredRootsInDisc(phi * (1 - alpha - gamma), (c + gamma - 1) * rho, c, (alpha + beta - phi) * pw[1]!, pw[2]!, m + 1, rho, pw[1]!);
  }
  const w = work && work.length >= 2 * (m + 2) ? work : new Float64Array(2 * (m + 2));
  const a = w.subarray(0, m + 2);
  a[0] = phi * (1 - alpha - gamma);
  a[1] = alpha + beta - alpha * phi + gamma - 1;
  for (let k = 2; k < m; k++) a[k] = alpha + beta - alpha * phi;
  a[m] = alpha + beta - phi;
  a[m + 1] = 1;
  let deg = m + 1;
  if (deflate) {
    deflateAtOne(a, deg);
    deg -= 1;
  }
  return rootsInDisc(a, w.subarray(m + 2), deg, rho);
}

/** R's tolerance: a root of modulus up to 1 + 1e-10 counts as inside. */
const RHO = 1 + 1e-10;

/**
 * ρ^(m−1), ρ^m and ρ^(m+1) for the last period asked: an optimiser calls admissible() thousands of times
 * with one m, and the three powers were a tenth of its time at m = 12.
 */
let powersOf = -1;
const powers = new Float64Array(3);
function rhoPowers(m: number): Float64Array {
  if (m !== powersOf) {
    powers[0] = RHO ** (m - 1);
    powers[1] = RHO ** m;
    powers[2] = RHO ** (m + 1);
    powersOf = m;
  }
  return powers;
}

/** Replaces a[0..deg] by the quotient of P(z) / (z − 1) in a[0..deg−1] (synthetic division). */
function deflateAtOne(a: Float64Array, deg: number): void {
  let carry = a[deg]!;
  for (let k = deg - 1; k >= 0; k--) {
    const c = a[k]!;
    a[k] = carry;
    carry = c + carry;
  }
}

/**
 * True when every root of Σ a_k z^k (degree deg, a_deg ≠ 0) has modulus < radius. Works on
 * P(radius·z) so the unit-disc Schur–Cohn step applies: with reversed polynomial P*, all roots lie
 * inside iff |a_0| < |a_deg| and the degree-(d−1) polynomial (a_deg·P − a_0·P*)/z also has them inside.
 * Destroys `a`; `b` is scratch of the same length.
 */
export function rootsInDisc(a0: Float64Array, b0: Float64Array, deg: number, radius: number): boolean {
  let a = a0;
  let b = b0;
  let r = 1;
  for (let k = 0; k <= deg; k++) {
    a[k] = a[k]! * r;
    r *= radius;
  }
  for (let d = deg; d >= 1; d--) {
    const lead = a[d]!;
    const c0 = a[0]!;
    if (!(Math.abs(c0) < Math.abs(lead))) return false;
    // Rescale each step: the leading coefficient shrinks like a product of (1 − |ρ|²) terms.
    let scale = 0;
    for (let k = 0; k < d; k++) {
      const v = lead * a[k + 1]! - c0 * a[d - 1 - k]!;
      b[k] = v;
      scale = Math.max(scale, Math.abs(v));
    }
    if (!(scale > 0) || !Number.isFinite(scale)) return false;
    for (let k = 0; k < d; k++) b[k] = b[k]! / scale;
    const t = a;
    a = b;
    b = t;
  }
  return true;
}
