import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli, startDaemon } from '../support/daemon.ts';
import { call, fit } from '../support/http.ts';
import { deploy, fp32Input, infer } from '../support/onnx.ts';

test('status and /metrics show ONNX models with their signature, live sessions and inference counts', async (t) => {
  const d = await startDaemon(t, { args: ['--forecast-workers', '1'] });
  await deploy(d.url, 'lin', 'linear.onnx');
  await fit(d.url, 'sales', { data: [1, 2, 3, 4] });
  for (let i = 0; i < 3; i++) assert.equal((await infer(d.url, 'lin', { inputs: [fp32Input('x', [[1, 2, 3]])] })).status, 200);

  const status = (await call(`${d.url}/v1/status`)).body.data;
  assert.deepEqual(status.onnx.sessions, { forecast: 1 });
  assert.deepEqual(status.onnx.streams, { open: 0, paused: 0, inFlight: 0, pending: 0 });
  assert.deepEqual(status.onnx.queueDepth, {}, 'only models with requests waiting are listed');

  const plain = await runCli(['status', '--url', d.url]);
  assert.match(plain.stdout, /onnx: 1 live sessions in the forecast pool · 0 streams open/);
  assert.match(plain.stdout, /lin\s+1\s+onnx\s+ready.*x FP32 \[-1,3\] → y FP32 \[-1,1\]/);

  const metrics = await (await fetch(`${d.url}/metrics`)).text();
  assert.match(metrics, /modelapi_models\{kind="onnx"\} 1\n/);
  assert.match(metrics, /modelapi_models\{kind="forecast"\} 1\n/);
  assert.match(metrics, /modelapi_infer_seconds_count\{model="lin"\} 3\n/);
  assert.match(metrics, /modelapi_batch_rows_count 3\n/);
  assert.match(metrics, /modelapi_streams_open 0\n/);
});
