import { test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'undici';
import { startDaemon } from '../support/daemon.ts';
import { fit, forecast } from '../support/http.ts';

/** Parses Prometheus text format into {`name{labels}`: value}. */
function parse(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][\w:]*(?:\{[^}]*\})?) (\S+)$/.exec(line);
    assert.ok(m, `a valid sample line: ${line}`);
    out.set(m[1]!, Number(m[2]));
  }
  return out;
}

test('/metrics counts known traffic: 3 fits, 1 failure, 4 forecasts, versions per model', async (t) => {
  const d = await startDaemon(t);
  for (const data of [[1, 2, 3], [1, 2, 4], [1, 2, 5]]) assert.equal((await fit(d.url, 'm', { data, kind: 'naive' })).status, 201);
  assert.equal((await fit(d.url, 'g', { data: [1, 2], kind: 'gated', fail: true })).status, 422);
  for (let h = 1; h <= 4; h++) assert.equal((await forecast(d.url, 'm', `h=${h}`)).status, 200);

  const res = await request(`${d.url}/metrics`);
  assert.match(String(res.headers['content-type']), /^text\/plain/);
  const m = parse(await res.body.text());
  assert.equal(m.get('modelapi_fit_duration_seconds_count{kind="naive"}'), 3);
  assert.equal(m.get('modelapi_fit_failures_total{kind="gated",code="MODELAPI_ERR_FIT_FAILED"}'), 1);
  assert.equal(m.get('modelapi_http_requests_total{route="/v1/models/:name/forecast",method="GET",status="200"}'), 4);
  assert.equal(m.get('modelapi_http_requests_total{route="/v1/models/:name/fit",method="POST",status="201"}'), 3);
  assert.equal(m.get('modelapi_forecast_lock_wait_seconds_count'), 4);
  assert.ok(![...m.keys()].some((k) => k.includes('model=')), 'no label set grows with the number of forecasting models');
  // 'g' has no ready version: its only fit failed.
  assert.equal(m.get('modelapi_models{kind="forecast"}'), 1);
  assert.equal(m.get('modelapi_models{kind="onnx"}'), 0);
  assert.equal(m.get('modelapi_pool_threads{pool="fit"}')! >= 1, true);
  assert.equal(m.get('modelapi_pool_queue_depth{pool="forecast"}'), 0);
  assert.ok(m.has('process_cpu_seconds_total'), 'process metrics are exported');
  // Each of the four sequential fits was answered only after an fsync of the WAL made it durable.
  assert.ok(m.get('modelapi_store_fsyncs_total')! >= 4, `fsyncs: ${m.get('modelapi_store_fsyncs_total')}`);
});
