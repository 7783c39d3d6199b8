import { test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'undici';
import { startDaemon } from '../support/daemon.ts';
import { call } from '../support/http.ts';
import { deploy, fp32Input, linearByHand } from '../support/onnx.ts';
import { LINEAR } from '../../scripts/onnx-fixtures.ts';

async function post(url: string, body: unknown) {
  const res = await request(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.statusCode, location: res.headers.location as string | undefined, body: (await res.body.json()) as any };
}

test('infers over --max-sync-rows, or with ?async=true, become jobs whose results survive a restart', async (t) => {
  const d = await startDaemon(t, { args: ['--max-sync-rows', '5'] });
  await deploy(d.url, 'lin', 'linear.onnx');
  const rows = Array.from({ length: 6 }, (_, i) => [i, 1, 0.5]);

  const big = await post(`${d.url}/v2/models/lin/infer`, { id: 'big', inputs: [fp32Input('x', rows)] });
  assert.equal(big.status, 202);
  assert.equal(big.location, `/v1/jobs/${big.body.data.id}`);
  assert.equal(big.body.data.type, 'infer');
  const done = (await call(`${d.url}${big.location}?wait=10s`)).body.data;
  assert.equal(done.state, 'succeeded');
  assert.equal(done.result.id, 'big');
  assert.deepEqual(done.result.outputs[0].data, linearByHand(rows, LINEAR));

  const small = await post(`${d.url}/v2/models/lin/infer?async=true`, { inputs: [fp32Input('x', rows.slice(0, 1))] });
  assert.equal(small.status, 202);
  const sync = await post(`${d.url}/v2/models/lin/infer`, { inputs: [fp32Input('x', rows.slice(0, 5))] });
  assert.equal(sync.status, 200, 'five rows are answered at once');

  // A request that does not fit the model is refused at once; no job is stored for it.
  const bad = await post(`${d.url}/v2/models/lin/infer?async=true`, { inputs: [fp32Input('x', [[1, 2]])] });
  assert.equal(bad.status, 400);
  assert.equal((await call(`${d.url}/v1/jobs?type=infer`)).body.data.length, 2);

  assert.equal((await call(`${d.url}${small.location}?wait=10s`)).body.data.state, 'succeeded');
  assert.equal(await d.stop(), 0);
  const again = await startDaemon(t, { db: d.db });
  const kept = (await call(`${again.url}${big.location}`)).body.data;
  assert.equal(kept.state, 'succeeded');
  assert.deepEqual(kept.result.outputs[0].data, linearByHand(rows, LINEAR));
});
