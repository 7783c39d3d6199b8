import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getKind, kindNames, periodsOption } from '../../src/forecasting/index.ts';

const invalid = (field: string, message?: RegExp) => (err: any) =>
  err.code === 'MODELAPI_ERR_INVALID_SPEC' && err.field === field && (!message || message.test(err.message));

test('period is a number or an array, non-integers allowed, returned ascending', () => {
  assert.deepEqual(periodsOption({ period: 12 }), [12]);
  assert.deepEqual(periodsOption({ period: [336, 48] }), [48, 336]);
  assert.deepEqual(periodsOption({ period: [7, 365.25] }), [7, 365.25]);
  assert.deepEqual(periodsOption({ period: 52.18 }), [52.18]);
  assert.deepEqual(periodsOption({ period: 1 }), []);
  assert.deepEqual(periodsOption({}), []);
  for (const bad of [0, -3, '12', [12, '7'], Number.NaN, 20_000, [12, 12]]) {
    assert.throws(() => periodsOption({ period: bad }), invalid('period'), JSON.stringify(bad));
  }
});

test('one-period kinds keep an integer period and refuse the rest naming the kinds that can', () => {
  const onePeriod = ['auto_arima', 'arima', 'ets', 'theta', 'naive', 'snaive', 'mean', 'drift'];
  for (const name of onePeriod) {
    const kind = getKind(name);
    assert.equal((kind.parseSpec({ period: 12 }) as { period: number }).period, 12, name);
    assert.equal((kind.parseSpec({ period: [12] }) as { period: number }).period, 12, `${name}: one-element array`);
    assert.throws(() => kind.parseSpec({ period: [48, 336] }), invalid('period', /mstl or harmonic/), name);
    assert.throws(() => kind.parseSpec({ period: 52.18 }), invalid('period', /mstl or harmonic/), name);
  }
  assert.ok(onePeriod.every((n) => kindNames().includes(n)));
});
