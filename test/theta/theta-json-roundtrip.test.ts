import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { thetaKind } from '../../src/forecasting/theta/index.ts';

// A stored model is rebuilt from JSON in another worker: its forecasts must be bit-identical.
const air = JSON.parse(readFileSync(new URL('../../fixtures/forecast-dev/datasets__AirPassengers.json', import.meta.url), 'utf8'));

const cases: [string, Float64Array, number][] = [
  ['seasonal (AirPassengers)', Float64Array.from(air.train as number[]), 12],
  ['non-seasonal with gaps', Float64Array.from([5, 7, NaN, 6, 9, 8, NaN, 10, 12, 11]), 1],
];

for (const [name, y, period] of cases) {
  test(`JSON round trip gives identical forecasts: ${name}`, () => {
    const model = thetaKind.fit(y, thetaKind.parseSpec({ period }), {});
    const revived = JSON.parse(JSON.stringify(model));
    assert.deepEqual(revived, model, 'the fitted model is plain JSON data');
    const a = thetaKind.forecast(model, 24, [80, 95]);
    const b = thetaKind.forecast(revived, 24, [80, 95]);
    assert.deepEqual(b, a);
    const updated = thetaKind.update!(revived, Float64Array.from([1, 2, 3].map((v) => y[y.length - v]!)));
    const again = JSON.parse(JSON.stringify(updated));
    assert.deepEqual(thetaKind.forecast(again, 6, [90]), thetaKind.forecast(updated, 6, [90]));
  });
}
