/**
 * Option parsing and the pre-fit checks: every error names the offending field with the right code,
 * and parseSpec is idempotent (the daemon stores the parsed spec and workers parse it again).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EngineError } from '../../src/forecasting/errors.ts';
import { etsKind } from '../../src/forecasting/ets/index.ts';

function throwsWith(fn: () => unknown, code: string, field: string) {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof EngineError, String(err));
    assert.equal(err.code, code);
    assert.equal(err.field, field);
    return true;
  });
}
const INVALID = 'MODELAPI_ERR_INVALID_SPEC';
const UNFITTABLE = 'MODELAPI_ERR_UNFITTABLE';

test('parseSpec rejects bad options, naming them', () => {
  throwsWith(() => etsKind.parseSpec({ perod: 12 }), INVALID, 'perod');
  for (const model of ['XYZ', 'AAAA', 'aan', 'AN', 'AdNN', 7]) throwsWith(() => etsKind.parseSpec({ model }), INVALID, 'model');
  throwsWith(() => etsKind.parseSpec({ model: 'ANA' }), INVALID, 'period'); // seasonal code, no period
  throwsWith(() => etsKind.parseSpec({ model: 'MNM', period: 1 }), INVALID, 'period');
  throwsWith(() => etsKind.parseSpec({ model: 'ANM', period: 12 }), INVALID, 'model'); // forbidden by R
  throwsWith(() => etsKind.parseSpec({ model: 'AMN' }), INVALID, 'model');
  throwsWith(() => etsKind.parseSpec({ model: 'MMA', period: 4 }), INVALID, 'model');
  throwsWith(() => etsKind.parseSpec({ model: 'ANN', damped: true }), INVALID, 'damped');
  throwsWith(() => etsKind.parseSpec({ model: 'AAdN', damped: false }), INVALID, 'damped');
  throwsWith(() => etsKind.parseSpec({ damped: 'yes' }), INVALID, 'damped');
  throwsWith(() => etsKind.parseSpec({ period: 0 }), INVALID, 'period');
  throwsWith(() => etsKind.parseSpec({ allowMultiplicativeTrend: 1 }), INVALID, 'allowMultiplicativeTrend');
});

test('parseSpec normalises and is idempotent', () => {
  const cases = [{}, { model: 'MAdM', period: 12 }, { model: 'ZZZ', damped: false, period: 4, allowMultiplicativeTrend: true }, { model: 'AAdA', period: 7 }];
  for (const input of cases) {
    const once = etsKind.parseSpec(input);
    assert.deepEqual(etsKind.parseSpec(JSON.parse(JSON.stringify(once))), once);
  }
  assert.deepEqual(etsKind.parseSpec({ model: 'MAdM', period: 12 }), { model: 'MAM', period: 12, damped: true, allowMultiplicativeTrend: false });
  assert.deepEqual(etsKind.parseSpec({}), { model: 'ZZZ', period: 1, damped: null, allowMultiplicativeTrend: false });
});

test('check refuses what cannot be fitted', () => {
  const positive = Float64Array.from({ length: 40 }, (_, i) => 10 + Math.sin(i) + i / 5);
  const withZero = Float64Array.from(positive, (v, i) => (i === 3 ? 0 : v));
  throwsWith(() => etsKind.check(withZero, etsKind.parseSpec({ model: 'MNN' })), UNFITTABLE, 'data');
  throwsWith(() => etsKind.check(withZero, etsKind.parseSpec({ model: 'MAM', period: 4 })), UNFITTABLE, 'data');
  etsKind.check(withZero, etsKind.parseSpec({ period: 4 })); // ZZZ falls back to additive models
  throwsWith(() => etsKind.check(Float64Array.from([NaN, NaN, NaN]), etsKind.parseSpec({})), UNFITTABLE, 'data');
  throwsWith(() => etsKind.check(positive.subarray(0, 6), etsKind.parseSpec({})), UNFITTABLE, 'data'); // n ≤ 2 + 4
  throwsWith(() => etsKind.check(positive.subarray(0, 12), etsKind.parseSpec({ model: 'ANA', period: 12 })), UNFITTABLE, 'data');
  throwsWith(() => etsKind.check(positive.subarray(0, 20), etsKind.parseSpec({ model: 'AAdA', period: 12 })), UNFITTABLE, 'data'); // 17 params + 4
  throwsWith(() => etsKind.check(Float64Array.from([1, 2, Infinity, 4, 5, 6, 7, 8]), etsKind.parseSpec({})), UNFITTABLE, 'data');
  etsKind.check(positive, etsKind.parseSpec({ model: 'MAM', period: 4 }));
});
