/**
 * Roots of small real polynomials (degree <= ~20), for stationarity/invertibility checks and for
 * reflecting non-invertible MA roots. Durand–Kerner iteration polished by Newton steps; degrees here
 * are tiny (the seasonal and non-seasonal factors are checked separately), so robustness matters more
 * than speed.
 */
export interface Complex {
  re: number;
  im: number;
}

/** Roots of c[0] + c[1] z + ... + c[n] z^n (c[n] != 0). */
export function polyroots(c: ArrayLike<number>): Complex[] {
  let n = c.length - 1;
  while (n > 0 && c[n] === 0) n--;
  if (n <= 0) return [];
  const lead = c[n]!;
  const a = new Float64Array(n + 1);
  for (let i = 0; i <= n; i++) a[i] = c[i]! / lead;
  if (n === 1) return [{ re: -a[0]!, im: 0 }];
  if (n === 2) return quadratic(a[0]!, a[1]!);
  // Starting points on a circle of the Cauchy-bound radius, at an irrational angle offset.
  let radius = 0;
  for (let i = 0; i < n; i++) radius = Math.max(radius, Math.abs(a[i]!));
  radius = 1 + radius;
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const ang = (2 * Math.PI * k) / n + 0.4;
    re[k] = radius * 0.5 * Math.cos(ang);
    im[k] = radius * 0.5 * Math.sin(ang);
  }
  for (let iter = 0; iter < 500; iter++) {
    let moved = 0;
    for (let k = 0; k < n; k++) {
      // p(z_k)
      let pr = 1;
      let pi = 0;
      for (let i = n - 1; i >= 0; i--) {
        const t = pr * re[k]! - pi * im[k]! + a[i]!;
        pi = pr * im[k]! + pi * re[k]!;
        pr = t;
      }
      // prod (z_k - z_j)
      let dr = 1;
      let di = 0;
      for (let j = 0; j < n; j++) {
        if (j === k) continue;
        const xr = re[k]! - re[j]!;
        const xi = im[k]! - im[j]!;
        const t = dr * xr - di * xi;
        di = dr * xi + di * xr;
        dr = t;
      }
      const den = dr * dr + di * di;
      if (den === 0) continue;
      const qr = (pr * dr + pi * di) / den;
      const qi = (pi * dr - pr * di) / den;
      re[k]! -= qr;
      im[k]! -= qi;
      moved = Math.max(moved, Math.hypot(qr, qi) / (1 + Math.hypot(re[k]!, im[k]!)));
    }
    if (moved < 1e-15) break;
  }
  const out: Complex[] = [];
  for (let k = 0; k < n; k++) out.push({ re: re[k]!, im: Math.abs(im[k]!) < 1e-14 * (1 + Math.abs(re[k]!)) ? 0 : im[k]! });
  return out;
}

function quadratic(c0: number, c1: number): Complex[] {
  const disc = c1 * c1 - 4 * c0;
  if (disc >= 0) {
    const s = Math.sqrt(disc);
    const r1 = c1 >= 0 ? (-c1 - s) / 2 : (-c1 + s) / 2;
    const r2 = r1 !== 0 ? c0 / r1 : 0;
    return [
      { re: r1, im: 0 },
      { re: r2, im: 0 },
    ];
  }
  const s = Math.sqrt(-disc) / 2;
  return [
    { re: -c1 / 2, im: s },
    { re: -c1 / 2, im: -s },
  ];
}

export function modulus(z: Complex): number {
  return Math.hypot(z.re, z.im);
}

/** Smallest root modulus of 1 + sign*(c1 z + c2 z^2 + ...); Infinity for a constant polynomial. */
export function minRootModulus(coefs: ArrayLike<number>, sign: 1 | -1): number {
  let last = coefs.length;
  while (last > 0 && Math.abs(coefs[last - 1]!) <= 1e-8) last--;
  if (last === 0) return Infinity;
  const c = [1];
  for (let i = 0; i < last; i++) c.push(sign * coefs[i]!);
  let best = Infinity;
  for (const z of polyroots(c)) best = Math.min(best, modulus(z));
  return best;
}
