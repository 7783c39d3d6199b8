import { test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'undici';
import { debugAndDefaultDaemons } from '../support/early-path.ts';
import { startDaemon } from '../support/daemon.ts';
import { fit } from '../support/http.ts';

/**
 * Plain forecasts, cached or not, are answered before Fastify's routing (src/daemon/http/plain-forecasts.ts),
 * except at debug level, where every request goes through Fastify to be logged. So two daemons that differ only in
 * their log level must answer every request the same, byte for byte: status, headers and body.
 */
interface Exchange {
  path: string;
  headers?: Record<string, string>;
}

/** The answer as sent, its Date left out (the only header that may differ between two answers). */
async function answer(base: string, ex: Exchange) {
  const res = await request(base + ex.path, { headers: ex.headers });
  const { date: _date, ...headers } = res.headers;
  return { status: res.statusCode, headers, body: Buffer.from(await res.body.arrayBuffer()).toString('base64') };
}

/** Each exchange three times (the first computes and caches, later ones are served from the cache) on both. */
async function assertSameAnswers(bases: readonly [string, string], exchanges: Exchange[]) {
  for (const ex of exchanges) {
    for (let i = 0; i < 3; i++) {
      const [reference, early] = await Promise.all(bases.map((b) => answer(b, ex)));
      assert.deepEqual(early, reference, `${ex.path} ${JSON.stringify(ex.headers ?? {})}, request ${i + 1}`);
    }
  }
}

const series = { data: Array.from({ length: 40 }, (_, i) => 10 + (i % 7)), kind: 'naive' };

test('cached forecasts answered before routing are the answers Fastify gives, plain and gzipped, refused or not', async (t) => {
  const bases = await debugAndDefaultDaemons(t);
  for (const base of bases) assert.equal((await fit(base, 'm', series)).status, 201);
  await assertSameAnswers(bases, [
    { path: '/v1/models/m/forecast?h=5' },
    { path: '/v1/models/m/forecast?h=500' },
    { path: '/v1/models/m/forecast?h=500', headers: { 'accept-encoding': 'gzip' } },
    { path: '/v1/models/m/forecast?h=5', headers: { 'accept-encoding': 'gzip, deflate' } },
    { path: '/v1/models/m/forecast?h=5', headers: { host: 'evil.example' } },
    { path: '/v1/models/m/forecast?h=5', headers: { origin: 'http://evil.example' } },
    { path: '/v1/models/m/forecast?h=5&level=90' },
    { path: '/v1/models/m/forecast?h=100000' },
    { path: '/v1/models/m/forecast?h=100001' },
    { path: '/v1/models/nobody/forecast?h=5' },
  ]);
});

test('cold forecasts, computed before routing too, are the answers Fastify gives: read from the store after a restart, and failing ones', async (t) => {
  // The test kinds: `gated` with failForecasts fits, and every forecast of it fails in the engine.
  const first = await Promise.all([startDaemon(t, { args: ['--log-level', 'debug'] }), startDaemon(t)]);
  for (const d of first) {
    assert.equal((await fit(d.url, 'm', series)).status, 201);
    assert.equal((await fit(d.url, 'g', { data: [1, 2, 3], kind: 'gated', failForecasts: true })).status, 201);
    assert.equal(await d.stop(), 0);
  }
  // Started again on the same stores: neither holds a state, so the first forecast of each model reads it.
  const again = await Promise.all([startDaemon(t, { db: first[0].db, args: ['--log-level', 'debug'] }), startDaemon(t, { db: first[1].db })]);
  const bases = [again[0].url, again[1].url] as const;
  await assertSameAnswers(bases, [
    { path: '/v1/models/m/forecast?h=7' },
    { path: '/v1/models/m/forecast?h=300', headers: { 'accept-encoding': 'gzip' } },
    { path: '/v1/models/g/forecast?h=3' },
    { path: '/v1/models/g/forecast?h=3', headers: { 'accept-encoding': 'gzip' } },
  ]);
  const failed = await answer(bases[1], { path: '/v1/models/g/forecast?h=3' });
  assert.equal(failed.status, 422, 'the failing forecast is the route\'s error answer');
});

test('with a token, cached forecasts need it like every other answer', async (t) => {
  const bases = await debugAndDefaultDaemons(t, ['--token', 'cached-forecast-secret-1234']);
  const auth = { authorization: 'Bearer cached-forecast-secret-1234' };
  for (const base of bases) {
    const res = await request(`${base}/v1/models/m/fit`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify(series) });
    assert.equal(res.statusCode, 201, await res.body.text());
  }
  await assertSameAnswers(bases, [
    { path: '/v1/models/m/forecast?h=5', headers: auth },
    { path: '/v1/models/m/forecast?h=5' },
    { path: '/v1/models/m/forecast?h=5', headers: { authorization: 'Bearer wrong' } },
  ]);
  const refused = await answer(bases[1], { path: '/v1/models/m/forecast?h=5' });
  assert.equal(refused.status, 401, 'the cached answer is not given without the token');
});
