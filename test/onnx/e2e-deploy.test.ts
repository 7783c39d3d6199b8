import { test } from 'node:test';
import assert from 'node:assert/strict';
import { request, FormData } from 'undici';
import { startDaemon } from '../support/daemon.ts';
import { call, fit } from '../support/http.ts';
import { deploy, deployBytes, onnxFixture } from '../support/onnx.ts';

const versionsOf = async (base: string, model: string) => (await call(`${base}/v1/models/${model}/versions`)).body;

test('deploy: a new version with its signature and metadata; the same bytes again reuse it', async (t) => {
  const d = await startDaemon(t);
  const first = await deploy(d.url, 'churn', 'linear.onnx');
  assert.equal(first.status, 201);
  assert.equal(first.body.data.version, 1);
  assert.deepEqual(first.body.data.signature.inputs, [{ name: 'x', datatype: 'FP32', shape: [-1, 3], dimNames: ['batch', null] }]);
  assert.deepEqual(first.body.data.signature.outputs, [{ name: 'y', datatype: 'FP32', shape: [-1, 1], dimNames: ['batch', null] }]);

  const again = await deploy(d.url, 'churn', 'linear.onnx');
  assert.equal(again.status, 200);
  assert.equal(again.body.data.reused, true);
  assert.equal(again.body.data.version, 1);

  const form = new FormData();
  form.append('model', new Blob([onnxFixture('linear-v2.onnx')]), 'linear-v2.onnx');
  form.append('metadata', JSON.stringify({ description: 'v2 weights', owner: 'ml-team', tags: ['churn', 'test'] }));
  const res = await request(`${d.url}/v1/models/churn/onnx`, { method: 'PUT', body: form });
  const multipart = (await res.body.json()) as any;
  assert.equal(res.statusCode, 201);
  assert.equal(multipart.data.version, 2);

  const model = (await call(`${d.url}/v1/models/churn`)).body.data;
  assert.equal(model.kind, 'onnx');
  assert.equal(model.currentVersion, 2);
  assert.deepEqual(model.spec.metadata, { description: 'v2 weights', owner: 'ml-team', tags: ['churn', 'test'] });
  assert.deepEqual(model.spec.signature, first.body.data.signature);
});

test('deploy: corrupt, truncated, empty and non-ONNX files are 400 with the reason, and store nothing', async (t) => {
  const d = await startDaemon(t);
  const good = onnxFixture('mlp.onnx');
  const bad: [string, Uint8Array][] = [
    ['empty', new Uint8Array(0)],
    ['truncated', good.subarray(0, Math.floor(good.length / 2))],
    ['corrupt', Buffer.from(good).fill(0xff, 20, 60)],
    ['not onnx', Buffer.from('{"data": [1, 2, 3]}')],
  ];
  for (const [what, bytes] of bad) {
    const res = await deployBytes(d.url, 'm', bytes);
    assert.equal(res.status, 400, what);
    assert.equal(res.body.code, 'MODELAPI_ERR_INVALID_MODEL', what);
    assert.ok(res.body.data.model.length > 10, `${what}: ${res.body.data.model}`);
  }
  assert.equal((await call(`${d.url}/v1/models/m`)).status, 404);
  // No version number was taken by the failures.
  assert.equal((await deploy(d.url, 'm', 'mlp.onnx')).body.data.version, 1);
});

test('deploy: a changed signature is 409 naming the difference, unless allowSignatureChange', async (t) => {
  const d = await startDaemon(t);
  await deploy(d.url, 'm', 'linear.onnx');
  const changed = await deploy(d.url, 'm', 'mlp.onnx');
  assert.equal(changed.status, 409);
  assert.equal(changed.body.code, 'MODELAPI_ERR_SIGNATURE_CHANGED');
  assert.match(changed.body.data.signature, /input 'x' shape: \[batch,3\] → \[batch,4\]/);
  assert.equal((await versionsOf(d.url, 'm')).data.length, 1);

  const allowed = await deploy(d.url, 'm', 'mlp.onnx', '?allowSignatureChange=true');
  assert.equal(allowed.status, 201);
  assert.equal(allowed.body.data.version, 2);
});

test('deploy: a forecasting model name cannot become ONNX, nor the reverse; both kinds are listed', async (t) => {
  const d = await startDaemon(t);
  assert.equal((await fit(d.url, 'sales', { data: [1, 2, 3, 4] })).status, 201);
  await deploy(d.url, 'churn', 'linear.onnx');

  const onnxOnForecast = await deploy(d.url, 'sales', 'linear.onnx');
  assert.equal(onnxOnForecast.status, 409);
  assert.equal(onnxOnForecast.body.code, 'MODELAPI_ERR_MODEL_KIND_CONFLICT');
  const fitOnOnnx = await fit(d.url, 'churn', { data: [1, 2, 3, 4] });
  assert.equal(fitOnOnnx.status, 409);
  assert.equal(fitOnOnnx.body.code, 'MODELAPI_ERR_MODEL_KIND_CONFLICT');
  const forecastOnOnnx = await call(`${d.url}/v1/models/churn/forecast?h=2`);
  assert.equal(forecastOnOnnx.body.code, 'MODELAPI_ERR_MODEL_KIND_CONFLICT');

  const listed = (await call(`${d.url}/v1/models`)).body.data.map((m: any) => [m.name, m.kind, m.currentVersion]);
  assert.deepEqual(listed, [['churn', 'onnx', 1], ['sales', 'auto', 1]]);
});

test('deploy: a file over --max-model is 413 naming the limit, and stores nothing', async (t) => {
  const d = await startDaemon(t, { args: ['--max-model', '1kb'] });
  const big = onnxFixture('all-types.onnx'); // 1109 bytes
  assert.ok(big.length > 1024);
  const res = await deployBytes(d.url, 'm', big);
  assert.equal(res.status, 413);
  assert.equal(res.body.code, 'MODELAPI_ERR_BODY_TOO_LARGE');
  assert.match(res.body.data.model, /--max-model/);
  assert.equal((await call(`${d.url}/v1/models/m`)).status, 404);
  assert.equal((await deploy(d.url, 'm', 'linear.onnx')).status, 201);
});
