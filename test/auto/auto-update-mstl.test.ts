import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getKind } from '../../src/forecasting/index.ts';
import { lcg } from '../support/random.ts';

const rnd = lcg(7);
const N = 300;
const HEAD = 280;
const y = new Float64Array(N);
let e = 0;
for (let t = 0; t < N; t++) {
  e = 0.6 * e + rnd();
  y[t] = 50 + 5 * Math.sin((2 * Math.PI * t) / 7) + 3 * Math.cos((2 * Math.PI * t) / 30) + e;
}
y[HEAD + 2] = NaN;

test('auto with an mstl member updates (no refit): members and the guard’s fallback move on by their own updates', () => {
  const auto = getKind('auto');
  const model = auto.fit(y.slice(0, HEAD), auto.parseSpec({ period: [7, 30] }), {}) as any;
  assert.equal(model.params.choice, 'mstl', String(model.metrics.why));
  const tail = y.slice(HEAD);
  const updated = auto.update!(JSON.parse(JSON.stringify(model)), tail) as any;
  assert.equal(updated.metrics.n, N);
  for (const [i, m] of (model.params.members as any[]).concat(model.params.fallback).entries()) {
    const kind = getKind(m.kind);
    const expected = kind.update!({ ...m, spec: kind.parseSpec(m.spec) }, tail);
    const got = (updated.params.members as any[]).concat(updated.params.fallback)[i];
    assert.equal(got.kind, m.kind);
    assert.deepEqual(kind.forecast({ ...got, spec: kind.parseSpec(got.spec) }, 10, [95]).mean, kind.forecast(expected, 10, [95]).mean, m.kind);
  }
  const m = updated.params.members[0];
  const mstl = getKind('mstl');
  assert.deepEqual(auto.forecast(updated, 10, [95]).mean, mstl.forecast({ ...m, spec: mstl.parseSpec(m.spec) }, 10, [95]).mean);
  // The fallback saw the tail: its forecast is no longer the fit-time one.
  const fb = (p: any) => getKind(p.fallback[0].kind).forecast({ ...p.fallback[0], spec: getKind(p.fallback[0].kind).parseSpec(p.fallback[0].spec) }, 3, []).mean;
  assert.notDeepEqual(fb(updated.params), fb(model.params));
});
