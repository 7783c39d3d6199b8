import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fitSes, sesProfile, ALPHA_MAX, ALPHA_MIN } from '../../src/forecasting/theta/ses.ts';

// SES written out from its definition, independently of the implementation: one-step forecast is
// the previous level, a missing value contributes nothing and leaves the level alone.
function naiveErrors(y: number[], alpha: number, l0: number): number[] {
  const e: number[] = [];
  let level = l0;
  for (const v of y) {
    if (Number.isNaN(v)) continue;
    e.push(v - level);
    level = alpha * v + (1 - alpha) * level;
  }
  return e;
}

const sse = (e: number[]) => e.reduce((s, v) => s + v * v, 0);

/** Gaussian log-likelihood of the one-step errors, σ² at its MLE SSE/n. */
function logLik(y: number[], alpha: number, l0: number): number {
  const e = naiveErrors(y, alpha, l0);
  const s2 = sse(e) / e.length;
  return e.reduce((acc, v) => acc - 0.5 * Math.log(2 * Math.PI * s2) - (v * v) / (2 * s2), 0);
}

/** SSE is a quadratic in ℓ_0, so three evaluations give its exact vertex, without any sensitivities. */
function bestL0(y: number[], alpha: number): number {
  const f0 = sse(naiveErrors(y, alpha, -1));
  const f1 = sse(naiveErrors(y, alpha, 0));
  const f2 = sse(naiveErrors(y, alpha, 1));
  return (f0 - f2) / (2 * (f0 - 2 * f1 + f2));
}

const series = [12, 15, 11, 14, 18, 16, 13, 19, 22, 17, 20, 24];
const gappy = [12, NaN, 11, 14, 18, NaN, NaN, 19, 22, 17, 20, NaN];

for (const [name, y] of [['complete', series], ['with missing values', gappy]] as const) {
  test(`the profiled initial level is the least-squares one (${name})`, () => {
    for (const alpha of [0.05, 0.3, 0.7, 0.99]) {
      const p = sesProfile(y, alpha);
      // Both are the same quadratic's vertex; they differ only by rounding on values ~1e2.
      assert.ok(Math.abs(p.l0 - bestL0(y, alpha)) < 1e-8, `alpha ${alpha}: ${p.l0} vs ${bestL0(y, alpha)}`);
      const want = sse(naiveErrors(y, alpha, p.l0));
      assert.ok(Math.abs(p.sse - want) <= 1e-12 * want);
    }
  });

  test(`fitSes finds the brute-force optimum of SSE and likelihood (${name})`, () => {
    const fit = fitSes(y);
    // Fine grid over alpha with the exact ℓ_0 for each: our optimum must beat every grid point.
    let gridBest = Infinity;
    let gridAlpha = NaN;
    for (let i = 0; i <= 10_000; i++) {
      const a = ALPHA_MIN + ((ALPHA_MAX - ALPHA_MIN) * i) / 10_000;
      const s = sse(naiveErrors(y, a, bestL0(y, a)));
      if (s < gridBest) [gridBest, gridAlpha] = [s, a];
    }
    const ours = sse(naiveErrors(y, fit.alpha, fit.l0));
    assert.ok(ours <= gridBest * (1 + 1e-12), `ours ${ours}, grid ${gridBest}`);
    // Within one grid step (1e-4) of the grid's alpha, unless the optimum is that flat.
    assert.ok(Math.abs(fit.alpha - gridAlpha) <= 2e-4, `alpha ${fit.alpha} vs grid ${gridAlpha}`);
    assert.ok(Math.abs(fit.sse - ours) <= 1e-12 * ours);
    assert.equal(fit.nObs, y.filter((v) => !Number.isNaN(v)).length);
    // Maximum likelihood: no nearby (alpha, ℓ_0) has a higher Gaussian likelihood.
    const best = logLik(y, fit.alpha, fit.l0);
    for (const [da, dl] of [[1e-3, 0], [-1e-3, 0], [0, 0.01], [0, -0.01], [1e-3, 0.01], [-1e-3, -0.01]] as const) {
      const a = Math.min(ALPHA_MAX, Math.max(ALPHA_MIN, fit.alpha + da));
      assert.ok(logLik(y, a, fit.l0 + dl) <= best + 1e-12, `perturbation ${da}, ${dl}`);
    }
    // The final level is the recursion's last state.
    const e = naiveErrors(y, fit.alpha, fit.l0);
    const lastObs = y.filter((v) => !Number.isNaN(v)).at(-1)!;
    assert.ok(Math.abs(fit.level - (lastObs - (1 - fit.alpha) * e.at(-1)!)) < 1e-9);
  });
}

test('a random walk pushes alpha to its upper bound, a constant-plus-noise series low', () => {
  let s = 0;
  let seed = 7;
  const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) - 0.5;
  const walk = Array.from({ length: 200 }, () => (s += rand()));
  assert.ok(fitSes(walk).alpha > 0.9);
  const flat = Array.from({ length: 200 }, () => 10 + rand());
  assert.ok(fitSes(flat).alpha < 0.1);
});
