import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startDaemon, tempDir } from '../support/daemon.ts';
import { call, fit, waitFor } from '../support/http.ts';
import { deploy, deployBytes, fp32Input, infer, linearByHand } from '../support/onnx.ts';
import { LINEAR, LINEAR_V2 } from '../../scripts/onnx-fixtures.ts';

// With one fit worker held by a gated fit of another model, a deploy holds its model's write lock while
// its file waits for that worker: the deploy is observably in progress until the gate opens.
async function holdFitWorker(t: import('node:test').TestContext, base: string) {
  const gate = join(tempDir(t), 'gate');
  const held = fit(base, 'other', { data: [1, 1, 1], kind: 'gated', gate });
  await waitFor('the gated fit to run', async () => (await call(`${base}/v1/models/other`)).body?.data?.state === 'fitting');
  return { open: () => writeFileSync(gate, ''), held };
}

const modelLock = async (base: string) => (await call(`${base}/v1/models/lin`)).body.data.lock;
const rows = [[1, 2, 3]];

test('an infer that arrives during a deploy waits for it and runs on the new version', async (t) => {
  const d = await startDaemon(t, { args: ['--fit-workers', '1'] });
  await deploy(d.url, 'lin', 'linear.onnx');
  const worker = await holdFitWorker(t, d.url);
  const deploying = deploy(d.url, 'lin', 'linear-v2.onnx');
  await waitFor('the deploy to hold the lock', async () => (await modelLock(d.url)).writerActive);
  const answer = infer(d.url, 'lin', { inputs: [fp32Input('x', rows)] });
  await waitFor('the infer to wait for it', async () => (await modelLock(d.url)).readersWaiting === 1);
  // The registry board counts it: one request waiting for the deploy's lock.
  assert.equal((await call(`${d.url}/v1/status`)).body.data.onnx.queueDepth.lin, 1);
  const metrics = await (await fetch(`${d.url}/metrics`)).text();
  assert.match(metrics, /modelapi_model_queue_depth\{model="lin"\} 1\n/);
  worker.open();
  assert.equal((await deploying).body.data.version, 2);
  const res = await answer;
  assert.equal(res.body.model_version, '2');
  assert.deepEqual(res.body.outputs[0].data, linearByHand(rows, LINEAR_V2));
  await worker.held;
});

test('an infer that arrives during a deploy that fails runs on the old version', async (t) => {
  const d = await startDaemon(t, { args: ['--fit-workers', '1'] });
  await deploy(d.url, 'lin', 'linear.onnx');
  const worker = await holdFitWorker(t, d.url);
  const deploying = deployBytes(d.url, 'lin', Buffer.from('not a model'));
  await waitFor('the deploy to hold the lock', async () => (await modelLock(d.url)).writerActive);
  const answer = infer(d.url, 'lin', { inputs: [fp32Input('x', rows)] });
  await waitFor('the infer to wait for it', async () => (await modelLock(d.url)).readersWaiting === 1);
  worker.open();
  assert.equal((await deploying).status, 400);
  const res = await answer;
  assert.equal(res.body.model_version, '1');
  assert.deepEqual(res.body.outputs[0].data, linearByHand(rows, LINEAR));
  await worker.held;
});
