/**
 * Nelder–Mead simplex minimiser with R optim's coefficients (reflection 1, contraction 0.5,
 * expansion 2, shrink 0.5) and stopping rule (relative spread of the simplex values ≤ reltol, or
 * maxit function evaluations). Non-finite values count as +1e35 as in R, so infeasible points
 * (outside the admissible region) simply repel the simplex.
 *
 * Unlike R, which starts from one common step of 10% of the largest |parameter| (so a level of 400
 * throws α far outside its box), each coordinate gets its own initial step; the caller knows the
 * natural scale of a smoothing parameter and of a state.
 */
const BIG = 1e35;

export interface NmResult {
  x: Float64Array;
  value: number;
  evaluations: number;
  /** True when the run stopped on `abandon`. */
  abandoned?: boolean;
}

export interface NmOptions {
  steps: ArrayLike<number>;
  maxit: number;
  reltol: number;
  /**
   * Give up once `after` evaluations are spent and the best value is still above `above`: the caller's
   * cheap bound that this run cannot matter (see estimate.ts, long seasons). Absent: never.
   */
  abandon?: { after: number; above: number };
}

export function nelderMead(f: (x: Float64Array) => number, x0: ArrayLike<number>, opt: NmOptions): NmResult {
  const n = x0.length;
  const evalAt = (x: Float64Array) => {
    const v = f(x);
    return Number.isFinite(v) ? v : BIG;
  };
  const pts: Float64Array[] = [];
  const vals = new Float64Array(n + 1);
  for (let i = 0; i <= n; i++) {
    const p = Float64Array.from(x0);
    if (i > 0) p[i - 1] = p[i - 1]! + opt.steps[i - 1]!;
    pts.push(p);
  }
  let evals = 0;
  for (let i = 0; i <= n; i++) {
    vals[i] = evalAt(pts[i]!);
    evals++;
  }
  const centroid = new Float64Array(n);
  // Running sum of all vertices: the centroid then costs O(n) per iteration instead of O(n²).
  const sum = new Float64Array(n);
  const resum = () => {
    sum.fill(0);
    for (let i = 0; i <= n; i++) for (let j = 0; j < n; j++) sum[j]! += pts[i]![j]!;
  };
  resum();
  let iter = 0;
  const replaceWorst = (worst: Float64Array, by: Float64Array) => {
    for (let j = 0; j < n; j++) sum[j]! += by[j]! - worst[j]!;
    worst.set(by);
  };
  const xr = new Float64Array(n);
  const xe = new Float64Array(n);
  const xc = new Float64Array(n);
  const move = (out: Float64Array, from: Float64Array, coef: number) => {
    for (let j = 0; j < n; j++) out[j] = centroid[j]! + coef * (from[j]! - centroid[j]!);
  };
  const abandon = opt.abandon;
  let abandoned = false;
  while (evals < opt.maxit) {
    // Best, worst and the second-worst value in one pass (only the second-worst's value is used).
    let lo = 0;
    let hi = 0;
    let second = -Infinity;
    for (let i = 1; i <= n; i++) {
      const v = vals[i]!;
      if (v < vals[lo]!) lo = i;
      if (v > vals[hi]!) {
        second = vals[hi]!;
        hi = i;
      } else if (v > second) second = v;
    }
    if (vals[hi]! <= vals[lo]! + opt.reltol * (Math.abs(vals[lo]!) + opt.reltol)) break;
    if (abandon && evals >= abandon.after && vals[lo]! > abandon.above) {
      abandoned = true;
      break;
    }
    // Refresh the running sum now and then so rounding cannot drift.
    if (++iter % 64 === 0) resum();
    const worst = pts[hi]!;
    for (let j = 0; j < n; j++) centroid[j] = (sum[j]! - worst[j]!) / n;
    move(xr, worst, -1);
    const fr = evalAt(xr);
    evals++;
    if (fr < vals[lo]!) {
      move(xe, worst, -2);
      const fe = evalAt(xe);
      evals++;
      if (fe < fr) {
        replaceWorst(worst, xe);
        vals[hi] = fe;
      } else {
        replaceWorst(worst, xr);
        vals[hi] = fr;
      }
      continue;
    }
    if (fr < second) {
      replaceWorst(worst, xr);
      vals[hi] = fr;
      continue;
    }
    // Contract towards the better of the worst point and its reflection.
    const outside = fr < vals[hi]!;
    move(xc, outside ? xr : worst, 0.5);
    const fc = evalAt(xc);
    evals++;
    if (fc < Math.min(fr, vals[hi]!)) {
      replaceWorst(worst, xc);
      vals[hi] = fc;
      continue;
    }
    // Shrink every point halfway towards the best.
    const best = pts[lo]!;
    for (let i = 0; i <= n; i++) {
      if (i === lo) continue;
      const p = pts[i]!;
      for (let j = 0; j < n; j++) p[j] = best[j]! + 0.5 * (p[j]! - best[j]!);
      vals[i] = evalAt(p);
      evals++;
    }
    resum();
  }
  let lo = 0;
  for (let i = 1; i <= n; i++) if (vals[i]! < vals[lo]!) lo = i;
  return { x: Float64Array.from(pts[lo]!), value: vals[lo]!, evaluations: evals, abandoned };
}
