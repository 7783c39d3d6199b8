import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EngineError } from '../../src/forecasting/errors.ts';
import { thetaKind } from '../../src/forecasting/theta/index.ts';

function fails(fn: () => unknown, code: string, field: string): void {
  assert.throws(fn, (e: unknown) => e instanceof EngineError && e.code === code && e.field === field);
}

test('period is the only option, and defaults to 1', () => {
  assert.deepEqual(thetaKind.parseSpec({}), { period: 1 });
  assert.deepEqual(thetaKind.parseSpec({ period: 12 }), { period: 12 });
});

test('unknown options are rejected by name', () => {
  fails(() => thetaKind.parseSpec({ perod: 12 }), 'MODELAPI_ERR_INVALID_SPEC', 'perod');
  fails(() => thetaKind.parseSpec({ period: 4, alpha: 0.5 }), 'MODELAPI_ERR_INVALID_SPEC', 'alpha');
});

test('a malformed period is rejected', () => {
  for (const period of [0, -1, 2.5, '12', true]) {
    fails(() => thetaKind.parseSpec({ period }), 'MODELAPI_ERR_INVALID_SPEC', 'period');
  }
});

test('parseSpec is idempotent', () => {
  for (const input of [{}, { period: 7 }, { period: null }]) {
    const once = thetaKind.parseSpec(input);
    assert.deepEqual(thetaKind.parseSpec({ ...once }), once);
  }
});

test('too few observed values, all missing, or infinities are unfittable', () => {
  const spec = thetaKind.parseSpec({});
  for (const y of [[], [NaN, NaN, NaN, NaN], [1, 2], [1, NaN, 2, NaN], [1, Infinity, 2, 3]]) {
    fails(() => thetaKind.check(Float64Array.from(y), spec), 'MODELAPI_ERR_UNFITTABLE', 'data');
    fails(() => thetaKind.fit(Float64Array.from(y), spec, {}), 'MODELAPI_ERR_UNFITTABLE', 'data');
  }
  thetaKind.check(Float64Array.from([1, NaN, 2, 4]), spec);
});

test('bad forecast arguments name h or levels', () => {
  const model = thetaKind.fit(Float64Array.from([3, 5, 4, 6, 5, 7]), thetaKind.parseSpec({}), {});
  fails(() => thetaKind.forecast(model, 0, [95]), 'MODELAPI_ERR_INVALID_SPEC', 'h');
  fails(() => thetaKind.forecast(model, 3, [100]), 'MODELAPI_ERR_INVALID_SPEC', 'levels');
});
