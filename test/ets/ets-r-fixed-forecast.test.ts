/**
 * Forecasts of fixed ETS models against R's forecast.ets() (fixtures/ets-reference.json, written by
 * fixtures/r/ets-reference.R with R 4.2.2 / forecast 8.20). R's fitted parameters and R's initial
 * states go through our filter once (no optimisation); the resulting Fitted is forecast by etsKind.
 *
 * Adapter (kept here, not in src): R's initstate is (l, b, s1, …, sm) with s1 = s_0 the most recent
 * seasonal index and sm = s_{1−m} the oldest; our InitState.seas[j] is the index of observation j,
 * so seas[j] = s(m − j). Likewise R's final state has sm = the season of the first forecast, ours
 * FinalState.seas[k] = the index k + 1 steps ahead = s(m − k).
 *
 * What is compared, by R's method (forecast.ets, simulate = FALSE):
 *  - class 1/2 (ETS(A,A,A), (A,N,N), (A,N,A), (M,N,A)): R's mean and normal intervals are closed
 *    forms of the final state, σ² and the parameters, exactly like ours, so they must agree to
 *    rounding: 1e-9 relative (observed ≤ 1e-14). Exception, tested below as such: for seasonal models
 *    WITHOUT a trend, R 8.20's class1() puts γ on the wrong state (G[3, 1] is s2 when there is no
 *    b), so R's variance weight c_j carries γ at j ≡ m − 1 (mod m) instead of j ≡ 0 (mod m); our
 *    intervals (γ at j ≡ 0, Hyndman et al. 2008 table 6.1 — and R's own placement when a trend is
 *    present) agree with R for h < m and differ from h = m on.
 *  - class 3 (ETS(M,Ad,M)): R's default is the ANALYTIC class3() recursion, ours is simulation.
 *    Compared instead with R's simulate = TRUE intervals recorded in the fixture, within a
 *    Monte-Carlo bound (see below); R's analytic class-3 intervals are a normal approximation that
 *    its own simulation departs from by up to 6% at h = 24. R's class3 mean also treats the first
 *    step as undamped (H1 = (1, 1): 1 + φ + … + φ^{h−1}), ours the textbook φ + … + φ^h: tested below
 *    by writing R's formula out.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { EtsParams } from '../../src/forecasting/ets/params.ts';
import type { EtsSpec } from '../../src/forecasting/ets/model-code.ts';
import { etsFitted, etsForecast } from '../../src/forecasting/ets/kind.ts';
import type { Forecast } from '../../src/forecasting/types.ts';
import { paramsFromR, rCases, seriesOf, type RCase } from '../support/ets-r.ts';

const LEVELS = [80, 95] as const;

/** R's fitted model → our Fitted → our forecast at R's horizon and levels. */
function forecastFromR(c: RCase): { p: EtsParams; fc: Forecast } {
  const p = paramsFromR(c, seriesOf(c));
  const s = p.structure;
  const spec: EtsSpec = { model: s.error + s.trend + s.season, period: c.m, damped: s.damped, allowMultiplicativeTrend: false };
  const fc = etsForecast(etsFitted(spec, p), c.forecast.h, [...LEVELS]);
  assert.equal(fc.mean.length, c.forecast.h);
  assert.deepEqual(fc.intervals.map((iv) => iv.level), [...LEVELS]);
  return { p, fc };
}

/** Largest relative difference over horizons [from, to), with where it happens. */
function worst(ours: ArrayLike<number>, r: number[], from = 0, to = r.length) {
  let err = 0;
  let at = from;
  for (let i = from; i < to; i++) {
    const e = Math.abs(ours[i]! - r[i]!) / Math.abs(r[i]!);
    if (!(e <= err)) (err = e), (at = i);
  }
  return { err, at, ours: ours[at]!, r: r[at]! };
}

function assertClose(what: string, ours: ArrayLike<number>, r: number[], rel: number, from = 0, to = r.length) {
  const w = worst(ours, r, from, to);
  assert.ok(w.err <= rel, `${what}: h = ${w.at + 1} ours ${w.ours} vs R ${w.r} (relative ${w.err.toExponential(2)}, allowed ${rel})`);
}

/** Both levels, both bounds; the message names the worst of the four. */
function assertIntervals(c: RCase, fc: Forecast, rel: number, from = 0, to = c.forecast.h) {
  const all = LEVELS.flatMap((level, k) => [
    { what: `lower ${level}%`, ...worst(fc.intervals[k]!.lower, c.forecast.lower[level], from, to) },
    { what: `upper ${level}%`, ...worst(fc.intervals[k]!.upper, c.forecast.upper[level], from, to) },
  ]);
  const w = all.reduce((a, b) => (b.err > a.err ? b : a));
  assert.ok(w.err <= rel, `${c.id} ${w.what}: h = ${w.at + 1} ours ${w.ours} vs R ${w.r} (relative ${w.err.toExponential(2)}, allowed ${rel})`);
}

const cases = rCases;
const analytic = cases.filter((c) => c.forecast.method === 'class1' || c.forecast.method === 'class2');
const class3 = cases.filter((c) => c.forecast.method === 'class3');
assert.ok(analytic.length >= 4 && class3.length >= 1, 'fixture covers classes 1, 2 and 3');

// Rounding only (see header): 1e-9 relative, four orders above what is observed.
const EXACT = 1e-9;

for (const c of analytic) {
  const seasonalNoTrend = c.components[2] !== 'N' && c.components[1] === 'N';
  test(`${c.id} ${c.model} (${c.forecast.method}): point forecasts equal R's`, () => {
    const { fc } = forecastFromR(c);
    assertClose(`${c.id} mean`, fc.mean, c.forecast.mean, EXACT);
    assertClose(`${c.id} mean vs R's state path`, fc.mean, c.point_state_path, EXACT);
  });
  test(`${c.id} ${c.model} (${c.forecast.method}): 80/95% intervals equal R's${seasonalNoTrend ? ` for h < m = ${c.m}` : ''}`, () => {
    const { fc } = forecastFromR(c);
    assertIntervals(c, fc, EXACT, 0, seasonalNoTrend ? c.m - 1 : c.forecast.h);
  });
}

/**
 * Seasonal models without a trend, h ≥ m: R 8.20's class1() puts γ on the wrong state when there is no
 * b, so its variance weights carry γ at lag j ≡ m − 1 (mod m) instead of j ≡ 0. For ETS(A,N,A) the
 * variance is σ²(1 + Σ_{j<h} c_j²), c_j = α + γ·[j ≡ lag (mod m)] (Hyndman et al. 2008, table 6.1):
 * written out here, ours must be the textbook formula and R's the same formula with R's lag.
 */
function anaBounds(c: RCase, z: number, gammaLag: number) {
  const { alpha, gamma } = c.params;
  const lower: number[] = [];
  const upper: number[] = [];
  let sum = 1;
  for (let h = 1; h <= c.forecast.h; h++) {
    if (h > 1) sum += (alpha + (((h - 1) % c.m === gammaLag) ? gamma! : 0)) ** 2;
    const half = z * Math.sqrt(c.sigma2 * sum);
    lower.push(c.forecast.mean[h - 1]! - half);
    upper.push(c.forecast.mean[h - 1]! + half);
  }
  return { lower, upper };
}

for (const c of analytic.filter((x) => x.components.slice(0, 3).join('') === 'ANA')) {
  test(`${c.id} ${c.model}: from h = m on, ours are the textbook intervals; R's are the same formula with γ at lag m − 1`, () => {
    const { fc } = forecastFromR(c);
    LEVELS.forEach((level, k) => {
      const z = level === 80 ? 1.2815515655446004 : 1.959963984540054;
      const book = anaBounds(c, z, 0);
      const rs = anaBounds(c, z, c.m - 1);
      assertClose(`${c.id} ours lower ${level}%`, fc.intervals[k]!.lower, book.lower, EXACT);
      assertClose(`${c.id} ours upper ${level}%`, fc.intervals[k]!.upper, book.upper, EXACT);
      assertClose(`${c.id} R lower ${level}%`, rs.lower, c.forecast.lower[level], EXACT);
      assertClose(`${c.id} R upper ${level}%`, rs.upper, c.forecast.upper[level], EXACT);
    });
  });
}

for (const c of analytic.filter((x) => x.components.slice(0, 3).join('') === 'MNA')) {
  // Class 2 has no short closed form to write out here; the same misplaced γ is the only difference
  // from h = m on (measured 1.8e-6 relative), so it is bounded rather than reproduced.
  test(`${c.id} ${c.model}: from h = m on, ours and R's differ only by R's γ placement (< 1e-4 relative)`, () => {
    const { fc } = forecastFromR(c);
    assertIntervals(c, fc, 1e-4, c.m - 1);
  });
}

/**
 * Class 3 against R's simulated intervals (5000 paths, set.seed(20240101)); ours are 5000 paths of
 * a different generator, so the two are independent Monte-Carlo estimates of the same quantiles.
 * Standard error of a sample q-quantile: √(q(1−q)/N) / f(x_q); with f taken normal with R's
 * analytic class-3 sd for that horizon (sd_h = (upper95 − mean) / z_.975), the difference of two
 * independent estimates has sd √2 times that: ≈ 0.054·sd_h at 2.5/97.5%, 0.034·sd_h at 10/90%.
 * 4.5 such standard errors bound all 4·24 comparisons (correlated across h) with ample room;
 * a wrong recursion, seasonal phase or σ² moves these quantiles by many standard errors.
 */
const Z = { 80: 1.2815515655446004, 95: 1.959963984540054 } as const;
const dnorm = (x: number) => Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);

for (const c of class3) {
  test(`${c.id} ${c.model} (class 3): point forecasts are the textbook path from R's final state`, () => {
    const { p, fc } = forecastFromR(c);
    const f = c.final_state;
    const phi = c.params.phi ?? 1;
    // Our final state is R's (checked to 1e-9 in ets-r-fixed-likelihood); the h-step point forecast
    // is (l + φ_h b)·s with φ_h = φ + … + φ^h (Hyndman et al. 2008, table 2.1).
    const book: number[] = [];
    let phiH = 0;
    for (let i = 0; i < c.forecast.h; i++) {
      phiH += phi ** (i + 1);
      const sIdx = f[`s${c.m - (i % c.m)}`]!;
      book.push(c.components[1] === 'N' ? f.l! * sIdx : (f.l! + phiH * f.b!) * sIdx);
    }
    assertClose(`${c.id} mean vs (l + φ_h b)·s`, fc.mean, book, EXACT);
    // One step ahead there is no damping ambiguity: R's state path (etsforecast) agrees.
    assertClose(`${c.id} h = 1 vs R's state path`, fc.mean, c.point_state_path, EXACT, 0, 1);
    assert.equal(p.last.seas.length, c.m);
  });

  test(`${c.id} ${c.model} (class 3): R's mean is R 8.20's class3 formula, which leaves the first step undamped`, () => {
    // R's class3() uses H1 = (1, 1): (l + (1 + φ + … + φ^{h−1}) b)·s, plus a σ²-sized term (~1e-4 here);
    // ours (tested above) is the textbook (φ + … + φ^h). Written out from R's own final state:
    const f = c.final_state;
    const phi = c.params.phi ?? 1;
    const rFormula: number[] = [];
    let weights = 0;
    for (let i = 0; i < c.forecast.h; i++) {
      weights += phi ** i;
      rFormula.push((f.l! + weights * (f.b ?? 0)) * f[`s${c.m - (i % c.m)}`]!);
    }
    assertClose(`${c.id} R's mean vs R's class3 formula`, rFormula, c.forecast.mean, 5e-4);
  });

  test(`${c.id} ${c.model} (class 3): simulated intervals agree with R's simulated ones within Monte-Carlo error`, (t) => {
    const { fc } = forecastFromR(c);
    const sim = c.simulated!;
    assert.equal(sim.npaths, 5000);
    let maxZ = 0;
    let where = '';
    LEVELS.forEach((level, k) => {
      const q = 0.5 - level / 200;
      const seFactor = Math.sqrt((2 * q * (1 - q)) / sim.npaths) / dnorm(Z[level]);
      for (let i = 0; i < c.forecast.h; i++) {
        const sd = (c.forecast.upper['95'][i]! - c.forecast.mean[i]!) / Z[95];
        for (const [side, ours, r] of [
          ['lower', fc.intervals[k]!.lower[i]!, sim.lower[level][i]!],
          ['upper', fc.intervals[k]!.upper[i]!, sim.upper[level][i]!],
        ] as const) {
          const zScore = Math.abs(ours - r) / (seFactor * sd);
          if (zScore > maxZ) (maxZ = zScore), (where = `${side} ${level}% h = ${i + 1}: ours ${ours} vs R ${r}`);
        }
      }
    });
    t.diagnostic(`largest difference: ${maxZ.toFixed(2)} Monte-Carlo standard errors (${where})`);
    assert.ok(maxZ <= 4.5, `${c.id}: ${maxZ.toFixed(2)} Monte-Carlo standard errors at ${where}`);
  });
}
