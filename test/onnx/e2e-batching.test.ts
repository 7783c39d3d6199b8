import { test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'undici';
import { startDaemon } from '../support/daemon.ts';
import { deploy, deployBytes, fp32Input, infer } from '../support/onnx.ts';
import { buildModel } from '../../scripts/onnx-builder.ts';
import { GATHER_TABLE, mlp } from '../../scripts/onnx-fixtures.ts';

/** A small deterministic PRNG (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** 16 → 32 (relu) → 4 with random weights: sums of products whose rounding depends on the order. */
function randomMlp(rand: () => number): Uint8Array {
  const f = (n: number) => Float32Array.from({ length: n }, () => rand() * 2 - 1);
  return buildModel(mlp('random_mlp', 16, f(16 * 32), f(32), f(32 * 4), f(4)));
}

async function metric(base: string, name: string): Promise<number> {
  const text = await (await request(`${base}/metrics`)).body.text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line ? Number(line.split(' ')[1]) : 0;
}

test('dynamic batching: concurrent infers of random sizes equal their unbatched runs bit for bit, within the row limit', async (t) => {
  const d = await startDaemon(t, { args: ['--batch-delay', '200ms', '--max-batch', '8'] });
  const rand = random(42);
  assert.equal((await deployBytes(d.url, 'big', randomMlp(rand))).status, 201);
  const requests = Array.from({ length: 30 }, (_, i) => {
    const rows = Array.from({ length: 1 + Math.floor(rand() * 6) }, () => Array.from({ length: 16 }, () => rand() * 10 - 5));
    return { id: `r${i}`, inputs: [fp32Input('x', rows)] };
  });

  // One at a time, each request is alone in its batch: the unbatched reference.
  const alone: any[] = [];
  for (const r of requests) alone.push((await infer(d.url, 'big', r)).body);
  const runsAlone = await metric(d.url, 'modelapi_batch_rows_count');
  assert.equal(runsAlone, requests.length);

  const together = await Promise.all(requests.map((r) => infer(d.url, 'big', r)));
  const runsTogether = (await metric(d.url, 'modelapi_batch_rows_count')) - runsAlone;
  assert.ok(runsTogether < requests.length, `the burst was batched: ${runsTogether} runs for ${requests.length} requests`);
  together.forEach((res, i) => {
    assert.equal(res.status, 200);
    assert.equal(res.body.id, `r${i}`);
    assert.deepEqual(res.body.outputs, alone[i].outputs, `request ${i}`);
  });
  // Rows, not requests, bound a batch: no run had more than --max-batch rows.
  assert.equal(await metric(d.url, 'modelapi_batch_rows_bucket{le="8"}'), await metric(d.url, 'modelapi_batch_rows_count'));

  // A request over the row limit runs alone, whole.
  const wide = Array.from({ length: 20 }, () => Array.from({ length: 16 }, () => rand()));
  const whole = await infer(d.url, 'big', { inputs: [fp32Input('x', wide)] });
  assert.deepEqual(whole.body.outputs[0].shape, [20, 4]);
});

test('a batch that onnxruntime refuses fails only the request that caused it, with its own message', async (t) => {
  const d = await startDaemon(t, { args: ['--batch-delay', '200ms'] });
  await deploy(d.url, 'lookup', 'gather.onnx');
  const indices = [0, 3, 9, 1, 2];
  const answers = await Promise.all(indices.map((i) => infer(d.url, 'lookup', { id: `i${i}`, inputs: [{ name: 'idx', shape: [1, 1], datatype: 'INT64', data: [i] }] })));
  answers.forEach((res, k) => {
    const i = indices[k]!;
    if (i === 9) {
      assert.equal(res.status, 500);
      assert.match(res.body.error, /onnxruntime failed: .*9/);
    } else {
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.deepEqual(res.body.outputs[0].data, GATHER_TABLE[i]);
    }
  });
});
