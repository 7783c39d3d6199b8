import { test } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { WebSocket } from 'ws';
import { startDaemon } from '../support/daemon.ts';
import { call, waitFor } from '../support/http.ts';
import { deploy, deployBytes, fp32Input, linearByHand } from '../support/onnx.ts';
import { ELEM, buildModel } from '../../scripts/onnx-builder.ts';
import { LINEAR } from '../../scripts/onnx-fixtures.ts';

async function openStream(t: import('node:test').TestContext, base: string, model: string): Promise<{ ws: WebSocket; replies: any[] }> {
  const ws = new WebSocket(`${base.replace('http', 'ws')}/v1/models/${model}/stream`);
  t.after(() => ws.terminate());
  const replies: any[] = [];
  ws.on('message', (data) => replies.push(JSON.parse(data.toString())));
  await once(ws, 'open');
  return { ws, replies };
}

test('stream: many requests in flight on one socket, each reply carries its id, a bad message fails only itself', async (t) => {
  const d = await startDaemon(t);
  await deploy(d.url, 'lin', 'linear.onnx');
  const { ws, replies } = await openStream(t, d.url, 'lin');
  const rows = (i: number) => [[i, 1, -i / 4]];
  for (let i = 0; i < 20; i++) ws.send(JSON.stringify({ id: `r${i}`, inputs: [fp32Input('x', rows(i))] }));
  ws.send('{not json');
  ws.send(JSON.stringify({ id: 'wrong', inputs: [fp32Input('x', [[1, 2]])] }));
  ws.send(JSON.stringify({ id: 'after', inputs: [fp32Input('x', rows(99))] }));
  await waitFor('23 replies', async () => replies.length === 23);

  const byId = new Map(replies.map((r) => [r.id, r]));
  for (let i = 0; i < 20; i++) {
    const r = byId.get(`r${i}`);
    assert.equal(r.model_name, 'lin');
    assert.deepEqual(r.outputs[0].data, linearByHand(rows(i), LINEAR), `r${i}`);
  }
  assert.match(byId.get(null).error, /message: is not valid JSON/);
  assert.equal(byId.get('wrong').error, "input 'x': dimension 1 is 2, the model expects 3 (shape [-1,3])");
  assert.deepEqual(byId.get('after').outputs[0].data, linearByHand(rows(99), LINEAR));
  const streams = (await call(`${d.url}/v1/status`)).body.data.onnx.streams;
  assert.equal(streams.open, 1);
});

/** x [batch,1] → y [batch,400]: small requests, big replies. */
function widen(): Uint8Array {
  return buildModel({
    name: 'widen',
    inputs: [{ name: 'x', elem: ELEM.FLOAT, dims: ['batch', 1] }],
    outputs: [{ name: 'y', elem: ELEM.FLOAT, dims: ['batch', 400] }],
    initializers: [{ name: 'shape', elem: ELEM.INT64, dims: [2], data: new BigInt64Array([1n, 400n]) }],
    nodes: [{ op: 'Expand', inputs: ['x', 'shape'], outputs: ['y'] }],
  });
}

test('stream: a client that stops reading is paced — the daemon stops answering it — and gets everything once it reads', async (t) => {
  const d = await startDaemon(t);
  await deployBytes(d.url, 'wide', widen());
  const { ws, replies } = await openStream(t, d.url, 'wide');
  ws.pause(); // stop reading replies
  const n = 100; // each reply is 200 × 400 floats (~320 kB of JSON), more than the socket buffers hold in all
  for (let i = 0; i < n; i++) ws.send(JSON.stringify({ id: String(i), inputs: [fp32Input('x', Array.from({ length: 200 }, () => [i + 0.5]))] }));

  const status = async () => (await call(`${d.url}/v1/status`)).body.data.onnx.streams;
  // Paused with nothing in flight: the daemon holds a bounded amount of replies and answers nothing more.
  const held = await waitFor('the stream to be paused and idle', async () => {
    const s = await status();
    return s.paused === 1 && s.inFlight === 0 ? s : undefined;
  }, 30_000);
  assert.ok(held.pending > 0, 'requests wait unread');
  const metrics = await (await fetch(`${d.url}/metrics`)).text();
  const answered = Number(/modelapi_infer_seconds_count\{model="wide"\} (\d+)/.exec(metrics)?.[1] ?? 0);
  assert.ok(answered < n, `answered ${answered} of ${n} while the client read nothing`);

  ws.resume();
  await waitFor(`${n} replies`, async () => replies.length === n, 60_000);
  assert.deepEqual(new Set(replies.map((r) => r.id)), new Set(Array.from({ length: n }, (_, i) => String(i))));
  for (const r of replies) {
    const data = r.outputs[0].data;
    assert.equal(data.length, 200 * 400);
    assert.equal(data[0], Number(r.id) + 0.5);
  }
  assert.equal((await status()).paused, 0);
});
