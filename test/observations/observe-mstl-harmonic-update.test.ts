import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getKind } from '../../src/forecasting/index.ts';
import { startDaemon } from '../support/daemon.ts';
import { call, fit, forecast } from '../support/http.ts';

const observe = (url: string, model: string, body: unknown) => call(`${url}/v1/models/${model}/observations`, 'POST', body);

// Deterministic: a weekly and a monthly-ish season on a slow wiggle (no randomness, so a failure reproduces).
const series = Array.from({ length: 200 }, (_, i) => 100 + 10 * Math.sin(i / 17) + 6 * Math.sin((2 * Math.PI * i) / 7) + 3 * Math.cos((2 * Math.PI * i) / 30) + ((i * 7919) % 13) / 4);
const head = series.slice(0, 180);
const tail = series.slice(180);
const appends = [tail.slice(0, 3), [tail[3], null, tail[5]], tail.slice(6)];

for (const [kind, options] of [
  ['mstl', { period: [7, 30] }],
  ['harmonic', { period: [7, 30], K: [2, 2] }],
] as const) {
  test(`${kind}: appends update the stored fit (method update, version stays 1), as the engine's update does`, async (t) => {
    const d = await startDaemon(t);
    assert.equal((await fit(d.url, kind, { data: head, kind, ...options })).status, 201);
    let nObs = head.length;
    for (const data of appends) {
      const ack = await observe(d.url, kind, { data });
      assert.equal(ack.status, 200, JSON.stringify(ack.body));
      nObs += data.length;
      assert.deepEqual([ack.body.data.version, ack.body.data.nObs, ack.body.data.method], [1, nObs, 'update']);
    }
    const served = (await forecast(d.url, kind, 'h=10&level=95')).body.data;
    assert.equal(served.version, 1);
    assert.equal(served.nObs, series.length);
    const k = getKind(kind);
    let model = k.fit(Float64Array.from(head), k.parseSpec(options), {});
    for (const data of appends) model = k.update!(model, Float64Array.from(data, (v) => v ?? NaN));
    const expected = k.forecast(model, 10, [95]);
    served.forecast.forEach((v: number, i: number) => assert.ok(Math.abs(v - expected.mean[i]!) < 1e-9 * Math.abs(v), `step ${i + 1}: ${v} vs ${expected.mean[i]}`));
  });
}

test('harmonic with regressors: an append cannot update nor refit it, and the answer says why', async (t) => {
  const d = await startDaemon(t);
  const promo = head.map((_, i) => (i % 10 < 2 ? 1 : 0));
  assert.equal((await fit(d.url, 'hx', { data: head, kind: 'harmonic', period: 7, K: [2], regressors: { promo } })).status, 201);
  const ack = await observe(d.url, 'hx', { data: tail.slice(0, 2) });
  assert.equal(ack.status, 422, JSON.stringify(ack.body));
  const message = String(ack.body.data['regressors.promo']);
  assert.match(message, /new values of its regressors \(promo\)/);
  assert.match(message, /nor refit on the whole series: regressor 'promo' has 180 values for 182 observations/);
  const after = (await call(`${d.url}/v1/models/hx`)).body.data;
  assert.equal(after.currentVersion, 1, 'nothing stored');
  const fc = await call(`${d.url}/v1/models/hx/forecast`, 'POST', { h: 2, regressors: { promo: [0, 1] } });
  assert.equal(fc.status, 200, JSON.stringify(fc.body));
  assert.equal(fc.body.data.nObs, head.length, 'the points were not appended');
});
