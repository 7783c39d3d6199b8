/**
 * The optimiser's filter: runFilter's recursion (filter.ts) with the component kinds fixed when the
 * function is built, so the per-step loop carries none of the generic version's tests on error, trend
 * and season kinds or on the residual output. Profiling showed those branches, not the arithmetic,
 * taking more than half of a step on short series (Nile: 0.58 µs per pass generic, 0.24 µs for the
 * same recursion written for one kind). One variant per kind combination is generated from the same
 * expressions as runFilter (identical arithmetic, so identical likelihoods) and cached; the kinds are
 * small integers from codesOf(), never user text, so the generated source is fixed.
 */
import { Kind, type Codes, type FilterSums, type Smoothing, type State } from './filter.ts';

export type FastFilter = (y: Float64Array, p: Smoothing, st: State, sums: FilterSums) => FilterSums;

const cache = new Map<number, FastFilter>();

export function fastFilter(c: Codes): FastFilter {
  const key = c.error * 9 + c.trend * 3 + c.season;
  let f = cache.get(key);
  if (!f) {
    f = build(c.error, c.trend, c.season);
    cache.set(key, f);
  }
  return f;
}

function build(error: Kind, trend: Kind, season: Kind): FastFilter {
  const N = Kind.None;
  const A = Kind.Add;
  const seasonal = season !== N;
  const lines: string[] = [
    'const alpha = p.alpha, beta = p.beta, gamma = p.gamma, phi = p.phi;',
    'const seas = st.seas, m = seas.length;',
    'const ratio = beta / alpha, oneMinusAlpha = 1 - alpha, aphi = oneMinusAlpha * phi, bphi = phi * (1 - beta);',
    'let l = st.level, b = st.slope, pos = st.pos, sse = 0, sumLogF = 0, prodF = 1, nObs = 0, ok = true;',
    'for (let t = 0; t < y.length; t++) {',
    seasonal ? 'const sOld = seas[pos];' : '',
    trend === N ? 'const phib = 0, q = l;' : trend === A ? 'const phib = phi * b, q = l + phib;' : 'if (b < 0) { ok = false; break; } const phib = phi === 1 ? b : Math.pow(b, phi), q = l * phib;',
    `const f = ${season === N ? 'q' : season === A ? 'q + sOld' : 'q * sOld'};`,
    'const yt = y[t];',
    `if (yt !== yt) { l = q; b = phib; ${seasonal ? 'pos = pos + 1 === m ? 0 : pos + 1;' : ''} continue; }`,
    `const e = ${error === A ? 'yt - f' : '(yt - f) / f'};`,
    'sse += e * e;',
    error === A ? '' : 'prodF *= f < 0 ? -f : f; if (prodF > 1e150 || prodF < 1e-150) { sumLogF += Math.log(prodF); prodF = 1; }',
    'nObs++;',
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
    'sumLogF += Math.log(prodF);',
    'if (!Number.isFinite(l) || !Number.isFinite(b) || !Number.isFinite(sse) || !Number.isFinite(sumLogF)) ok = false;',
    'st.level = l; st.slope = b; st.pos = pos;',
    'sums.sse = sse; sums.sumLogF = sumLogF; sums.nObs = nObs; sums.ok = ok;',
    'return sums;',
  ];
  return new Function('y', 'p', 'st', 'sums', lines.join('\n')) as FastFilter;
}
