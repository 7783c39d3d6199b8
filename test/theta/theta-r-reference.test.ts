import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { thetaKind } from '../../src/forecasting/theta/index.ts';
import { adjust } from '../../src/forecasting/theta/model.ts';
import { sesFilter, sesProfile } from '../../src/forecasting/theta/ses.ts';

// R forecast's thetaf(train, h) on the ten forecast-dev series (95% intervals, ~10 significant digits).
const dir = new URL('../../fixtures/forecast-dev/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
const Z95 = 1.959963984540054;

interface RTheta {
  mean: number[];
  lo95: number[];
  hi95: number[];
}

/**
 * thetaf's se_j = σ·√(1 + j·α²), so R's own alpha and σ² can be read back from its interval
 * half-widths: exactly enough (10 digits in, ~1e-8 relative out) to tell R's optimum from ours.
 */
function rEstimates(r: RTheta): { alpha: number; sigma2: number } {
  const se0 = (r.hi95[0]! - r.mean[0]!) / Z95;
  const se1 = (r.hi95[1]! - r.mean[1]!) / Z95;
  return { alpha: Math.sqrt((se1 / se0) ** 2 - 1), sigma2: se0 * se0 };
}

/** Error relative to the size of the forecast, so bounds near zero are not over-weighted. */
function maxRelErr(got: Float64Array, want: number[], scale: number[]): number {
  let worst = 0;
  for (let i = 0; i < want.length; i++) worst = Math.max(worst, Math.abs(got[i]! - want[i]!) / Math.abs(scale[i]!));
  return worst;
}

/**
 * On lynx and nottem R's Nelder–Mead stops before the optimum (alpha ≈ 0.991 and 0.028, where
 * ours — with a lower SSE — is on the bound 0.9999 and 1e-4). There the point forecasts differ
 * by what that alpha gap is worth: lynx's level is ~1% of its last one-step error away (≈1.7%),
 * nottem's a fraction of a degree (≈0.25%). Those two get loose bounds; the fit-quality and plug-in
 * tests below pin them down instead.
 */
const R_STOPPED_SHORT: Record<string, number> = { 'datasets::lynx': 0.03, 'datasets::nottem': 0.005 };
// Where R converged, the alphas agree to ~1e-5 (NM's reltol is √eps on the objective, worth ~1e-4 in
// a flat alpha); the fixtures show at most ~1e-5 relative differences in mean, ~3e-5 in the bounds.
const MEAN_TOL = 1e-4;
const BOUND_TOL = 2e-4;

for (const file of files) {
  const d = JSON.parse(readFileSync(new URL(file, dir), 'utf8'));
  const y = Float64Array.from(d.train as number[]);
  const r = d.r.theta as RTheta;
  const model = thetaKind.fit(y, thetaKind.parseSpec({ period: d.frequency }), {});

  test(`theta forecasts match R's thetaf on ${d.name}`, () => {
    const fc = thetaKind.forecast(model, d.h, [95]);
    const loose = R_STOPPED_SHORT[d.name];
    const meanTol = loose ?? MEAN_TOL;
    const boundTol = loose === undefined ? BOUND_TOL : 2 * loose;
    const em = maxRelErr(fc.mean, r.mean, r.mean);
    assert.ok(em <= meanTol, `${d.name} mean: max rel err ${em}`);
    const el = maxRelErr(fc.intervals[0]!.lower, r.lo95, r.mean);
    const eu = maxRelErr(fc.intervals[0]!.upper, r.hi95, r.mean);
    assert.ok(el <= boundTol && eu <= boundTol, `${d.name} bounds: ${el}, ${eu}`);
  });

  test(`theta's optimum is at least as good as R's on ${d.name}`, () => {
    // Same SSE criterion and same n − 2 divisor, so a smaller σ² means a better optimum. The slack
    // is the fixture rounding: mean and bound each carry ~5e-10·|mean| absolute error, so σ² read
    // back from their difference is good to ~2·1e-9·|mean|/halfwidth relative (1.2e-6 on co2).
    const rEst = rEstimates(r);
    const halfWidth = r.hi95[0]! - r.mean[0]!;
    const slack = (2 * 2e-9 * Math.abs(r.mean[0]!)) / halfWidth;
    const ours = model.metrics.sigma2 as number;
    assert.ok(ours <= rEst.sigma2 * (1 + slack), `${d.name}: ours ${ours}, R ${rEst.sigma2}`);
  });

  test(`with R's alpha and sigma2 plugged in, theta reproduces R's numbers on ${d.name}`, () => {
    // Everything but the optimiser: seasonality decision, decomposition, drift, filter, forecast
    // formula, interval formula. ℓ_0 is our optimum for R's alpha, which R's simplex may not have
    // polished; its weight in the final level, (1−α)^n, is below 2e-3 on every series here (1.7e-3
    // on nottem, <1e-10 elsewhere), and the rest is fixture rounding (~1e-9) and alpha read back
    // from it; observed at most 3e-8 (nottem), 4e-9 elsewhere, so 1e-7. ℓ_0 does move the first
    // errors, hence σ², so R's σ² is plugged in too (ours is checked above and in the comparison).
    const { alpha, sigma2 } = rEstimates(r);
    const x = adjust(y, model.params.seasonal, 0);
    const { l0 } = sesProfile(x, alpha);
    const end = sesFilter(x, alpha, { level: l0, sse: 0, nObs: 0 });
    const sse = sigma2 * (end.nObs - 2);
    const params = { ...model.params, alpha, l0, level: end.level, sse };
    const fc = thetaKind.forecast({ ...model, params }, d.h, [95]);
    const em = maxRelErr(fc.mean, r.mean, r.mean);
    const eu = maxRelErr(fc.intervals[0]!.upper, r.hi95, r.mean);
    assert.ok(em <= 1e-7 && eu <= 1e-7, `${d.name}: mean ${em}, upper ${eu}`);
  });
}

test('there are ten fixture series', () => {
  assert.equal(files.length, 10);
});
