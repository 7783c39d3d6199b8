/**
 * The optimiser's filter: runFilter's recursion (filter.ts) with the component kinds fixed when the
 * function is built, so the per-step loop carries none of the generic version's tests on error, trend
 * and season kinds or on the residual output. Profiling showed those branches, not the arithmetic,
 * taking more than half of a step on short series (Nile: 0.58 µs per pass generic, 0.24 µs for the
 * same recursion written for one kind). One variant per kind combination is generated from the same
 * expressions as runFilter (identical arithmetic, so identical likelihoods) and cached; the kinds are
 * small integers from codesOf(), never user text, so the generated source is fixed.
 *
 * |f| is Math.abs(f) here, not runFilter's `f < 0 ? -f : f` (the same value, up to the sign of a zero,
 * which the log ignores): with the conditional V8 boxed the loop's doubles in the multiplicative-error
 * filters, 46–70 µs a pass on taylor instead of 15–22 µs.
 */
import { Kind, type Codes, type FilterSums, type Smoothing, type State } from './filter.ts';

export type FastFilter = (y: Float64Array, p: Smoothing, st: State, sums: FilterSums) => FilterSums;

/**
 * The same recursion with every input a number or a typed array and every output written to `out`:
 * out[0] = SSE, out[1] = Σlog|f|, out[2] = observations used, out[3] = 1 if ok else 0, out[4] = final
 * level, out[5] = final slope, out[6] = final position in `seas` (which is updated in place).
 * The optimiser calls this form: the object form's stores into `st` and `sums` met objects of several
 * maps (fields created as small integers, later doubles) and V8 deoptimised the generated function at
 * those stores thousands of times per taylor fit, each time re-running passes unoptimised.
 */
export type RawFilter = (
  y: Float64Array,
  alpha: number,
  beta: number,
  gamma: number,
  phi: number,
  seas: Float64Array,
  level: number,
  slope: number,
  pos: number,
  out: Float64Array,
) => void;

const cache = new Map<number, RawFilter>();

/**
 * `missing`: whether y may hold NaN. Without it the variant has no missing-value test in the loop and
 * counts the observations as y.length (same numbers for a series without NaN). The test matters:
 * with a never-taken `continue` in the loop body V8 (Node 20) kept the loop's doubles boxed, one heap
 * number per step: 18 µs instead of 6 µs for ETS(A,N,N) on 3696 points, and most of the fit's GC time.
 */
export function rawFilter(c: Codes, missing = true): RawFilter {
  const key = (c.error * 9 + c.trend * 3 + c.season) * 2 + (missing ? 1 : 0);
  let f = cache.get(key);
  if (!f) {
    f = build(c.error, c.trend, c.season, missing);
    cache.set(key, f);
  }
  return f;
}

/** True when y holds a missing value (NaN). */
export function hasMissing(y: Float64Array): boolean {
  for (let t = 0; t < y.length; t++) if (y[t] !== y[t]) return true;
  return false;
}

/** The object form (same numbers): for tests and callers outside the optimiser. */
export function fastFilter(c: Codes): FastFilter {
  const withMissing = rawFilter(c, true);
  const without = rawFilter(c, false);
  const out = new Float64Array(RAW_OUT);
  return (y, p, st, sums) => {
    (hasMissing(y) ? withMissing : without)(y, p.alpha, p.beta, p.gamma, p.phi, st.seas, st.level, st.slope, st.pos, out);
    st.level = out[4]!;
    st.slope = out[5]!;
    st.pos = out[6]!;
    sums.sse = out[0]!;
    sums.sumLogF = out[1]!;
    sums.nObs = out[2]!;
    sums.ok = out[3] === 1;
    return sums;
  };
}

/** Length of the `out` array a RawFilter writes. */
export const RAW_OUT = 7;

function build(error: Kind, trend: Kind, season: Kind, missing: boolean): RawFilter {
  const N = Kind.None;
  const A = Kind.Add;
  const seasonal = season !== N;
  const lines: string[] = [
    'const m = seas.length;',
    'const ratio = beta / alpha, oneMinusAlpha = 1 - alpha, aphi = oneMinusAlpha * phi, bphi = phi * (1 - beta);',
    'let l = level, b = slope, sse = 0, sumLogF = 0, prodF = 1, nObs = 0, ok = true;',
    'for (let t = 0; t < y.length; t++) {',
    seasonal ? 'const sOld = seas[pos];' : '',
    trend === N ? 'const phib = 0, q = l;' : trend === A ? 'const phib = phi * b, q = l + phib;' : `if (b < 0) { ok = false; ${missing ? '' : 'nObs = t; '}break; } const phib = phi === 1 ? b : Math.pow(b, phi), q = l * phib;`,
    `const f = ${season === N ? 'q' : season === A ? 'q + sOld' : 'q * sOld'};`,
    'const yt = y[t];',
    missing ? `if (yt !== yt) { l = q; b = phib; ${seasonal ? 'pos = pos + 1 === m ? 0 : pos + 1;' : ''} continue; }` : '',
    `const e = ${error === A ? 'yt - f' : '(yt - f) / f'};`,
    'sse += e * e;',
    error === A ? '' : 'prodF *= Math.abs(f); if (prodF > 1e150 || prodF < 1e-150) { sumLogF += Math.log(prodF); prodF = 1; }',
    missing ? 'nObs++;' : '',
    `const pt = ${season === N ? 'yt' : season === A ? 'yt - sOld' : 'Math.abs(sOld) < 1e-10 ? 1e10 : yt / sOld'};`,
    trend === N
      ? 'const lNew = oneMinusAlpha * l + alpha * pt;'
      : trend === A
        ? 'const lNew = oneMinusAlpha * l + alpha * pt + aphi * b; b = bphi * b + (beta * pt - beta * l);'
        : 'const lNew = q + alpha * (pt - q); const r = Math.abs(l) < 1e-10 ? 1e10 : lNew / l; b = phib + ratio * (r - phib);',
    season === N ? '' : `const tt = ${season === A ? 'yt - q' : 'Math.abs(q) < 1e-10 ? 1e10 : yt / q'}; seas[pos] = sOld + gamma * (tt - sOld);`,
    'l = lNew;',
    seasonal ? 'pos = pos + 1 === m ? 0 : pos + 1;' : '',
    '}',
    missing ? '' : 'if (ok) nObs = y.length;',
    'sumLogF += Math.log(prodF);',
    'if (!Number.isFinite(l) || !Number.isFinite(b) || !Number.isFinite(sse) || !Number.isFinite(sumLogF)) ok = false;',
    'out[0] = sse; out[1] = sumLogF; out[2] = nObs; out[3] = ok ? 1 : 0; out[4] = l; out[5] = b; out[6] = pos;',
  ];
  return new Function('y', 'alpha', 'beta', 'gamma', 'phi', 'seas', 'level', 'slope', 'pos', 'out', lines.join('\n')) as RawFilter;
}
