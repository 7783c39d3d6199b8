import { test } from 'node:test';
import assert from 'node:assert/strict';
import { autoArimaKind } from '../../src/forecasting/arima/index.ts';
import { EngineError } from '../../src/forecasting/errors.ts';

function fails(fn: () => unknown, code: string, field?: string) {
  assert.throws(fn, (err: unknown) => err instanceof EngineError && err.code === code && (field === undefined || err.field === field));
}

test('auto_arima options: defaults as forecast::auto.arima, unknown and out-of-range keys rejected', () => {
  const spec = autoArimaKind.parseSpec({ period: 12 });
  assert.equal(spec.maxp, 5);
  assert.equal(spec.maxq, 5);
  assert.equal(spec.maxP, 2);
  assert.equal(spec.maxQ, 2);
  assert.equal(spec.maxd, 2);
  assert.equal(spec.maxD, 1);
  fails(() => autoArimaKind.parseSpec({ period: 12, max_p: 3 }), 'MODELAPI_ERR_INVALID_SPEC', 'max_p');
  fails(() => autoArimaKind.parseSpec({ maxp: -1 }), 'MODELAPI_ERR_INVALID_SPEC', 'maxp');
  fails(() => autoArimaKind.parseSpec({ period: 0 }), 'MODELAPI_ERR_INVALID_SPEC', 'period');
  fails(() => autoArimaKind.parseSpec({ period: 400, maxP: 3 }), 'MODELAPI_ERR_INVALID_SPEC', 'maxP');
  fails(() => autoArimaKind.check(Float64Array.from([NaN, NaN]), spec), 'MODELAPI_ERR_UNFITTABLE');
});

test('constant series: a mean model with zero-width intervals, as auto.arima', () => {
  const model = autoArimaKind.fit(new Float64Array(30).fill(4.5), autoArimaKind.parseSpec({}), {});
  const fc = autoArimaKind.forecast(model, 3, [95]);
  assert.deepEqual(Array.from(fc.mean), [4.5, 4.5, 4.5]);
  assert.deepEqual(Array.from(fc.intervals[0]!.upper), [4.5, 4.5, 4.5]);
});

test('missing values: leading ones trimmed, inner ones skipped by the filter', () => {
  const y = Float64Array.from({ length: 120 }, (_, i) => 50 + 10 * Math.sin((2 * Math.PI * i) / 12) + ((i * 7919) % 17) / 4 + i * 0.1);
  y[0] = NaN;
  y[1] = NaN;
  y[30] = NaN;
  y[77] = NaN;
  y[119] = NaN;
  const model = autoArimaKind.fit(y, autoArimaKind.parseSpec({ period: 12 }), {});
  const fc = autoArimaKind.forecast(model, 12, [80]);
  assert.ok(fc.mean.every(Number.isFinite), String(model.metrics.model));
  assert.ok(!JSON.stringify(model.params).includes('null'));
});
