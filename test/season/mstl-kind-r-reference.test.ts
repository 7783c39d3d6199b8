import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getKind } from '../../src/forecasting/index.ts';
import { inputSeries, seasonReference } from './season-fixtures.ts';

const mstl = getKind('mstl');
/**
 * The decomposition equals R's to 1e-6 (stl-r-reference.test.ts) and the model of the adjusted series
 * is R's choice (asserted); their ML estimates on these long series with flat likelihoods differ from
 * R's optimiser's in the fourth digit (ETS) or third (ARIMA) — melbourne's α 0.3502 against 0.3494 at
 * equal log-likelihood — which widens a 365-step interval by ~0.2%: the tolerances here.
 */
const TOL = { ets: { mean: 5e-4, width: 5e-3 }, arima: { mean: 5e-3, width: 5e-3 } } as const;
const relErr = (a: ArrayLike<number>, b: number[]) => Math.max(...b.map((v, i) => Math.abs(a[i]! - v) / Math.max(1, Math.abs(v))));

function compare(label: string, y: Float64Array, options: Record<string, unknown>, h: number, ref: any, tol: { mean: number; width: number }) {
  const model = mstl.fit(y, mstl.parseSpec(options), {});
  const fc = mstl.forecast(model, h, [80, 95]);
  if (ref.model) assert.equal(model.metrics.model, `STL + ${ref.model}`, label);
  // Intervals as half-widths: a bound near zero has no relative error worth the name.
  const half = (bound: ArrayLike<number>, mean: ArrayLike<number>) => Array.from(bound, (v, i) => Math.abs(v - mean[i]!));
  const errs = {
    mean: relErr(fc.mean, ref.mean) / tol.mean,
    lo80: relErr(half(fc.intervals[0]!.lower, fc.mean), half(ref.lo80, ref.mean)) / tol.width,
    hi95: relErr(half(fc.intervals[1]!.upper, fc.mean), half(ref.hi95, ref.mean)) / tol.width,
  };
  for (const [k, e] of Object.entries(errs)) assert.ok(e < 1, `${label} ${k}: ${e} of the tolerance`);
}

for (const c of seasonReference.stlf) {
  test(`mstl with one period is R's stlf: ${c.name}`, () => {
    compare(c.name, inputSeries(c.input), { period: c.period }, c.h, c, TOL.ets);
  });
}

for (const c of seasonReference.mstl) {
  for (const ref of c.forecasts) {
    test(`mstl equals R's forecast(mstl(y), method = "${ref.method}"): ${c.name}`, () => {
      compare(`${c.name} ${ref.method}`, inputSeries(c.input), { period: [c.periods].flat(), method: ref.method }, c.h, ref, TOL[ref.method as 'ets' | 'arima']);
    });
  }
}
