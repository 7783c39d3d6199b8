/**
 * The Hyndman–Khandakar stepwise search of forecast::auto.arima (forecast 8.x): start from
 * (2,d,2)(1,D,1), the null model, basic AR and MA models; then move one or two orders at a time,
 * restarting from the first improvement, until no neighbour improves or 94 models were tried.
 */
import { improves, scoreModel, type Candidate, type SearchContext } from './candidate.ts';
import type { Structure } from '../structure.ts';

export interface Limits {
  maxp: number;
  maxq: number;
  maxP: number;
  maxQ: number;
}

export interface SearchResult {
  best: Candidate;
  tried: Candidate[];
}

const NMODELS = 94;

export function stepwise(ctx: SearchContext, d: number, D: number, m: number, lim: Limits, allowConstant: boolean): SearchResult {
  const tried: Candidate[] = [];
  const reg = (c: boolean): Structure['reg'] => (!c ? 'none' : d + D === 0 ? 'intercept' : 'drift');
  const key = (p: number, q: number, P: number, Q: number, c: boolean) => `${p},${q},${P},${Q},${c}`;
  const seen = new Set<string>();
  const fit = (p: number, q: number, P: number, Q: number, c: boolean): Candidate => {
    seen.add(key(p, q, P, Q, c));
    const cand = scoreModel(ctx, { p, d, q, P, D, Q, m, reg: reg(c) }, ctx.approximation);
    tried.push(cand);
    return cand;
  };
  let constant = allowConstant;
  // Start at (2,d,2)(1,D,1), or (1,d,1)(0,D,0) for fewer than 10 values.
  const tiny = ctx.x.length < 10;
  let p = Math.min(tiny ? 1 : 2, lim.maxp);
  let q = Math.min(tiny ? 1 : 2, lim.maxq);
  let P = Math.min(tiny ? 0 : 1, lim.maxP);
  let Q = Math.min(tiny ? 0 : 1, lim.maxQ);
  let best = fit(p, q, P, Q, constant);
  let c = fit(0, 0, 0, 0, constant);
  if (improves(c, best)) {
    best = c;
    p = q = P = Q = 0;
  }
  if (lim.maxp > 0 || lim.maxP > 0) {
    const np = lim.maxp > 0 ? 1 : 0;
    const nP = m > 1 && lim.maxP > 0 ? 1 : 0;
    c = fit(np, 0, nP, 0, constant);
    if (improves(c, best)) {
      best = c;
      p = np;
      P = nP;
      q = Q = 0;
    }
  }
  if (lim.maxq > 0 || lim.maxQ > 0) {
    const nq = lim.maxq > 0 ? 1 : 0;
    const nQ = m > 1 && lim.maxQ > 0 ? 1 : 0;
    c = fit(0, nq, 0, nQ, constant);
    if (improves(c, best)) {
      best = c;
      p = P = 0;
      Q = nQ;
      q = nq;
    }
  }
  if (constant) {
    c = fit(0, 0, 0, 0, false);
    if (improves(c, best)) {
      best = c;
      p = q = P = Q = 0;
    }
  }
  // Neighbour moves in forecast's order: [dp, dq, dP, dQ].
  const moves: [number, number, number, number][] = [
    [0, 0, -1, 0],
    [0, 0, 0, -1],
    [0, 0, 1, 0],
    [0, 0, 0, 1],
    [0, 0, -1, -1],
    [0, 0, -1, 1],
    [0, 0, 1, -1],
    [0, 0, 1, 1],
    [-1, 0, 0, 0],
    [0, -1, 0, 0],
    [1, 0, 0, 0],
    [0, 1, 0, 0],
    [-1, -1, 0, 0],
    [-1, 1, 0, 0],
    [1, -1, 0, 0],
    [1, 1, 0, 0],
  ];
  let improved = true;
  while (improved && tried.length < NMODELS) {
    improved = false;
    for (const [dp, dq, dP, dQ] of moves) {
      const np = p + dp;
      const nq = q + dq;
      const nP = P + dP;
      const nQ = Q + dQ;
      if (np < 0 || nq < 0 || nP < 0 || nQ < 0 || np > lim.maxp || nq > lim.maxq || nP > lim.maxP || nQ > lim.maxQ) continue;
      if (seen.has(key(np, nq, nP, nQ, constant))) continue;
      if (tried.length >= NMODELS) break;
      c = fit(np, nq, nP, nQ, constant);
      if (improves(c, best)) {
        best = c;
        p = np;
        q = nq;
        P = nP;
        Q = nQ;
        improved = true;
        break;
      }
    }
    if (improved || !allowConstant || tried.length >= NMODELS) continue;
    if (!seen.has(key(p, q, P, Q, !constant))) {
      c = fit(p, q, P, Q, !constant);
      if (improves(c, best)) {
        best = c;
        constant = !constant;
        improved = true;
      }
    }
  }
  return { best, tried };
}
