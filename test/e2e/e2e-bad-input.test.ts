import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startDaemon } from '../support/daemon.ts';
import { call } from '../support/http.ts';

/** Each case: what is sent, the status and code expected, and the field the answer must name. */
const fitCases: [string, unknown, number, string, string][] = [
  ['malformed JSON', '{"data": [1, 2,', 400, 'MODELAPI_ERR_INVALID_JSON', 'body'],
  ['empty body', '', 400, 'MODELAPI_ERR_INVALID_JSON', 'body'],
  ['data missing', { kind: 'naive' }, 400, 'MODELAPI_ERR_VALIDATION', 'data'],
  ['data empty', { data: [] }, 400, 'MODELAPI_ERR_VALIDATION', 'data'],
  ['data not an array', { data: 5 }, 400, 'MODELAPI_ERR_VALIDATION', 'data'],
  ['data holds a string', { data: [1, '2', 3] }, 400, 'MODELAPI_ERR_VALIDATION', 'data[1]'],
  ['data holds a boolean', { data: [1, true, 3] }, 400, 'MODELAPI_ERR_VALIDATION', 'data[1]'],
  ['data holds a nested array', { data: [1, [2], 3] }, 400, 'MODELAPI_ERR_VALIDATION', 'data[1]'],
  ['data holds "NaN"', { data: [1, 'NaN', 3] }, 400, 'MODELAPI_ERR_VALIDATION', 'data[1]'],
  ['number beyond float64', '{"data": [1, 2, 1e400]}', 400, 'MODELAPI_ERR_VALIDATION', 'data[2]'],
  ['all values missing', { data: [null, null, null] }, 422, 'MODELAPI_ERR_UNFITTABLE', 'data'],
  ['too few values for the kind', { data: [4] }, 422, 'MODELAPI_ERR_UNFITTABLE', 'data'],
  ['too short for the period', { data: [1, 2, 3, 4], kind: 'snaive', period: 12 }, 422, 'MODELAPI_ERR_UNFITTABLE', 'data'],
  ['snaive without period', { data: [1, 2, 3, 4], kind: 'snaive' }, 400, 'MODELAPI_ERR_INVALID_SPEC', 'period'],
  ['unknown kind', { data: [1, 2, 3], kind: 'prophet' }, 400, 'MODELAPI_ERR_INVALID_SPEC', 'kind'],
  ['typo in a field', { data: [1, 2, 3], perod: 12 }, 400, 'MODELAPI_ERR_INVALID_SPEC', 'perod'],
  ['__proto__ field', '{"data": [1, 2, 3], "__proto__": {"polluted": true}}', 400, 'MODELAPI_ERR_VALIDATION', '__proto__'],
  ['constructor field', '{"data": [1, 2, 3], "constructor": {"prototype": {}}}', 400, 'MODELAPI_ERR_VALIDATION', 'constructor'],
  ['period below 1', { data: [1, 2, 3], period: 0.5 }, 400, 'MODELAPI_ERR_VALIDATION', 'period'],
  // auto, mstl and harmonic take non-integer periods; a one-season kind names the kinds that do.
  ['non-integer period for a one-season kind', { data: [1, 2, 3], kind: 'ets', period: 1.5 }, 400, 'MODELAPI_ERR_INVALID_SPEC', 'period'],
];

test('bad fit bodies get 4xx naming the field and store nothing', async (t) => {
  const d = await startDaemon(t);
  const good = await call(`${d.url}/v1/models/m/fit`, 'POST', { data: [1, 2, 3, 4] });
  assert.equal(good.status, 201);
  for (const [what, body, status, code, field] of fitCases) {
    const r = await call(`${d.url}/v1/models/m/fit`, 'POST', body);
    assert.equal(r.status, status, `${what}: status (${JSON.stringify(r.body)})`);
    assert.equal(r.body.status, 'fail', what);
    assert.equal(r.body.code, code, what);
    assert.ok(field in r.body.data, `${what}: names '${field}' in ${JSON.stringify(r.body.data)}`);
  }
  const versions = (await call(`${d.url}/v1/models/m/versions`)).body.data;
  assert.equal(versions.length, 1, 'no version was created or altered');
  assert.equal(versions[0].state, 'ready');
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});

test('bad forecast requests and names get 4xx naming the problem', async (t) => {
  const d = await startDaemon(t);
  await call(`${d.url}/v1/models/m/fit`, 'POST', { data: [1, 2, 3, 4] });
  const cases: [string, number, string, string][] = [
    ['/v1/models/m/forecast?h=0', 400, 'MODELAPI_ERR_VALIDATION', 'h'],
    ['/v1/models/m/forecast?h=-3', 400, 'MODELAPI_ERR_VALIDATION', 'h'],
    ['/v1/models/m/forecast?h=2.5', 400, 'MODELAPI_ERR_VALIDATION', 'h'],
    ['/v1/models/m/forecast?h=abc', 400, 'MODELAPI_ERR_VALIDATION', 'h'],
    ['/v1/models/m/forecast?h=100001', 400, 'MODELAPI_ERR_VALIDATION', 'h'],
    ['/v1/models/m/forecast', 400, 'MODELAPI_ERR_VALIDATION', 'h'],
    ['/v1/models/m/forecast?h=3&level=0', 400, 'MODELAPI_ERR_VALIDATION', 'level'],
    ['/v1/models/m/forecast?h=3&level=100', 400, 'MODELAPI_ERR_VALIDATION', 'level'],
    ['/v1/models/m/forecast?h=3&level=abc', 400, 'MODELAPI_ERR_VALIDATION', 'level'],
    ['/v1/models/m/forecast?h=3&colour=red', 400, 'MODELAPI_ERR_VALIDATION', 'colour'],
    ['/v1/models/unknown/forecast?h=3', 404, 'MODELAPI_ERR_MODEL_NOT_FOUND', 'model'],
    ['/v1/models/unknown', 404, 'MODELAPI_ERR_MODEL_NOT_FOUND', 'model'],
    ['/v1/models/a%2Fb/forecast?h=3', 400, 'MODELAPI_ERR_VALIDATION', 'model'],
    ['/v1/models/..%2F..%2Fetc/forecast?h=3', 400, 'MODELAPI_ERR_VALIDATION', 'model'],
    ['/v1/models/caf%C3%A9/forecast?h=3', 400, 'MODELAPI_ERR_VALIDATION', 'model'],
    ['/v1/models/%E2%80%AEm/forecast?h=3', 400, 'MODELAPI_ERR_VALIDATION', 'model'],
    [`/v1/models/${'x'.repeat(65)}/forecast?h=3`, 400, 'MODELAPI_ERR_VALIDATION', 'model'],
    ['/v1/models/../forecast?h=3', 404, 'MODELAPI_ERR_ROUTE_NOT_FOUND', 'route'],
    ['/api/forecast/0', 400, 'MODELAPI_ERR_VALIDATION', 'steps'],
    ['/no/such/route', 404, 'MODELAPI_ERR_ROUTE_NOT_FOUND', 'route'],
  ];
  for (const [path, status, code, field] of cases) {
    const r = await call(`${d.url}${path}`);
    assert.equal(r.status, status, `${path}: ${JSON.stringify(r.body)}`);
    assert.equal(r.body.code, code, path);
    assert.ok(field in r.body.data, `${path}: names '${field}' in ${JSON.stringify(r.body.data)}`);
  }
  const bad = await call(`${d.url}/v1/models/bad%20name/fit`, 'POST', { data: [1, 2, 3] });
  assert.equal(bad.status, 400);
  assert.equal((await call(`${d.url}/v1/models`)).body.data.length, 1, 'no model was created');
});

test('wrong content type and oversized bodies are refused', async (t) => {
  const d = await startDaemon(t, { args: ['--max-body', '2kb'] });
  const text = await call(`${d.url}/v1/models/m/fit`, 'POST', '{"data":[1,2,3]}', { 'content-type': 'text/plain' });
  assert.equal(text.status, 415);
  assert.equal(text.body.code, 'MODELAPI_ERR_UNSUPPORTED_MEDIA_TYPE');
  const big = await call(`${d.url}/v1/models/m/fit`, 'POST', { data: Array.from({ length: 2000 }, (_, i) => i) });
  assert.equal(big.status, 413);
  assert.equal(big.body.code, 'MODELAPI_ERR_BODY_TOO_LARGE');
  assert.equal((await call(`${d.url}/v1/models`)).body.data.length, 0);
  assert.equal((await call(`${d.url}/healthz`)).status, 200, 'the daemon is still up');
});
