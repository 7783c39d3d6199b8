import { test } from 'node:test';
import assert from 'node:assert/strict';
import { driftKind, meanKind, naiveKind, snaiveKind } from '../../src/forecasting/baseline/index.ts';
import { EngineError } from '../../src/forecasting/errors.ts';

// NaN marks a missing value. The lag walks fill a gap with the last observed value at the same
// seasonal position (as R 8.20 does); mean skips gaps and counts only observed values.
const Z95 = 1.959963984540054;
const T2_95 = 4.302652729749462; // R: qt(0.975, 2)

function near(a: number, b: number, what: string): void {
  assert.ok(Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(b)), `${what}: got ${a}, expected ${b}`);
}

test('naive forecasts the last observed value; residuals pair each value with the last one seen', () => {
  const y = Float64Array.from([1, 2, NaN, 4, NaN]);
  const model = naiveKind.fit(y, naiveKind.parseSpec({}), {});
  // residuals: 2−1 and 4−2 (the gap is bridged by the last observed value)
  near(model.metrics.sigma2 as number, (1 + 4) / 2, 'sigma2');
  assert.equal(model.metrics.n, 5);
  assert.equal(model.metrics.nMissing, 2);
  const fc = naiveKind.forecast(model, 2, [95]);
  assert.deepEqual(Array.from(fc.mean), [4, 4]);
  near(fc.intervals[0]!.upper[1]!, 4 + Z95 * Math.sqrt(2.5 * 2), 'hi95 h=2');
});

test('snaive forecasts the last observed value at each seasonal position', () => {
  const y = Float64Array.from([1, 2, 3, 4, NaN, 6, 7, 8, NaN]);
  const model = snaiveKind.fit(y, snaiveKind.parseSpec({ period: 3 }), {});
  const fc = snaiveKind.forecast(model, 3, [95]);
  assert.deepEqual(Array.from(fc.mean), [7, 8, 6]);
  // residuals: 4−1, 6−3, 7−4, 8−2 (position 2 was last seen as 2)
  near(model.metrics.sigma2 as number, (9 + 9 + 9 + 36) / 4, 'sigma2');
  assert.equal(model.metrics.nMissing, 2);
});

test('mean uses only the observed values, n included', () => {
  const y = Float64Array.from([1, NaN, 3, 5, NaN]);
  const model = meanKind.fit(y, meanKind.parseSpec({}), {});
  const fc = meanKind.forecast(model, 1, [95]);
  near(fc.mean[0]!, 3, 'mean');
  near(fc.intervals[0]!.upper[0]!, 3 + T2_95 * 2 * Math.sqrt(1 + 1 / 3), 'hi95');
  assert.equal(model.metrics.n, 5);
  assert.equal(model.metrics.nMissing, 2);
});

test('drift bridges gaps the same way as naive', () => {
  const y = Float64Array.from([1, 2, NaN, 5, 6]);
  const model = driftKind.fit(y, driftKind.parseSpec({}), {});
  const fc = driftKind.forecast(model, 2, [80]);
  const b = (1 + 3 + 1) / 3;
  near(fc.mean[0]!, 6 + b, 'h=1');
  near(fc.mean[1]!, 6 + 2 * b, 'h=2');
});

test('leading gaps in the first season are skipped until the position is observed', () => {
  const y = Float64Array.from([NaN, 2, 3, 4, 5, 6]);
  const model = snaiveKind.fit(y, snaiveKind.parseSpec({ period: 2 }), {});
  assert.deepEqual(Array.from(snaiveKind.forecast(model, 2, [95]).mean), [5, 6]);
  // pairs 4−2, 5−3, 6−4 (index 0 has no earlier value, so no residual): each change is 2
  near(model.metrics.sigma2 as number, (4 + 4 + 4) / 3, 'sigma2');
});

test('all-missing and never-observed seasonal positions are unfittable', () => {
  const allNaN = Float64Array.from([NaN, NaN, NaN, NaN, NaN]);
  for (const kind of [naiveKind, snaiveKind, meanKind, driftKind]) {
    const spec = kind.parseSpec({ period: 2 });
    assert.throws(
      () => kind.check(allNaN, spec as never),
      (e: unknown) => e instanceof EngineError && e.code === 'MODELAPI_ERR_UNFITTABLE' && /missing/.test(e.message),
      kind.name,
    );
  }
  const gap = Float64Array.from([1, NaN, 3, NaN, 5, NaN]);
  assert.throws(
    () => snaiveKind.fit(gap, snaiveKind.parseSpec({ period: 2 }), {}),
    (e: unknown) => e instanceof EngineError && e.code === 'MODELAPI_ERR_UNFITTABLE' && /position 2/.test(e.message),
  );
});

test('forecasts and params carry no NaN once a gappy series is fitted', () => {
  const y = Float64Array.from([4, NaN, 6, 5, NaN, NaN, 9, 8, 7, NaN]);
  for (const kind of [naiveKind, snaiveKind, meanKind, driftKind]) {
    const model = kind.fit(y, kind.parseSpec({ period: 3 }) as never, {});
    assert.equal(JSON.stringify(model).includes('null'), false, `${kind.name} params`);
    const fc = kind.forecast(model as never, 6, [80, 95]);
    for (const arr of [fc.mean, ...fc.intervals.flatMap((i) => [i.lower, i.upper])]) {
      assert.ok(arr.every(Number.isFinite), kind.name);
    }
  }
});
