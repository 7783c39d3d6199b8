import { test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { request } from 'undici';
import { startDaemon } from '../support/daemon.ts';
import { deploy, fp32Input, infer } from '../support/onnx.ts';

const del = async (url: string) => (await request(url, { method: 'DELETE' })).statusCode;

test('deleting an ONNX model forgets it, drops its files, and its numbering continues', async (t) => {
  const d = await startDaemon(t);
  await deploy(d.url, 'lin', 'linear.onnx');
  await deploy(d.url, 'lin', 'linear-v2.onnx');
  const files = () => {
    const db = new Database(d.db, { readonly: true });
    try {
      return (db.prepare('SELECT count(*) AS n FROM model_artifacts').get() as { n: number }).n;
    } finally {
      db.close();
    }
  };
  assert.equal(files(), 2);
  assert.equal(await del(`${d.url}/v1/models/lin/versions/1`), 200);
  assert.equal(files(), 1);
  assert.equal((await infer(d.url, 'lin', { inputs: [fp32Input('x', [[1, 2, 3]])] }, 1)).status, 404);

  assert.equal(await del(`${d.url}/v1/models/lin`), 200);
  assert.equal(files(), 0);
  assert.equal((await infer(d.url, 'lin', { inputs: [fp32Input('x', [[1, 2, 3]])] })).status, 404);
  const again = await deploy(d.url, 'lin', 'linear.onnx');
  assert.equal(again.body.data.version, 3);
  assert.equal((await infer(d.url, 'lin', { inputs: [fp32Input('x', [[1, 2, 3]])] })).body.model_version, '3');
});
