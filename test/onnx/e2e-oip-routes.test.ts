import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startDaemon } from '../support/daemon.ts';
import { call, fit } from '../support/http.ts';
import { deploy, fp32Input, infer, linearByHand } from '../support/onnx.ts';
import { ALL_TYPES, FIXED_FACTOR, INT64_FACTOR, LINEAR, LINEAR_V2, MLP } from '../../scripts/onnx-fixtures.ts';

/** The MLP fixture by hand: relu(x·W1 + b1)·W2 + b2 (weights and inputs are binary fractions: exact in float32). */
function mlpByHand(x: number[]): number[] {
  const h = MLP.b1.map((b, j) => Math.max(0, x.reduce((s, xi, i) => s + xi * MLP.w1[i]![j]!, b)));
  return MLP.b2.map((b, k) => h.reduce((s, hj, j) => s + hj * MLP.w2[j]![k]!, b));
}

test('V2 server routes: live, ready, server metadata with the binary extension', async (t) => {
  const d = await startDaemon(t);
  assert.deepEqual((await call(`${d.url}/v2/health/live`)).body, { live: true });
  assert.deepEqual((await call(`${d.url}/v2/health/ready`)).body, { ready: true });
  const server = (await call(`${d.url}/v2`)).body;
  assert.equal(server.name, 'modelapi');
  assert.deepEqual(server.extensions, ['binary_tensor_data']);
  const missing = await call(`${d.url}/v2/no/such/route`);
  assert.equal(missing.status, 404);
  assert.equal(typeof missing.body.error, 'string');
});

test('V2 model routes: metadata, readiness and infer, versioned routes run that version, errors as {error}', async (t) => {
  const d = await startDaemon(t);
  await deploy(d.url, 'lin', 'linear.onnx');
  await deploy(d.url, 'lin', 'linear-v2.onnx');
  await fit(d.url, 'sales', { data: [1, 2, 3, 4] });

  const meta = (await call(`${d.url}/v2/models/lin`)).body;
  assert.deepEqual(meta, {
    name: 'lin', versions: ['1', '2'], platform: 'onnx_onnxv1',
    inputs: [{ name: 'x', datatype: 'FP32', shape: [-1, 3] }], outputs: [{ name: 'y', datatype: 'FP32', shape: [-1, 1] }],
  });
  assert.equal((await call(`${d.url}/v2/models/lin/versions/1`)).body.platform, 'onnx_onnxv1');
  assert.equal((await call(`${d.url}/v2/models/sales`)).body.platform, 'modelapi_forecast');
  assert.deepEqual((await call(`${d.url}/v2/models/lin/ready`)).body, { name: 'lin', ready: true });
  assert.deepEqual((await call(`${d.url}/v2/models/lin/versions/2/ready`)).body, { name: 'lin', ready: true });
  for (const path of ['/v2/models/nope', '/v2/models/lin/versions/3', '/v2/models/lin/versions/x/ready', '/v2/models/nope/ready']) {
    const res = await call(d.url + path);
    assert.equal(res.status, 404, path);
    assert.match(res.body.error, /no (model|ready version)/, path);
  }

  const rows = [[1, 2, 3], [-0.5, 4, 0.25]];
  const current = await infer(d.url, 'lin', { id: 'req-7', inputs: [fp32Input('x', rows)] });
  assert.equal(current.status, 200);
  assert.deepEqual(current.body, {
    model_name: 'lin', model_version: '2', id: 'req-7',
    outputs: [{ name: 'y', datatype: 'FP32', shape: [2, 1], data: linearByHand(rows, LINEAR_V2) }],
  });
  const v1 = await infer(d.url, 'lin', { inputs: [{ ...fp32Input('x', rows), data: rows.flat() }] }, 1);
  assert.equal(v1.body.model_version, '1');
  assert.deepEqual(v1.body.outputs[0].data, linearByHand(rows, LINEAR));
  assert.equal(v1.body.id, undefined);

  const bad = await infer(d.url, 'lin', { inputs: [fp32Input('x', [[1, 2]])] });
  assert.equal(bad.status, 400);
  assert.equal(bad.body.error, "input 'x': dimension 1 is 2, the model expects 3 (shape [-1,3])");
  assert.equal((await infer(d.url, 'lin', { inputs: 'no' })).status, 400);
  assert.equal((await infer(d.url, 'nope', { inputs: [fp32Input('x', rows)] })).status, 404);
  assert.equal((await infer(d.url, 'lin', { inputs: [fp32Input('x', rows)] }, 9)).status, 404);
  const onForecast = await infer(d.url, 'sales', { inputs: [fp32Input('x', rows)] });
  assert.equal(onForecast.status, 400);
  assert.match(onForecast.body.error, /forecasting model/);
});

test('V2 infer on every fixture: MLP, two typed inputs with output selection, INT64, fixed batch, FP16 refused, all datatypes', async (t) => {
  const d = await startDaemon(t);
  for (const [name, file] of [['mlp', 'mlp.onnx'], ['two', 'two-inputs.onnx'], ['i64', 'int64.onnx'], ['fixed', 'fixed-batch.onnx'], ['half', 'fp16.onnx'], ['all', 'all-types.onnx']]) {
    assert.equal((await deploy(d.url, name!, file!)).status, 201, file);
  }
  const x = [[1, 2, 0.5, -1], [0, -3, 2, 1], [4, 0.25, -2, 0.5]];
  const mlp = await infer(d.url, 'mlp', { inputs: [fp32Input('x', x)] });
  assert.deepEqual(mlp.body.outputs[0].data, x.flatMap(mlpByHand));
  assert.deepEqual(mlp.body.outputs[0].shape, [3, 2]);

  const two = await infer(d.url, 'two', {
    inputs: [{ name: 'b', shape: [2, 2], datatype: 'INT32', data: [[1, -2], [3, 40]] }, fp32Input('a', [[0.5, 0.5], [1, -1]])],
    outputs: [{ name: 'doubled' }],
  });
  assert.deepEqual(two.body.outputs, [{ name: 'doubled', datatype: 'INT32', shape: [2, 2], data: [2, -4, 6, 80] }]);
  const wrongType = await infer(d.url, 'two', { inputs: [fp32Input('a', [[1, 2]]), fp32Input('b', [[1, 2]])] });
  assert.equal(wrongType.body.error, "input 'b': datatype is FP32, the model expects INT32");

  const big = 2 ** 40 + 7;
  const i64 = await infer(d.url, 'i64', { inputs: [{ name: 'x', shape: [1, 2], datatype: 'INT64', data: [big, -5] }] });
  assert.deepEqual(i64.body.outputs[0].data, [Number(BigInt(big) * INT64_FACTOR), -5 * Number(INT64_FACTOR)]);

  const fixed = await infer(d.url, 'fixed', { inputs: [fp32Input('x', [[1, -2, 3.5]])] });
  assert.deepEqual(fixed.body.outputs[0].data, [1, -2, 3.5].map((v) => v * FIXED_FACTOR));
  const twoRows = await infer(d.url, 'fixed', { inputs: [fp32Input('x', [[1, 2, 3], [4, 5, 6]])] });
  assert.equal(twoRows.body.error, "input 'x': dimension 0 is 2, the model expects 1 (shape [1,3])");

  const half = await infer(d.url, 'half', { inputs: [{ name: 'x', shape: [1, 2], datatype: 'FP16', data: [1, 2] }] });
  assert.equal(half.status, 400);
  assert.match(half.body.error, /input 'x' is FP16, which modelapi cannot serve/);

  const values: Record<string, unknown[]> = {
    BOOL: [true, false], INT8: [-128, 127], INT16: [-32768, 5], INT32: [-(2 ** 31), 7], INT64: [-(2 ** 53), 2 ** 53], UINT8: [0, 255],
    UINT16: [65535, 1], UINT32: [2 ** 32 - 1, 0], UINT64: [2 ** 53, 3], FP32: [0.5, -1.25], FP64: [0.1, 1e300],
  };
  const all = await infer(d.url, 'all', { inputs: Object.keys(ALL_TYPES).map((t) => ({ name: `in_${t}`, shape: [2], datatype: t, data: values[t] })) });
  assert.equal(all.status, 200, JSON.stringify(all.body));
  for (const out of all.body.outputs) assert.deepEqual(out.data, values[out.datatype], out.name);
});
