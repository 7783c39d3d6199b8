import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { gunzipSync } from 'node:zlib';
import { request } from 'undici';
import { plainForecastResponder, type PlainForecastDeps } from '../../src/daemon/http/plain-forecasts.ts';
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
  /** What a computation of a model's forecast gives when it is not cached; absent: the model is not known here. */
  computable: Map<string, CompressibleText | Error>;
  recorded: string[];
  asked: [string, number][];
  computed: [string, number][];
}

/** The responder on a real server (support/early-path.ts), its dependencies answering from `world`. */
async function serve(t: TestContext, world: World): Promise<string> {
  const deps: PlainForecastDeps = {
    sendSettled: (name, h, send) => {
      world.asked.push([name, h]);
      const answer = world.cached.get(name);
      return answer !== undefined && send(answer);
    },
    computeSettled: (name, h) => {
      world.computed.push([name, h]);
      // As the service: a cached answer is given as it is, whatever form of it was made already.
      const answer = world.cached.get(name) ?? world.computable.get(name);
      if (answer === undefined) return undefined;
      return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
    },
    maxH: 100_000,
    isDurable: () => world.durable,
    admitsPlainly: () => world.admits,
    isReady: () => world.ready,
    record: (method, route, status) => world.recorded.push(`${method} ${route} ${status}`),
  };
  return (await serveEarly(t, plainForecastResponder(deps))).base;
}

const newWorld = (): World => ({
  ready: true,
  durable: true,
  admits: true,
  cached: new Map([['m', small], ['big', large]]),
  computable: new Map<string, CompressibleText | Error>([['fresh', { ...small }], ['broken', new Error('the worker failed')]]),
  recorded: [],
  asked: [],
  computed: [],
});

async function get(url: string, opts: { method?: 'GET' | 'HEAD' | 'POST'; headers?: Record<string, string>; body?: string } = {}) {
  const res = await request(url, { method: opts.method ?? 'GET', headers: opts.headers, body: opts.body });
  const body = Buffer.from(await res.body.arrayBuffer());
  return { status: res.statusCode, headers: res.headers, body };
}

/** A 200 carrying `bytes` as they are, with the route's type and their length. */
function assertPlainAnswer(r: Awaited<ReturnType<typeof get>>, bytes: Buffer) {
  assert.equal(r.status, 200);
  assert.deepEqual(r.body, bytes);
  assert.equal(r.headers['content-type'], 'application/json; charset=utf-8');
  assert.equal(r.headers['content-length'], String(bytes.length));
  assert.equal(r.headers['content-encoding'], undefined);
}

test('a cached plain forecast is answered with its bytes, its type and length, and counted as the route', async (t) => {
  const world = newWorld();
  const base = await serve(t, world);
  assertPlainAnswer(await get(`${base}/v1/models/m/forecast?h=12`), small.bytes);
  assert.deepEqual(world.asked, [['m', 12]]);
  assert.deepEqual(world.recorded, ['GET /v1/models/:name/forecast 200']);
});

test('a client that accepts gzip gets a large answer gzipped, compressed once; a small one or a refusing client gets bytes', async (t) => {
  const world = newWorld();
  const base = await serve(t, world);
  const gz = { 'accept-encoding': 'gzip, deflate' };
  const first = await get(`${base}/v1/models/big/forecast?h=3`, { headers: gz });
  assert.equal(first.status, 200);
  assert.deepEqual(gunzipSync(first.body).toString(), large.body);
  assert.equal(first.headers['content-encoding'], 'gzip');
  assert.equal(first.headers.vary, 'accept-encoding');
  assert.deepEqual(world.computed, [['big', 3]], 'not gzipped yet: made once, through the computation path');
  const made = world.cached.get('big')!.gzippedBytes;
  assert.ok(made, 'the gzipped form is kept with the answer');
  const again = await get(`${base}/v1/models/big/forecast?h=3`, { headers: gz });
  assert.deepEqual(again.body, made);
  assert.equal(world.computed.length, 1, 'the second is sent from the cache as it is');
  // A small answer is never compressed, whatever the client accepts; a client that refuses gzip gets bytes.
  assert.deepEqual((await get(`${base}/v1/models/m/forecast?h=3`, { headers: gz })).body, small.bytes);
  assert.deepEqual((await get(`${base}/v1/models/big/forecast?h=3`, { headers: { 'accept-encoding': 'gzip;q=0' } })).body, large.bytes);
});

test('a forecast not cached yet is computed here and sent as its bytes, counted as the route', async (t) => {
  const world = newWorld();
  const base = await serve(t, world);
  assertPlainAnswer(await get(`${base}/v1/models/fresh/forecast?h=4`), small.bytes);
  assert.deepEqual(world.asked, [['fresh', 4]], 'the cache first');
  assert.deepEqual(world.computed, [['fresh', 4]], 'then the computation');
  assert.deepEqual(world.recorded, ['GET /v1/models/:name/forecast 200']);
});

test('a computation that fails gives the request to the fallback, which answers it (and counts it)', async (t) => {
  const world = newWorld();
  const base = await serve(t, world);
  const r = await get(`${base}/v1/models/broken/forecast?h=4`);
  assert.equal(r.status, 299);
  assert.equal(r.body.toString(), 'fallback');
  assert.deepEqual(world.computed, [['broken', 4]]);
  assert.deepEqual(world.recorded, [], 'the fallback counts its own');
  // The connection goes on serving: the next request on it is answered here again.
  assert.equal((await get(`${base}/v1/models/fresh/forecast?h=4`)).status, 200);
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
    '/v1/models/m/forecast?h=100001',
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
  assert.deepEqual(world.computed, [['unknown', 3]], 'and, not cached, for its computation: a model not known here is left to the route');
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
  assert.deepEqual(world.computed, [], 'nor computed anything');
  assert.equal((await get(url)).status, 200, 'and with all three it answers');
});
