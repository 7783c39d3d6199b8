import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { driftKind, meanKind, naiveKind, snaiveKind } from '../../src/forecasting/baseline/index.ts';

// update(fit(a), b) must be the model fit(a ++ b) — same params, metrics and forecasts — however the
// new data is chunked, including chunks that are empty or entirely missing.
const d = JSON.parse(readFileSync(new URL('../../fixtures/forecast-dev/datasets__nottem.json', import.meta.url), 'utf8'));
const full = Float64Array.from(d.train as number[], (v, i) => (i % 11 === 5 || (i >= 40 && i < 43) ? NaN : v));

for (const kind of [naiveKind, snaiveKind, meanKind, driftKind]) {
  test(`${kind.name}: update equals a refit on the concatenated series`, () => {
    const spec = kind.parseSpec({ period: 12 }) as never;
    const refit = kind.fit(full, spec, {});
    for (const cut of [30, 100, full.length - 1, full.length]) {
      let model = kind.fit(full.subarray(0, cut), spec, {});
      // Feed the rest in uneven chunks, with an empty chunk and an all-missing one in between.
      const rest = full.subarray(cut);
      model = kind.update!(model, new Float64Array(0));
      for (let at = 0; at < rest.length; at += 17) model = kind.update!(model, rest.subarray(at, at + 17));
      const refitWithGap = kind.fit(Float64Array.from([...full, NaN, NaN]), spec, {});
      assert.deepEqual(model, refit, `cut ${cut}`);
      assert.deepEqual(kind.forecast(model, 24, [80, 95]), kind.forecast(refit, 24, [80, 95]));
      // A JSON-stored model updates the same way.
      const stored = JSON.parse(JSON.stringify(model));
      assert.deepEqual(kind.update!(stored, Float64Array.from([NaN, NaN])), refitWithGap, `cut ${cut} + gap`);
    }
  });
}
