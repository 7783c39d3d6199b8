import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startDaemon, tempDir } from '../support/daemon.ts';
import { call, fit, waitFor } from '../support/http.ts';
import { deploy, fp32Input, infer, linearByHand } from '../support/onnx.ts';
import { LINEAR, LINEAR_V2 } from '../../scripts/onnx-fixtures.ts';

test('kill -9 during a deploy loses no acknowledged version, leaves nothing half-made, and the numbering goes on', async (t) => {
  const first = await startDaemon(t, { args: ['--fit-workers', '1'] });
  assert.equal((await deploy(first.url, 'lin', 'linear.onnx')).status, 201);
  // The only fit worker is held by a gated fit, so the next deploy sits in its model's lock, in progress.
  const gate = join(tempDir(t), 'gate');
  void fit(first.url, 'other', { data: [1, 1, 1], kind: 'gated', gate }).catch(() => {});
  await waitFor('the gated fit to run', async () => (await call(`${first.url}/v1/models/other`)).body?.data?.state === 'fitting');
  const deploying = deploy(first.url, 'lin', 'linear-v2.onnx').catch((err: Error) => err);
  await waitFor('the deploy to hold the lock', async () => (await call(`${first.url}/v1/models/lin`)).body.data.lock.writerActive);
  await first.kill9();
  assert.ok((await deploying) instanceof Error, 'the deploy was never acknowledged');
  writeFileSync(gate, '');

  const second = await startDaemon(t, { db: first.db, args: ['--fit-workers', '1'] });
  const model = (await call(`${second.url}/v1/models/lin`)).body.data;
  assert.equal(model.currentVersion, 1);
  assert.equal(model.state, 'ready');
  const versions = (await call(`${second.url}/v1/models/lin/versions`)).body.data;
  assert.deepEqual(versions.map((v: { version: number; state: string }) => [v.version, v.state]), [[1, 'ready']]);
  const rows = [[1, 2, 3]];
  const before = await infer(second.url, 'lin', { inputs: [fp32Input('x', rows)] });
  assert.equal(before.body.model_version, '1');
  assert.deepEqual(before.body.outputs[0].data, linearByHand(rows, LINEAR));

  // The interrupted fit of the other model is failed, not left fitting.
  const other = (await call(`${second.url}/v1/models/other/versions`)).body.data;
  assert.deepEqual(other.map((v: { state: string }) => v.state), ['failed']);
  assert.match(other[0].error, /interrupted/);

  // Deploying again works and takes the next number.
  const again = await deploy(second.url, 'lin', 'linear-v2.onnx');
  assert.equal(again.status, 201);
  assert.equal(again.body.data.version, 2);
  const after = await infer(second.url, 'lin', { inputs: [fp32Input('x', rows)] });
  assert.deepEqual(after.body.outputs[0].data, linearByHand(rows, LINEAR_V2));
});
