/**
 * The ETS recursions (Hyndman et al. 2008, in the error-correction-free form of R's etscalc.c): one
 * pass computes the innovations, the sums the likelihood needs and the final state.
 *
 * The seasonal states live in a circular buffer: `seas[(pos + k) % m]` is the seasonal index of the
 * observation k steps ahead, so a step costs O(1) whatever m is (R shifts all m states every step).
 */
import type { Structure } from './model-code.ts';

/** Component kinds as small integers (plain constants: const enums do not survive isolated modules). */
export type Kind = 0 | 1 | 2;
export const Kind = { None: 0, Add: 1, Mult: 2 } as const;

/** Numeric codes so the hot loop compares small integers, not strings. */
export interface Codes {
  error: Kind;
  trend: Kind;
  season: Kind;
  m: number;
}

export function codesOf(s: Structure): Codes {
  const k = (c: string): Kind => (c === 'A' ? Kind.Add : c === 'M' ? Kind.Mult : Kind.None);
  return { error: k(s.error), trend: k(s.trend), season: k(s.season), m: s.season === 'N' ? 1 : s.m };
}

export interface Smoothing {
  alpha: number;
  beta: number; // 0 without trend
  gamma: number; // 0 without season
  phi: number; // 1 unless damped
}

/** Mutable filter state; `seas` has length m (length 1 and unused without a season). */
export interface State {
  level: number;
  slope: number;
  seas: Float64Array;
  pos: number;
}

export interface FilterSums {
  /** Sum of squared innovations (relative ones for multiplicative error). */
  sse: number;
  /** Sum of log|one-step forecast| over observed points (multiplicative error only). */
  sumLogF: number;
  nObs: number;
  /** False when the recursion broke down (negative slope under a multiplicative trend, non-finite values). */
  ok: boolean;
}

// R's etscalc guards divisions by near-zero states with these values; we keep them so the
// likelihood surface matches R's in the corners the optimiser probes.
const TOL = 1e-10;
const HUGEN = 1e10;

/**
 * Runs y through the model from `st` (mutated to the final state). `resid`, when given, receives
 * the innovations (NaN at missing points). Missing values skip the update: the state moves on as
 * its own forecast and the point is left out of the likelihood.
 */
export function runFilter(
  y: Float64Array,
  c: Codes,
  p: Smoothing,
  st: State,
  resid: Float64Array | null,
  sums: FilterSums,
): FilterSums {
  const { error, trend, season, m } = c;
  const { alpha, beta, gamma, phi } = p;
  const seas = st.seas;
  const ratio = beta / alpha;
  const oneMinusAlpha = 1 - alpha;
  const aphi = oneMinusAlpha * phi;
  const bphi = phi * (1 - beta);
  let l = st.level;
  let b = st.slope;
  let pos = st.pos;
  let sse = 0;
  let sumLogF = 0;
  // Σlog|f| as the log of a running product, renormalised only when it nears the double range:
  // one log per ~100 steps instead of one per step (the log dominated the multiplicative filters).
  let prodF = 1;
  let nObs = 0;
  let ok = true;
  for (let t = 0; t < y.length; t++) {
    const sOld = season === Kind.None ? 0 : seas[pos]!;
    let phib: number;
    let q: number;
    if (trend === Kind.None) {
      phib = 0;
      q = l;
    } else if (trend === Kind.Add) {
      phib = phi * b;
      q = l + phib;
    } else {
      if (b < 0) {
        ok = false;
        break;
      }
      phib = phi === 1 ? b : Math.pow(b, phi);
      q = l * phib;
    }
    const f = season === Kind.None ? q : season === Kind.Add ? q + sOld : q * sOld;
    const yt = y[t]!;
    if (yt !== yt) {
      // Missing: forecast through the gap (the update with y = f leaves every component on its path).
      if (resid) resid[t] = NaN;
      l = q;
      b = phib;
      pos = pos + 1 === m ? 0 : pos + 1;
      continue;
    }
    const e = error === Kind.Add ? yt - f : (yt - f) / f;
    if (resid) resid[t] = e;
    sse += e * e;
    if (error === Kind.Mult) {
      prodF *= f < 0 ? -f : f;
      if (prodF > 1e150 || prodF < 1e-150) {
        sumLogF += Math.log(prodF);
        prodF = 1;
      }
    }
    nObs++;
    const pt = season === Kind.None ? yt : season === Kind.Add ? yt - sOld : Math.abs(sOld) < TOL ? HUGEN : yt / sOld;
    let lNew: number;
    if (trend === Kind.Mult) {
      lNew = q + alpha * (pt - q);
      const r = Math.abs(l) < TOL ? HUGEN : lNew / l;
      b = phib + ratio * (r - phib);
    } else if (trend === Kind.Add) {
      // R's l = q + α(pt − q), b = φb + (β/α)(l − l_prev − φb), expanded with q = l_prev + φb into
      // l = (1−α)l_prev + (1−α)φ·b + α·pt and b = φ(1−β)·b + β(pt − l_prev): the same numbers up to
      // rounding, but each step now waits on two or three dependent operations instead of nine (the
      // step-to-step chain, not the arithmetic count, bounds this loop).
      lNew = oneMinusAlpha * l + alpha * pt + aphi * b;
      b = bphi * b + (beta * pt - beta * l);
    } else {
      lNew = oneMinusAlpha * l + alpha * pt;
    }
    if (season !== Kind.None) {
      const tt = season === Kind.Add ? yt - q : Math.abs(q) < TOL ? HUGEN : yt / q;
      seas[pos] = sOld + gamma * (tt - sOld);
    }
    l = lNew;
    pos = pos + 1 === m ? 0 : pos + 1;
  }
  sumLogF += Math.log(prodF);
  if (!Number.isFinite(l) || !Number.isFinite(b) || !Number.isFinite(sse) || !Number.isFinite(sumLogF)) ok = false;
  st.level = l;
  st.slope = b;
  st.pos = pos;
  sums.sse = sse;
  sums.sumLogF = sumLogF;
  sums.nObs = nObs;
  sums.ok = ok;
  return sums;
}

/** R's criterion: n·log(SSE) + 2Σlog|f| (−2 log-likelihood up to constants), concentrated over σ². */
export function likelihood(s: FilterSums, error: Kind): number {
  return s.nObs * Math.log(s.sse) + (error === Kind.Mult ? 2 * s.sumLogF : 0);
}

export function newSums(): FilterSums {
  return { sse: 0, sumLogF: 0, nObs: 0, ok: true };
}
