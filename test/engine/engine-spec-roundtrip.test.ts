import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getKind, kindNames } from '../../src/forecasting/index.ts';

// The daemon stores the parsed spec and workers parse it again when they load the version, so for
// every kind the parsed spec must parse to itself and survive JSON.
const samples: Record<string, Record<string, unknown>[]> = {
  naive: [{}, { period: 7 }],
  snaive: [{ period: 12 }],
  mean: [{}],
  drift: [{ period: 4 }],
  theta: [{}, { period: 12 }],
  arima: [{ order: [1, 1, 1] }, { order: [0, 1, 1], seasonalOrder: [0, 1, 1], period: 12 }],
  auto_arima: [{ period: 12 }, {}],
  ets: [{}, { model: 'MAdM', period: 12 }],
  mstl: [{}, { period: [48, 336] }, { period: 365.25, method: 'arima' }, { intervalSeconds: 86_400 }],
  harmonic: [{ period: 7 }, { period: [7, 365.25], K: [2, 5] }, { period: 12, maxK: 3 }],
  auto: [{}, { period: 12 }, { method: 'combine' }, { timestamps: ['2020-01-01', '2020-02-01', '2020-03-01', '2020-04-01'] }],
};

test('every registered kind has a parsed spec that parses to itself and survives JSON', () => {
  for (const name of kindNames()) {
    const inputs = samples[name];
    assert.ok(inputs, `add sample options for the kind '${name}' to this test`);
    for (const input of inputs) {
      const kind = getKind(name);
      const spec = kind.parseSpec(input);
      const again = kind.parseSpec(JSON.parse(JSON.stringify(spec)));
      assert.deepEqual(again, spec, `${name} ${JSON.stringify(input)}`);
    }
  }
});
