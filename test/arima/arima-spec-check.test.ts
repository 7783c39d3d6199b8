import { test } from 'node:test';
import assert from 'node:assert/strict';
import { arimaKind } from '../../src/forecasting/arima/index.ts';
import { EngineError } from '../../src/forecasting/errors.ts';

function fails(fn: () => unknown, code: string, field?: string) {
  assert.throws(fn, (err: unknown) => err instanceof EngineError && err.code === code && (field === undefined || err.field === field));
}

test('parseSpec validates orders, period, mean and drift, and rejects unknown keys', () => {
  const spec = arimaKind.parseSpec({});
  assert.deepEqual(spec, { order: [0, 0, 0], seasonalOrder: [0, 0, 0], period: 1, includeMean: true, includeDrift: false });
  fails(() => arimaKind.parseSpec({ perod: 12 }), 'MODELAPI_ERR_INVALID_SPEC', 'perod');
  fails(() => arimaKind.parseSpec({ order: [1, 3, 0] }), 'MODELAPI_ERR_INVALID_SPEC', 'order');
  fails(() => arimaKind.parseSpec({ order: [1, 1] }), 'MODELAPI_ERR_INVALID_SPEC', 'order');
  fails(() => arimaKind.parseSpec({ seasonalOrder: [0, 1, 1] }), 'MODELAPI_ERR_INVALID_SPEC', 'period');
  fails(() => arimaKind.parseSpec({ order: [0, 1, 1], includeMean: true }), 'MODELAPI_ERR_INVALID_SPEC', 'includeMean');
  fails(() => arimaKind.parseSpec({ order: [0, 0, 1], includeDrift: true }), 'MODELAPI_ERR_INVALID_SPEC', 'includeDrift');
  fails(() => arimaKind.parseSpec({ seasonalOrder: [2, 0, 0], period: 1000 }), 'MODELAPI_ERR_INVALID_SPEC', 'seasonalOrder');
  assert.equal(arimaKind.parseSpec({ order: [0, 1, 1] }).includeMean, false);
  assert.equal(arimaKind.parseSpec({ order: [0, 1, 1], includeDrift: true }).includeDrift, true);
});

test('check rejects all-missing and too-short series', () => {
  const spec = arimaKind.parseSpec({ order: [2, 1, 1] });
  fails(() => arimaKind.check(Float64Array.from([NaN, NaN, NaN]), spec), 'MODELAPI_ERR_UNFITTABLE');
  fails(() => arimaKind.check(Float64Array.from([1, 2, 3, 4]), spec), 'MODELAPI_ERR_UNFITTABLE');
  fails(() => arimaKind.check(Float64Array.from([1, 2, Infinity, 4, 5, 6, 7, 8]), spec), 'MODELAPI_ERR_UNFITTABLE');
  arimaKind.check(Float64Array.from([1, 3, 2, 5, 4, 6, 8, 7, 9, 8]), spec);
  const seasonal = arimaKind.parseSpec({ seasonalOrder: [0, 1, 1], period: 12 });
  fails(() => arimaKind.check(new Float64Array(13).map((_, i) => i), seasonal), 'MODELAPI_ERR_UNFITTABLE');
});

test('fits and forecasts a series with missing values', () => {
  const y = Float64Array.from({ length: 80 }, (_, i) => 10 + Math.sin(i / 3) + ((i * 7919) % 13) / 13);
  y[5] = NaN;
  y[40] = NaN;
  y[79] = NaN;
  const model = arimaKind.fit(y, arimaKind.parseSpec({ order: [1, 1, 1] }), {});
  const fc = arimaKind.forecast(model, 5, [95]);
  assert.ok(fc.mean.every(Number.isFinite));
  assert.ok(fc.intervals[0]!.lower.every((v, i) => v < fc.mean[i]!));
  // NaN would serialise as null and typed arrays as objects: params must be plain finite numbers.
  const params = JSON.stringify(model.params);
  assert.ok(!params.includes('null'));
  assert.ok(!params.includes('{"0"'));
});
