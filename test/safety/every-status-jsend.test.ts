import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { startDaemon, tempDir } from '../support/daemon.ts';
import { call, fit, waitFor } from '../support/http.ts';
import { rawRequest, type RawAnswer } from '../support/raw-http.ts';

function assertJsend(answer: RawAnswer | { status: number; body: any }, status: number, code: string): void {
  assert.equal(answer.status, status, JSON.stringify(answer.body));
  assert.equal(answer.body.code, code);
  if (status >= 500) {
    assert.equal(answer.body.status, 'error');
    assert.equal(typeof answer.body.message, 'string');
  } else {
    assert.equal(answer.body.status, 'fail');
    assert.equal(typeof answer.body.data, 'object');
  }
}

test('every status the HTTP layer produces is JSend with a stable code', async (t) => {
  const dir = tempDir(t);
  const d = await startDaemon(t, { args: ['--request-timeout', '400ms', '--headers-timeout', '400ms', '--max-body', '2kb', '--lock-timeout', '300ms'] });
  const host = `Host: ${new URL(d.url).host}\r\n`;

  assertJsend(await rawRequest(d.url, ['THIS IS NOT HTTP\r\n\r\n']), 400, 'MODELAPI_ERR_BAD_REQUEST');
  assertJsend(await rawRequest(d.url, [`GET /v1/models/%E0%A4%A/forecast HTTP/1.1\r\n${host}\r\n`]), 400, 'MODELAPI_ERR_BAD_REQUEST');
  assertJsend(await call(`${d.url}/nowhere`), 404, 'MODELAPI_ERR_ROUTE_NOT_FOUND');

  const wrongMethod = await rawRequest(d.url, [`DELETE /healthz HTTP/1.1\r\n${host}Connection: close\r\n\r\n`]);
  assertJsend(wrongMethod, 405, 'MODELAPI_ERR_METHOD_NOT_ALLOWED');
  assert.match(wrongMethod.headers.allow!, /GET/);

  // Headers sent, body promised but never finished: cut at --request-timeout, not held forever.
  const slowBody = await rawRequest(d.url, [
    `POST /v1/models/m/fit HTTP/1.1\r\n${host}Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{"data":[1,`,
  ]);
  assertJsend(slowBody, 408, 'MODELAPI_ERR_REQUEST_TIMEOUT');
  const slowHeaders = await rawRequest(d.url, [`GET /healthz HTTP/1.1\r\n${host}X-Slow: `]);
  assertJsend(slowHeaders, 408, 'MODELAPI_ERR_REQUEST_TIMEOUT');

  assertJsend(await fit(d.url, 'm', { data: Array(1000).fill(1.5) }), 413, 'MODELAPI_ERR_BODY_TOO_LARGE');
  assertJsend(await call(`${d.url}/v1/models/${'x'.repeat(101)}/forecast?h=1`), 414, 'MODELAPI_ERR_URI_TOO_LONG');
  assertJsend(await call(`${d.url}/v1/models/m/fit`, 'POST', 'data=1', { 'content-type': 'text/plain' }), 415, 'MODELAPI_ERR_UNSUPPORTED_MEDIA_TYPE');
  assertJsend(await rawRequest(d.url, [`GET /healthz HTTP/1.1\r\n${host}X-Big: ${'a'.repeat(20_000)}\r\n\r\n`]), 431, 'MODELAPI_ERR_HEADERS_TOO_LARGE');
  assertJsend(await fit(d.url, 'c', { data: [1, 2], kind: 'gated', crash: true }), 500, 'MODELAPI_ERR_WORKER_CRASHED');
  // The crashed thread's replacement loads its code before it takes a fit; the gated fit below must
  // not spend the 300 ms lock timeout waiting for it (it would answer QUEUE_TIMEOUT, not hold the lock).
  await waitFor('the crashed fit thread to be replaced', async () => (await call(`${d.url}/v1/status`)).body.data.pools.fit.busy === 0);

  // 503 from the lock wait, with Retry-After.
  const gate = join(dir, 'gate');
  const held = fit(d.url, 'g', { data: [1, 2], kind: 'gated', gate });
  await waitFor('the gated fit to hold the lock', async () => (await call(`${d.url}/v1/models/g`)).body.data?.state === 'fitting');
  const busy = await fit(d.url, 'g', { data: [3, 4], kind: 'gated' });
  assertJsend(busy, 503, 'MODELAPI_ERR_LOCK_TIMEOUT');
  assert.ok(Number(busy.headers['retry-after']) >= 1);
  writeFileSync(gate, '');
  assert.equal((await held).status, 201);
});

test('a request that meets a closing daemon gets 503 in JSend', async (t) => {
  const gate = join(tempDir(t), 'gate');
  const d = await startDaemon(t, { args: ['--lock-timeout', '60s', '--log-level', 'info'] });
  const host = `Host: ${new URL(d.url).host}\r\n`;
  const held = fit(d.url, 'g', { data: [1, 2], kind: 'gated', gate });
  await waitFor('the gated fit to hold the lock', async () => (await call(`${d.url}/v1/models/g`)).body.data?.state === 'fitting');
  // A forecast waits for the fit, which keeps the daemon from finishing its shutdown.
  const forecast = call(`${d.url}/v1/models/g/forecast?h=1`);
  await waitFor('the forecast to wait for the fit', async () => (await call(`${d.url}/v1/models/g`)).body.data.lock.readersWaiting === 1);
  // A second connection has begun a request (a connection mid-request is not idle, so it stays open);
  // the /healthz round trip after it makes sure the daemon has read those bytes.
  let shutdownBegun!: () => void;
  const begun = new Promise<void>((resolve) => (shutdownBegun = resolve));
  const late = rawRequest(d.url, [`GET /v1/models HTTP/1.1\r\n${host}`, async () => (await begun, 'Connection: close\r\n\r\n')]);
  await call(`${d.url}/healthz`);
  d.proc.kill('SIGTERM');
  await waitFor('shutdown to begin', async () => d.stderr().includes('"msg":"shutting down"'));
  shutdownBegun();
  assertJsend(await late, 503, 'MODELAPI_ERR_SHUTTING_DOWN');
  writeFileSync(gate, '');
  await held;
  assert.equal((await forecast).status, 200, 'work in flight finishes');
  const [code] = d.proc.exitCode === null ? await once(d.proc, 'exit') : [d.proc.exitCode];
  assert.equal(code, 0);
});
