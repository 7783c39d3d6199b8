import { test } from 'node:test';
import assert from 'node:assert/strict';
import { driftKind, meanKind, naiveKind, snaiveKind } from '../../src/forecasting/baseline/index.ts';
import { EngineError } from '../../src/forecasting/errors.ts';

const kinds = [naiveKind, snaiveKind, meanKind, driftKind];

function isError(code: string, field: string, message?: RegExp) {
  return (e: unknown) =>
    e instanceof EngineError && e.code === code && e.field === field && (!message || message.test(e.message));
}
const invalid = (field: string, message?: RegExp) => isError('MODELAPI_ERR_INVALID_SPEC', field, message);
const unfittable = (message: RegExp) => isError('MODELAPI_ERR_UNFITTABLE', 'data', message);

test('unknown options are rejected by name', () => {
  for (const kind of kinds) {
    assert.throws(() => kind.parseSpec({ period: 4, perod: 12 }), invalid('perod', /perod/), kind.name);
  }
});

test('period is validated by every kind, and ignored for seasonality except by snaive', () => {
  for (const kind of kinds) {
    assert.throws(() => kind.parseSpec({ period: 0 }), invalid('period'), kind.name);
    assert.throws(() => kind.parseSpec({ period: 2.5 }), invalid('period'), kind.name);
    assert.throws(() => kind.parseSpec({ period: '12' }), invalid('period'), kind.name);
  }
  const y = Float64Array.from([1, 3, 2, 5, 4, 6]);
  const a = naiveKind.forecast(naiveKind.fit(y, naiveKind.parseSpec({ period: 3 }), {}), 4, [95]);
  const b = naiveKind.forecast(naiveKind.fit(y, naiveKind.parseSpec({}), {}), 4, [95]);
  assert.deepEqual(a, b);
});

test('snaive needs a period of at least 2 and names the field', () => {
  assert.throws(() => snaiveKind.parseSpec({}), invalid('period', /period/));
  assert.throws(() => snaiveKind.parseSpec({ period: null }), invalid('period'));
  assert.throws(() => snaiveKind.parseSpec({ period: 1 }), invalid('period', /at least 2/));
  assert.deepEqual(snaiveKind.parseSpec({ period: 12 }), { period: 12 });
});

test('too-short series are unfittable, saying why, from check and from fit', () => {
  const cases: Array<[(typeof kinds)[number], Record<string, unknown>, number[], RegExp]> = [
    [naiveKind, {}, [5], /at least 2 observed values/],
    [naiveKind, {}, [5, NaN, NaN], /at least 2 observed values/],
    [driftKind, {}, [5, 6], /at least 3 observed values/],
    [meanKind, {}, [5], /at least 2 observed values/],
    [snaiveKind, { period: 4 }, [1, 2, 3, 4], /more than one full period/],
    [snaiveKind, { period: 2 }, [1, 2, NaN, NaN, NaN], /pairs of observed values one period apart/],
    [naiveKind, {}, [], /empty/],
    [meanKind, {}, [], /empty/],
  ];
  for (const [kind, input, data, why] of cases) {
    const spec = kind.parseSpec(input) as never;
    const y = Float64Array.from(data);
    assert.throws(() => kind.check(y, spec), unfittable(why), `${kind.name} check ${data}`);
    assert.throws(() => kind.fit(y, spec, {}), unfittable(why), `${kind.name} fit ${data}`);
  }
});

test('infinite values are unfittable', () => {
  for (const kind of kinds) {
    const spec = kind.parseSpec({ period: 2 }) as never;
    assert.throws(() => kind.check(Float64Array.from([1, 2, Infinity, 4, 5]), spec), unfittable(/index 2/));
  }
});

test('bad horizons and levels are invalid specs naming the field', () => {
  for (const kind of kinds) {
    const model = kind.fit(Float64Array.from([1, 3, 2, 5, 4, 6]), kind.parseSpec({ period: 2 }) as never, {});
    assert.throws(() => kind.forecast(model as never, 0, [95]), invalid('h'));
    assert.throws(() => kind.forecast(model as never, 1.5, [95]), invalid('h'));
    assert.throws(() => kind.forecast(model as never, 3, [100]), invalid('levels'));
    assert.throws(() => kind.forecast(model as never, 3, [0]), invalid('levels'));
    assert.throws(() => kind.forecast(model as never, 3, [NaN]), invalid('levels'));
  }
});
