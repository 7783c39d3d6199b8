import { test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'undici';
import { debugAndDefaultDaemons } from '../support/early-path.ts';
import { fit } from '../support/http.ts';
import { deploy, fp32Input } from '../support/onnx.ts';

/**
 * Plain JSON infers are answered before Fastify's routing (src/daemon/onnx/oip/early-infer.ts), except at
 * debug level, where every request goes through Fastify to be logged. So two daemons that differ only in
 * their log level must answer every infer the same, byte for byte: status, headers and body.
 */
interface Exchange {
  path: string;
  body: string;
  headers?: Record<string, string>;
}

/** The answer as sent, its Date left out (the only header that may differ between two answers). */
async function answer(base: string, ex: Exchange) {
  const res = await request(base + ex.path, { method: 'POST', headers: { 'content-type': 'application/json', ...ex.headers }, body: ex.body });
  const { date: _date, ...headers } = res.headers;
  return { status: res.statusCode, headers, body: Buffer.from(await res.body.arrayBuffer()).toString('base64') };
}

async function assertSameAnswers(bases: readonly [string, string], exchanges: Exchange[]) {
  for (const ex of exchanges) {
    const [reference, early] = await Promise.all(bases.map((b) => answer(b, ex)));
    assert.deepEqual(early, reference, `${ex.path} ${ex.body.slice(0, 80)} ${JSON.stringify(ex.headers ?? {})}`);
  }
}

const rows = [[1, 2, 3], [-0.5, 4, 0.25]];
const good = JSON.stringify({ id: 'r1', inputs: [fp32Input('x', rows)] });

test('infers answered before routing are the answers Fastify gives: results, binary outputs and every kind of error', async (t) => {
  const bases = await debugAndDefaultDaemons(t);
  for (const base of bases) {
    assert.equal((await deploy(base, 'lin', 'linear.onnx')).status, 201);
    assert.equal((await deploy(base, 'lin', 'linear-v2.onnx')).status, 201);
    assert.equal((await fit(base, 'sales', { data: [1, 2, 3, 4, 5, 6], kind: 'naive' })).status, 201);
  }
  const inf = '/v2/models/lin/infer';
  await assertSameAnswers(bases, [
    { path: inf, body: good },
    { path: '/v2/models/lin/versions/1/infer', body: good },
    { path: inf, body: good, headers: { 'content-type': 'application/json; charset=utf-8' } },
    { path: inf, body: JSON.stringify({ inputs: [fp32Input('x', rows)], parameters: { binary_data_output: true } }) },
    { path: '/v2/models/lin/versions/7/infer', body: good },
    { path: '/v2/models/lin/versions/0/infer', body: good },
    { path: '/v2/models/nobody/infer', body: good },
    { path: '/v2/models/sales/infer', body: good },
    { path: '/v2/models/../infer', body: good },
    { path: inf, body: '{"inputs": [' },
    { path: inf, body: '   ' },
    { path: inf, body: '{"__proto__": {"x": 1}, "inputs": []}' },
    { path: inf, body: '{}' },
    { path: inf, body: '[1, 2]' },
    { path: inf, body: JSON.stringify({ inputs: [fp32Input('x', [[1, 2]])] }) },
    { path: inf, body: JSON.stringify({ inputs: [{ ...fp32Input('x', rows), datatype: 'INT64' }] }) },
    { path: inf, body: JSON.stringify({ inputs: [fp32Input('x', rows)], outputs: [{ name: 'nope' }] }) },
    // The ones left to Fastify: a query, a client that accepts gzip, a refused Host, another content type.
    { path: `${inf}?async=false`, body: good },
    { path: inf, body: good, headers: { 'accept-encoding': 'gzip' } },
    { path: inf, body: good, headers: { host: 'evil.example' } },
    { path: inf, body: good, headers: { 'content-type': 'text/plain' } },
  ]);
});

test('an infer over --max-sync-rows becomes the same 202 and job on both paths', async (t) => {
  const bases = await debugAndDefaultDaemons(t, ['--max-sync-rows', '1']);
  for (const base of bases) assert.equal((await deploy(base, 'lin', 'linear.onnx')).status, 201);
  const [reference, early] = await Promise.all(bases.map((b) => answer(b, { path: '/v2/models/lin/infer', body: good })));
  assert.equal(early.status, 202);
  // The job's id and times are its own; everything else is the same.
  const job = (a: typeof early) => {
    const body = JSON.parse(Buffer.from(a.body, 'base64').toString());
    assert.equal(a.headers.location, `/v1/jobs/${body.data.id}`);
    const { id: _id, createdAt: _c, updatedAt: _u, startedAt: _s, finishedAt: _f, ...rest } = body.data;
    const { location: _l, 'content-length': _n, ...headers } = a.headers;
    return { status: a.status, headers, body: { ...body, data: rest } };
  };
  assert.deepEqual(job(early), job(reference));
});

test('with a token, an early infer needs it like every other answer', async (t) => {
  const token = 'early-infer-secret-1234';
  const bases = await debugAndDefaultDaemons(t, ['--token', token]);
  const auth = { authorization: `Bearer ${token}` };
  for (const base of bases) {
    const res = await request(`${base}/v1/models/lin/onnx`, { method: 'PUT', headers: { ...auth, 'content-type': 'application/octet-stream' }, body: (await import('../support/onnx.ts')).onnxFixture('linear.onnx') });
    assert.equal(res.statusCode, 201, await res.body.text());
  }
  await assertSameAnswers(bases, [
    { path: '/v2/models/lin/infer', body: good, headers: auth },
    { path: '/v2/models/lin/infer', body: good },
    { path: '/v2/models/lin/infer', body: good, headers: { authorization: 'Bearer wrong' } },
  ]);
  assert.equal((await answer(bases[1], { path: '/v2/models/lin/infer', body: good })).status, 401);
});
