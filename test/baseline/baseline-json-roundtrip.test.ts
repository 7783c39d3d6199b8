import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { driftKind, meanKind, naiveKind, snaiveKind } from '../../src/forecasting/baseline/index.ts';

// A fitted model is stored as JSON and may be forecast from in another worker: the rebuilt object
// must give bit-identical forecasts.
const d = JSON.parse(readFileSync(new URL('../../fixtures/forecast-dev/datasets__USAccDeaths.json', import.meta.url), 'utf8'));
const clean = Float64Array.from(d.train as number[]);
const gappy = Float64Array.from(clean, (v, i) => (i % 7 === 3 ? NaN : v));

for (const kind of [naiveKind, snaiveKind, meanKind, driftKind]) {
  for (const [label, y] of [['complete', clean], ['with gaps', gappy]] as const) {
    test(`${kind.name} (${label}) forecasts the same after a JSON round trip`, () => {
      const model = kind.fit(y, kind.parseSpec({ period: 12 }) as never, {});
      const copy = JSON.parse(JSON.stringify(model));
      assert.deepEqual(copy, model);
      const a = kind.forecast(model as never, 30, [50, 80, 95, 99.5]);
      const b = kind.forecast(copy, 30, [50, 80, 95, 99.5]);
      assert.deepEqual(b, a);
    });
  }
}
