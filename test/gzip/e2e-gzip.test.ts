import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { Readable } from 'node:stream';
import { createGzip, deflateSync, gunzipSync, gzipSync } from 'node:zlib';
import { request } from 'undici';
import { startDaemon } from '../support/daemon.ts';
import { call } from '../support/http.ts';

async function send(url: string, body: Buffer | Readable, encoding: string, length?: number) {
  const headers: Record<string, string> = { 'content-type': 'application/json', 'content-encoding': encoding };
  if (length !== undefined) headers['content-length'] = String(length);
  const res = await request(url, { method: 'POST', headers, body });
  return { status: res.statusCode, body: (await res.body.json()) as any };
}

test('gzip and deflate request bodies are accepted on fit and observations', async (t) => {
  const d = await startDaemon(t);
  const fitted = await send(`${d.url}/v1/models/m/fit`, gzipSync(JSON.stringify({ data: [1, 2, 3], kind: 'naive' })), 'gzip');
  assert.deepEqual([fitted.status, fitted.body.data.nObs], [201, 3]);
  const appended = await send(`${d.url}/v1/models/m/observations`, deflateSync(JSON.stringify({ data: [4, 5] })), 'deflate');
  assert.deepEqual([appended.status, appended.body.data.nObs], [200, 5]);
});

test('corrupt gzip is a 400, an unknown encoding a 415, and neither stores anything', async (t) => {
  const d = await startDaemon(t);
  const good = gzipSync(JSON.stringify({ data: [1, 2, 3], kind: 'naive' }));
  const corrupt = Buffer.concat([good.subarray(0, 12), Buffer.alloc(20, 0xff), good.subarray(32)]);
  const bad = await send(`${d.url}/v1/models/m/fit`, corrupt, 'gzip');
  assert.deepEqual([bad.status, bad.body.code], [400, 'MODELAPI_ERR_INVALID_ENCODING']);
  const notGzip = await send(`${d.url}/v1/models/m/fit`, Buffer.from('{"data":[1]}'), 'gzip');
  assert.equal(notGzip.body.code, 'MODELAPI_ERR_INVALID_ENCODING');
  const br = await send(`${d.url}/v1/models/m/fit`, Buffer.from('{"data":[1]}'), 'br');
  assert.deepEqual([br.status, br.body.code, Object.keys(br.body.data)], [415, 'MODELAPI_ERR_UNSUPPORTED_MEDIA_TYPE', ['content-encoding']]);
  assert.equal((await call(`${d.url}/v1/models/m`)).status, 404);
});

test('a gzip bomb gets 413 without being inflated into memory, and the daemon goes on serving', async (t) => {
  const d = await startDaemon(t, { args: ['--max-body', '1mb'] });
  const rss = () => Number(execFileSync('ps', ['-o', 'rss=', '-p', String(d.proc.pid)]).toString().trim()) * 1024;
  const before = rss();
  // 256 MB of zeros is ~250 KB of gzip: under the limit as sent, 256 times over it inflated.
  const bombSize = 256 * 1024 * 1024;
  const zeros = Buffer.alloc(1024 * 1024);
  const chunks: Buffer[] = [];
  const gz = createGzip();
  gz.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise((r) => gz.on('end', r));
  for (let i = 0; i < bombSize / zeros.length; i++) gz.write(zeros);
  gz.end();
  await ended;
  const compressed = Buffer.concat(chunks);
  assert.ok(compressed.length < 1024 * 1024, `the bomb is ${compressed.length} bytes compressed`);
  const r = await send(`${d.url}/v1/models/m/fit`, compressed, 'gzip');
  assert.deepEqual([r.status, r.body.code], [413, 'MODELAPI_ERR_BODY_TOO_LARGE']);
  const grew = rss() - before;
  assert.ok(grew < 64 * 1024 * 1024, `the daemon grew by ${grew} bytes`);
  assert.equal((await call(`${d.url}/healthz`)).status, 200);
});

test('large answers are gzipped for clients that accept it; cached forecasts too, with identical content', async (t) => {
  const d = await startDaemon(t);
  await call(`${d.url}/v1/models/m/fit`, 'POST', { data: Array.from({ length: 50 }, (_, i) => i % 7), kind: 'naive' });
  const plain = await request(`${d.url}/v1/models/m/forecast?h=500`);
  const plainText = await plain.body.text();
  assert.equal(plain.headers['content-encoding'], undefined);
  for (let i = 0; i < 2; i++) {
    const zipped = await request(`${d.url}/v1/models/m/forecast?h=500`, { headers: { 'accept-encoding': 'gzip' } });
    assert.equal(zipped.headers['content-encoding'], 'gzip');
    const bytes = Buffer.from(await zipped.body.arrayBuffer());
    assert.ok(bytes.length < plainText.length / 2);
    assert.equal(gunzipSync(bytes).toString(), plainText);
  }
  const versions = await request(`${d.url}/v1/kinds`, { headers: { 'accept-encoding': 'gzip' } });
  assert.equal(versions.headers['content-encoding'], undefined, 'small answers are sent as they are');
  await versions.body.text();
});
