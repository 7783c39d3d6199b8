/**
 * Simulated prediction intervals for the structures without a closed-form variance (multiplicative
 * trend or season), as R's forecast.ets does with simulate = TRUE: sample paths from the final state
 * with Gaussian innovations of variance σ², then per-horizon quantiles (R's type 8).
 *
 * Deterministic by construction: a fixed seed, our own PRNG (xoshiro128**, seeded by splitmix32) and
 * Box–Muller, so the same model gives the same intervals in every worker and after a JSON round trip.
 * 5000 paths as R's default: the Monte-Carlo standard error of a 2.5% quantile is then about
 * √(0.025·0.975/5000)/φ(1.96) ≈ 0.04σ, some 2% of the interval's half-width.
 */
import type { Interval } from '../types.ts';
import type { EtsParams } from './params.ts';

export const PATHS = 5000;
const SEED = 0x2545f491;
/** Seasonal state memory cap (doubles) across paths; beyond it fewer paths are drawn. */
const MAX_STATE_DOUBLES = 20_000_000;

class Xoshiro128 {
  private s = new Uint32Array(4);
  constructor(seed: number) {
    let x = seed >>> 0;
    for (let i = 0; i < 4; i++) {
      // splitmix32 spreads one seed over the four state words.
      x = (x + 0x9e3779b9) >>> 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      this.s[i] = (z ^ (z >>> 16)) >>> 0;
    }
  }
  nextU32(): number {
    const s = this.s;
    const result = Math.imul(rotl(Math.imul(s[1]!, 5) >>> 0, 7), 9) >>> 0;
    const t = (s[1]! << 9) >>> 0;
    s[2] ^= s[0]!;
    s[3] ^= s[1]!;
    s[1] ^= s[2]!;
    s[0] ^= s[3]!;
    s[2] ^= t;
    s[3] = rotl(s[3]!, 11);
    return result;
  }
  /** Uniform on (0, 1): never 0, so log() in Box–Muller is finite. */
  uniform(): number {
    return (this.nextU32() + 0.5) / 4294967296;
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/** Standard normals by Box–Muller, both values of each pair used. */
export class NormalStream {
  private rng: Xoshiro128;
  private spare = NaN;
  constructor(seed = SEED) {
    this.rng = new Xoshiro128(seed);
  }
  next(): number {
    if (this.spare === this.spare) {
      const v = this.spare;
      this.spare = NaN;
      return v;
    }
    const r = Math.sqrt(-2 * Math.log(this.rng.uniform()));
    const a = 2 * Math.PI * this.rng.uniform();
    this.spare = r * Math.sin(a);
    return r * Math.cos(a);
  }
}

/** R's quantile(type = 8) on an ascending sorted sample. */
export function quantileType8(sorted: Float64Array, prob: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const nppm = 1 / 3 + prob * (n + 1 / 3);
  const j = Math.floor(nppm + 4 * Number.EPSILON);
  const g = nppm - j;
  const lo = sorted[Math.min(Math.max(j, 1), n) - 1]!;
  const hi = sorted[Math.min(Math.max(j + 1, 1), n) - 1]!;
  return g === 0 ? lo : (1 - g) * lo + g * hi;
}

/** Simulated intervals for every level; all paths advance together so memory is O(paths·m), not O(paths·h). */
export function simulatedIntervals(p: EtsParams, h: number, levels: number[], sigma2: number): Interval[] {
  const { error, trend, season } = p.structure;
  const m = season === 'N' ? 1 : p.last.seas.length;
  const paths = Math.max(1000, Math.min(PATHS, Math.floor(MAX_STATE_DOUBLES / m)));
  const sd = Math.sqrt(Math.max(sigma2, 0));
  const L = new Float64Array(paths).fill(p.last.level);
  const B = new Float64Array(paths).fill(p.last.slope);
  const S = new Float64Array(paths * m);
  if (season !== 'N') for (let i = 0; i < paths; i++) S.set(p.last.seas, i * m);
  const values = new Float64Array(paths);
  const out = levels.map((level) => ({ level, lower: new Float64Array(h), upper: new Float64Array(h) }));
  const normal = new NormalStream();
  const { alpha, beta, gamma, phi } = p;
  const ratio = beta / alpha;
  for (let k = 0; k < h; k++) {
    const pos = k % m;
    let kept = 0;
    for (let i = 0; i < paths; i++) {
      const l = L[i]!;
      const b = B[i]!;
      const sOld = season === 'N' ? 0 : S[i * m + pos]!;
      const phib = trend === 'N' ? 0 : trend === 'A' ? phi * b : b < 0 ? NaN : Math.pow(b, phi);
      const q = trend === 'N' ? l : trend === 'A' ? l + phib : l * phib;
      const f = season === 'N' ? q : season === 'A' ? q + sOld : q * sOld;
      const eps = sd * normal.next();
      const y = error === 'A' ? f + eps : f * (1 + eps);
      if (y === y) values[kept++] = y;
      const pt = season === 'N' ? y : season === 'A' ? y - sOld : y / sOld;
      const lNew = q + alpha * (pt - q);
      if (trend !== 'N') B[i] = phib + ratio * ((trend === 'A' ? lNew - l : lNew / l) - phib);
      if (season !== 'N') S[i * m + pos] = sOld + gamma * ((season === 'A' ? y - q : y / q) - sOld);
      L[i] = lNew;
    }
    const sorted = values.subarray(0, kept).sort();
    for (const iv of out) {
      iv.lower[k] = quantileType8(sorted, 0.5 - iv.level / 200);
      iv.upper[k] = quantileType8(sorted, 0.5 + iv.level / 200);
    }
  }
  return out;
}
