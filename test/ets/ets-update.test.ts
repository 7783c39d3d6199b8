/**
 * update(model, newY) runs the new observations through the filter with the fitted parameters; it
 * must give the same state, likelihood sums and forecasts as filtering the concatenated series from
 * the fitted initial state (the same arithmetic in the same order, so equality is exact up to the
 * 1e-12 we allow for the split sums).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { etsKind } from '../../src/forecasting/ets/index.ts';
import { filterFromInit } from '../../src/forecasting/ets/estimate.ts';

const d = JSON.parse(readFileSync(new URL('../../fixtures/forecast-dev/datasets__USAccDeaths.json', import.meta.url), 'utf8'));

function close(a: number, b: number) {
  assert.ok(Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(b)), `${a} vs ${b}`);
}

test('update equals refiltering the concatenation', () => {
  for (const model of ['AAdA', 'MNM']) {
    const train = Float64Array.from(d.train);
    const extra = Float64Array.from([...d.test.slice(0, 6), NaN, ...d.test.slice(7, 10)]);
    const fit = etsKind.fit(train, etsKind.parseSpec({ period: 12, model }), {});
    const updated = etsKind.update!(JSON.parse(JSON.stringify(fit)), extra);

    const all = Float64Array.from([...train, ...extra]);
    const p = fit.params;
    const ref = filterFromInit(all, p.structure, p, p.init, null);
    close(updated.params.last.level, ref.last.level);
    close(updated.params.last.slope, ref.last.slope);
    ref.last.seas.forEach((v, k) => close(updated.params.last.seas[k]!, v));
    close(updated.params.sse, ref.sums.sse);
    assert.equal(updated.params.nObs, ref.sums.nObs);
    assert.equal(updated.metrics.n, train.length + extra.length - 1);

    const fa = etsKind.forecast(updated, 12, [95]);
    const fb = etsKind.forecast({ ...updated, params: { ...p, last: ref.last, sse: ref.sums.sse, sumLogF: ref.sums.sumLogF, nObs: ref.sums.nObs } }, 12, [95]);
    for (let i = 0; i < 12; i++) {
      close(fa.mean[i]!, fb.mean[i]!);
      close(fa.intervals[0]!.upper[i]!, fb.intervals[0]!.upper[i]!);
    }
    // Smoothing parameters are untouched by an update.
    assert.equal(updated.metrics.alpha, fit.metrics.alpha);
  }
});
