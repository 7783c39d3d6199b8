/**
 * Simple exponential smoothing as R's ses() fits it: ETS(A,N,N), ℓ_t = ℓ_{t−1} + α·e_t with
 * e_t = y_t − ℓ_{t−1}, alpha and the initial level ℓ_0 chosen to minimise the sum of squared
 * one-step errors. For additive errors that is the same optimum as ets's "lik" criterion
 * (n·log SSE) and its "mse" one, so either R setting is reproduced.
 *
 * Missing values (NaN) contribute no error and leave the level where it was — the forecast simply
 * carries across the gap — so nObs, not the series length, counts the errors.
 *
 * The errors are linear in ℓ_0 (its weight decays as (1−α)^k after k observed values), so for each
 * alpha the best ℓ_0 is a closed-form least-squares coefficient; only alpha needs a search. That
 * makes the fit a one-dimensional problem with an exact inner step, where R runs Nelder–Mead over
 * both; the two agree wherever R's simplex converges.
 */
import { brentMinimise } from './brent.ts';

/** R's ets bounds on alpha ("usual" bounds). */
export const ALPHA_MIN = 1e-4;
export const ALPHA_MAX = 0.9999;

export interface SesState {
  level: number;
  sse: number;
  nObs: number;
}

/** Runs the recursion from a state; used both for a fit and for appending new data. */
export function sesFilter(y: ArrayLike<number>, alpha: number, start: SesState): SesState {
  let { level, sse, nObs } = start;
  for (let t = 0; t < y.length; t++) {
    const v = y[t]!;
    if (Number.isNaN(v)) continue;
    const e = v - level;
    sse += e * e;
    nObs++;
    level += alpha * e;
  }
  return { level, sse, nObs };
}

export interface SesProfile {
  l0: number;
  sse: number;
}

/** Best ℓ_0 for this alpha and the SSE it attains. */
export function sesProfile(y: ArrayLike<number>, alpha: number): SesProfile {
  // Pass 1: errors with ℓ_0 = 0 and their sensitivity c_t = ∂ℓ_{t−1}/∂ℓ_0 = (1−α)^k.
  let level = 0;
  let c = 1;
  let sec = 0;
  let scc = 0;
  for (let t = 0; t < y.length; t++) {
    const v = y[t]!;
    if (Number.isNaN(v)) continue;
    const e = v - level;
    sec += e * c;
    scc += c * c;
    level += alpha * e;
    c *= 1 - alpha;
  }
  const l0 = scc > 0 ? sec / scc : 0;
  // Pass 2: rerun from the chosen ℓ_0 instead of expanding Σ(e − c·ℓ_0)², which cancels badly when
  // the level is large against the noise.
  return { l0, sse: sesFilter(y, alpha, { level: l0, sse: 0, nObs: 0 }).sse };
}

export interface SesFit extends SesState {
  alpha: number;
  l0: number;
}

const GRID = 40;

export function fitSes(y: ArrayLike<number>, checkpoint?: () => void): SesFit {
  // The profile SSE can have more than one local minimum in alpha (rarely), so scan a grid and
  // polish the best cell with Brent; the bounds themselves are candidates as R's optimum often
  // sits on ALPHA_MAX for random-walk-like series.
  const grid: number[] = [];
  for (let i = 0; i <= GRID; i++) grid.push(ALPHA_MIN + ((ALPHA_MAX - ALPHA_MIN) * i) / GRID);
  const values = grid.map((a) => sesProfile(y, a).sse);
  let best = 0;
  for (let i = 1; i <= GRID; i++) if (values[i]! < values[best]!) best = i;
  checkpoint?.();
  let alpha = grid[best]!;
  let sse = values[best]!;
  const lo = grid[Math.max(0, best - 1)]!;
  const hi = grid[Math.min(GRID, best + 1)]!;
  const polished = brentMinimise((a) => sesProfile(y, a).sse, lo, hi, 1e-10);
  if (polished.f < sse) {
    alpha = polished.x;
    sse = polished.f;
  }
  const { l0 } = sesProfile(y, alpha);
  const end = sesFilter(y, alpha, { level: l0, sse: 0, nObs: 0 });
  return { alpha, l0, ...end };
}
