import { test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'undici';
import { startDaemon } from '../support/daemon.ts';
import { deploy } from '../support/onnx.ts';

/** A Triton binary-tensor body: the JSON header, then the raw tensors. */
function binaryBody(header: unknown, ...tensors: ArrayBufferView[]): { body: Buffer; headerLength: number } {
  const json = Buffer.from(JSON.stringify(header));
  const raw = tensors.map((t) => Buffer.from(t.buffer, t.byteOffset, t.byteLength));
  return { body: Buffer.concat([json, ...raw]), headerLength: json.byteLength };
}

async function post(url: string, body: Buffer, headerLength: number) {
  const res = await request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream', 'inference-header-content-length': String(headerLength) },
    body,
  });
  return { status: res.statusCode, headers: res.headers, bytes: Buffer.from(await res.body.arrayBuffer()) };
}

test('binary tensor extension: raw inputs after the JSON header, binary and JSON outputs as asked', async (t) => {
  const d = await startDaemon(t);
  await deploy(d.url, 'two', 'two-inputs.onnx');
  const a = new Float32Array([0.5, 1.5, -2, 8]);
  const b = new Int32Array([1, 2, 3, -4]);
  const { body, headerLength } = binaryBody({
    id: 'bin-1',
    inputs: [
      { name: 'a', shape: [2, 2], datatype: 'FP32', parameters: { binary_data_size: 16 } },
      { name: 'b', shape: [2, 2], datatype: 'INT32', parameters: { binary_data_size: 16 } },
    ],
    outputs: [{ name: 'sum', parameters: { binary_data: true } }, { name: 'doubled', parameters: { binary_data: false } }],
  }, a, b);
  const res = await post(`${d.url}/v2/models/two/infer`, body, headerLength);
  assert.equal(res.status, 200, res.bytes.toString());
  const n = Number(res.headers['inference-header-content-length']);
  const header = JSON.parse(res.bytes.subarray(0, n).toString());
  assert.equal(header.id, 'bin-1');
  assert.deepEqual(header.outputs[0], { name: 'sum', datatype: 'FP32', shape: [2, 2], parameters: { binary_data_size: 16 } });
  assert.deepEqual(header.outputs[1], { name: 'doubled', datatype: 'INT32', shape: [2, 2], data: [2, 4, 6, -8] });
  const raw = res.bytes.subarray(n);
  const sum = new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
  assert.deepEqual(Array.from(sum), [1.5, 3.5, 1, 4]);
});

test('binary tensor extension: a size that does not match the shape is a 400 naming the input', async (t) => {
  const d = await startDaemon(t);
  await deploy(d.url, 'lin', 'linear.onnx');
  const { body, headerLength } = binaryBody(
    { inputs: [{ name: 'x', shape: [1, 3], datatype: 'FP32', parameters: { binary_data_size: 8 } }] },
    new Float32Array([1, 2]),
  );
  const res = await post(`${d.url}/v2/models/lin/infer`, body, headerLength);
  assert.equal(res.status, 400);
  assert.match(JSON.parse(res.bytes.toString()).error, /input 'x': binary_data_size is 8 bytes, expected 12/);
  // The whole request as binary output, with the request-level flag.
  const ok = binaryBody(
    { parameters: { binary_data_output: true }, inputs: [{ name: 'x', shape: [1, 3], datatype: 'FP32', parameters: { binary_data_size: 12 } }] },
    new Float32Array([2, 0, 1]),
  );
  const answer = await post(`${d.url}/v2/models/lin/infer`, ok.body, ok.headerLength);
  const n = Number(answer.headers['inference-header-content-length']);
  assert.equal(answer.bytes.byteLength - n, 4);
  assert.equal(answer.bytes.readFloatLE(n), 2 * 0.5 + 0 * -1 + 1 * 2 + 0.25);
});
