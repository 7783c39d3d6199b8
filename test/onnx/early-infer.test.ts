import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { connect } from 'node:net';
import { request } from 'undici';
import { earlyInferResponder } from '../../src/daemon/onnx/oip/early-infer.ts';
import type { InferCall } from '../../src/daemon/onnx/oip/infer-answer.ts';
import { serveEarly } from '../support/early-path.ts';

/** What the responder was given and did. */
interface World {
  ready: boolean;
  admits: boolean;
  calls: InferCall[];
  recorded: string[];
}

/** The responder on a real server (support/early-path.ts), its dependencies answering from `world`. */
async function serve(t: TestContext, world: World): Promise<{ base: string; port: number }> {
  const early = earlyInferResponder({
    answer: async (call) => {
      world.calls.push(call);
      return { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' }, body: `{"model_name":"${call.name}"}` };
    },
    untilDurable: () => undefined,
    admitsPlainly: () => world.admits,
    isReady: () => world.ready,
    maxBodyBytes: 1000,
    record: (method, route, status) => world.recorded.push(`${method} ${route} ${status}`),
    logUnexpected: (err) => assert.fail(`unexpected: ${String(err)}`),
  });
  return serveEarly(t, early);
}

const body = JSON.stringify({ inputs: [{ name: 'x', shape: [1, 1], datatype: 'FP32', data: [1] }] });
const json = { 'content-type': 'application/json' };

async function post(url: string, opts: { headers?: Record<string, string>; body?: string | Buffer; method?: 'POST' | 'PUT' } = {}) {
  const res = await request(url, { method: opts.method ?? 'POST', headers: opts.headers ?? json, body: opts.body ?? body });
  return { status: res.statusCode, text: await res.body.text() };
}

test('a plain JSON infer is answered by the route function and counted as its route', async (t) => {
  const world: World = { ready: true, admits: true, calls: [], recorded: [] };
  const { base } = await serve(t, world);
  assert.deepEqual(await post(`${base}/v2/models/m/infer`), { status: 200, text: '{"model_name":"m"}' });
  assert.equal((await post(`${base}/v2/models/m/versions/3/infer`, { headers: { 'content-type': 'Application/JSON; charset=UTF-8' } })).status, 200);
  assert.deepEqual(world.calls.map((c) => [c.name, c.versionText, c.async, c.body.inputs.length]), [['m', undefined, false, 1], ['m', '3', false, 1]]);
  assert.deepEqual(world.recorded, ['POST /v2/models/:name/infer 200', 'POST /v2/models/:name/versions/:version/infer 200']);
  // A body the parser refuses never reaches the route function, and the connection is closed after it.
  const refused = await request(`${base}/v2/models/m/infer`, { method: 'POST', headers: json, body: '{"inputs": [' });
  assert.equal(refused.statusCode, 400);
  assert.equal(refused.headers.connection, 'close');
  assert.match(await refused.body.text(), /^\{"error":".*not valid JSON/);
  assert.equal(world.calls.length, 2);
});

test('every infer the responder is not sure of goes to the fallback untouched', async (t) => {
  const world: World = { ready: true, admits: true, calls: [], recorded: [] };
  const { base } = await serve(t, world);
  const url = `${base}/v2/models/m/infer`;
  const others: [string, Parameters<typeof post>[1]][] = [
    [`${url}?async=true`, {}],
    [`${base}/v2/models/m/versions/x/infer`, {}],
    [`${base}/v2/models/a%20b/infer`, {}],
    [`${base}/v2/models/m/infer/`, {}],
    [url, { method: 'PUT' }],
    [url, { headers: { 'content-type': 'application/octet-stream' } }],
    [url, { headers: { 'content-type': 'text/plain' } }],
    [url, { headers: { ...json, 'accept-encoding': 'gzip, deflate' } }],
    [url, { headers: { ...json, 'content-encoding': 'gzip' } }],
    [url, { body: 'x'.repeat(1001) }],
    [url, { body: '' }],
  ];
  for (const [path, opts] of others) assert.equal((await post(path, opts)).status, 299, `${path} ${JSON.stringify(opts)}`);
  world.admits = false;
  assert.equal((await post(url)).status, 299, 'the access checks would refuse or decorate it');
  world.admits = true;
  world.ready = false;
  assert.equal((await post(url)).status, 299, 'shutting down');
  assert.deepEqual(world.calls, []);
  assert.deepEqual(world.recorded, [], 'the fallback counts its own');
});

test('a client that goes away in the middle of its body costs a socket, not an answer or a hang', async (t) => {
  const world: World = { ready: true, admits: true, calls: [], recorded: [] };
  const { base, port } = await serve(t, world);
  const socket = connect(port, '127.0.0.1');
  await once(socket, 'connect');
  socket.write(`POST /v2/models/m/infer HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 10)}`);
  socket.destroy();
  await once(socket, 'close');
  // The server still answers, and the abandoned request never reached the route function.
  assert.equal((await post(`${base}/v2/models/m/infer`)).status, 200);
  assert.equal(world.calls.length, 1);
  assert.deepEqual(world.recorded, ['POST /v2/models/:name/infer 200']);
});
