import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { request } from 'undici';
import { cachedForecastResponder, type CachedForecastDeps } from '../../src/daemon/http/cached-forecasts.ts';
import type { CompressibleText } from '../../src/daemon/http/send-forecast.ts';
import { serveEarly } from '../support/early-path.ts';

const small = { body: '{"status":"success"}', bytes: Buffer.from('{"status":"success"}') };
const large = (() => {
  const body = JSON.stringify({ status: 'success', data: Array.from({ length: 400 }, (_, i) => i) });
  return { body, bytes: Buffer.from(body) };
})();

/** What the responder was given and did. */
interface World {
  ready: boolean;
  durable: boolean;
  admits: boolean;
  /** The cached answer per model name; absent: not cached. */
  cached: Map<string, CompressibleText>;
  recorded: string[];
  asked: [string, number][];
}

/** The responder on a real server (support/early-path.ts), its dependencies answering from `world`. */
async function serve(t: TestContext, world: World): Promise<string> {
  const deps: CachedForecastDeps = {
    sendSettled: (name, h, send) => {
      world.asked.push([name, h]);
      const answer = world.cached.get(name);
      return answer !== undefined && send(answer);
    },
    isDurable: () => world.durable,
    admitsPlainly: () => world.admits,
    isReady: () => world.ready,
    record: (method, route, status) => world.recorded.push(`${method} ${route} ${status}`),
  };
  return (await serveEarly(t, cachedForecastResponder(deps))).base;
}

const newWorld = (): World => ({ ready: true, durable: true, admits: true, cached: new Map([['m', small], ['big', large]]), recorded: [], asked: [] });

async function get(url: string, opts: { method?: 'GET' | 'HEAD' | 'POST'; headers?: Record<string, string>; body?: string } = {}) {
  const res = await request(url, { method: opts.method ?? 'GET', headers: opts.headers, body: opts.body });
  const body = Buffer.from(await res.body.arrayBuffer());
  return { status: res.statusCode, headers: res.headers, body };
}

test('a cached plain forecast is answered with its bytes, its type and length, and counted as the route', async (t) => {
  const world = newWorld();
  const base = await serve(t, world);
  const r = await get(`${base}/v1/models/m/forecast?h=12`);
  assert.equal(r.status, 200);
  assert.deepEqual(r.body, small.bytes);
  assert.equal(r.headers['content-type'], 'application/json; charset=utf-8');
  assert.equal(r.headers['content-length'], String(small.bytes.length));
  assert.equal(r.headers['content-encoding'], undefined);
  assert.deepEqual(world.asked, [['m', 12]]);
  assert.deepEqual(world.recorded, ['GET /v1/models/:name/forecast 200']);
});

test('a client that accepts gzip gets the gzipped bytes once they exist, and the long way before', async (t) => {
  const world = newWorld();
  const base = await serve(t, world);
  const gz = { 'accept-encoding': 'gzip, deflate' };
  assert.equal((await get(`${base}/v1/models/big/forecast?h=3`, { headers: gz })).status, 299, 'not gzipped yet: Fastify compresses it');
  const gzipped = gzipSync(large.body);
  world.cached.set('big', { ...large, gzippedBytes: gzipped });
  const r = await get(`${base}/v1/models/big/forecast?h=3`, { headers: gz });
  assert.equal(r.status, 200);
  assert.deepEqual(r.body, gzipped);
  assert.equal(r.headers['content-encoding'], 'gzip');
  assert.equal(r.headers.vary, 'accept-encoding');
  // A small answer is never compressed, whatever the client accepts; a client that refuses gzip gets bytes.
  assert.deepEqual((await get(`${base}/v1/models/m/forecast?h=3`, { headers: gz })).body, small.bytes);
  assert.deepEqual((await get(`${base}/v1/models/big/forecast?h=3`, { headers: { 'accept-encoding': 'gzip;q=0' } })).body, large.bytes);
});

test('every request the responder is not sure of goes to the fallback untouched', async (t) => {
  const world = newWorld();
  const base = await serve(t, world);
  const others = [
    '/v1/models/m/forecast?h=12&level=80',
    '/v1/models/m/forecast?level=80,95&h=12',
    '/v1/models/m/forecast?h=012',
    '/v1/models/m/forecast?h=0',
    '/v1/models/m/forecast?h=1x',
    '/v1/models/m/forecast?h=1234567',
    '/v1/models/m/forecast',
    '/v1/models/m/forecast/?h=3',
    '/v1/models/a%20b/forecast?h=3',
    `/v1/models/${'x'.repeat(65)}/forecast?h=3`,
    '/api/forecast?h=3',
    '/v1/models/m?h=3',
    '/v1/models/unknown/forecast?h=3',
  ];
  for (const path of others) assert.equal((await get(base + path)).status, 299, path);
  assert.equal((await get(`${base}/v1/models/m/forecast?h=3`, { method: 'HEAD' })).status, 299, 'HEAD');
  assert.equal((await get(`${base}/v1/models/m/forecast?h=3`, { method: 'POST', body: '{}' })).status, 299, 'POST');
  assert.equal((await get(`${base}/v1/models/m/forecast?h=3`, { body: 'x' })).status, 299, 'a GET with a body');
  assert.deepEqual(world.asked, [['unknown', 3]], 'only a well-formed request asks the cache');
  assert.deepEqual(world.recorded, [], 'the fallback counts its own');
});

test('not ready, refused or decorated by the access checks, or not durable: the fallback answers', async (t) => {
  const world = newWorld();
  const base = await serve(t, world);
  const url = `${base}/v1/models/m/forecast?h=3`;
  for (const key of ['ready', 'admits', 'durable'] as const) {
    world[key] = false;
    assert.equal((await get(url)).status, 299, key);
    world[key] = true;
  }
  assert.deepEqual(world.asked, [], 'none of them asked the cache');
  assert.equal((await get(url)).status, 200, 'and with all three it answers');
});
