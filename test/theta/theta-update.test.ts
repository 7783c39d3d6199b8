import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { thetaKind } from '../../src/forecasting/theta/index.ts';

// update() appends without refitting: alpha, ℓ_0, drift and seasonal indices stay; the SES
// recursion runs on over the new values (seasonally adjusted with the continuing phase), and n,
// the SSE and the season's position advance. Checked against that recursion written out here.
const wine = JSON.parse(readFileSync(new URL('../../fixtures/forecast-dev/forecast__wineind.json', import.meta.url), 'utf8'));

test('update continues the SES recursion with the season in phase', () => {
  const all = wine.train as number[];
  const k = 137; // not a multiple of 12, so a phase slip would show
  const spec = thetaKind.parseSpec({ period: 12 });
  const model = thetaKind.fit(Float64Array.from(all.slice(0, k)), spec, {});
  assert.equal(model.metrics.seasonal, 'true');
  const extra = all.slice(k);
  extra[3] = NaN; // a missing value in the appended part carries the level across
  const updated = thetaKind.update!(model, Float64Array.from(extra));

  const p = model.params;
  const idx = p.seasonal!;
  const full = [...all.slice(0, k), ...extra];
  let level = p.l0;
  let sse = 0;
  let nObs = 0;
  full.forEach((v, t) => {
    if (Number.isNaN(v)) return;
    const x = v / idx[t % 12]!;
    sse += (x - level) ** 2;
    nObs++;
    level += p.alpha * (x - level);
  });
  const u = updated.params;
  assert.equal(u.alpha, p.alpha);
  assert.equal(u.drift, p.drift);
  assert.deepEqual(u.seasonal, p.seasonal);
  assert.equal(u.n, full.length);
  assert.equal(u.nObs, nObs);
  // Level ~1e4 after ~160 steps: 1e-9 relative is accumulated rounding only.
  assert.ok(Math.abs(u.level - level) <= 1e-9 * Math.abs(level));
  assert.ok(Math.abs(u.sse - sse) <= 1e-9 * sse);

  const n = full.length;
  const fc = thetaKind.forecast(updated, 14, [95]);
  for (let j = 0; j < 14; j++) {
    const want = (level + (p.drift / 2) * (j + (1 - (1 - p.alpha) ** n) / p.alpha)) * idx[(n + j) % 12]!;
    assert.ok(Math.abs(fc.mean[j]! - want) <= 1e-9 * Math.abs(want), `h=${j + 1}`);
  }
  assert.equal(updated.metrics.n, n);
});

test('updating with nothing changes nothing', () => {
  const model = thetaKind.fit(Float64Array.from([3, 5, 4, 6, 5, 7, 6, 8]), thetaKind.parseSpec({}), {});
  assert.deepEqual(thetaKind.update!(model, new Float64Array(0)), model);
});

test('update rejects infinities', () => {
  const model = thetaKind.fit(Float64Array.from([3, 5, 4, 6, 5, 7, 6, 8]), thetaKind.parseSpec({}), {});
  assert.throws(() => thetaKind.update!(model, Float64Array.from([1, -Infinity])));
});
