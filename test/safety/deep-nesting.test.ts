import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startDaemon } from '../support/daemon.ts';
import { call } from '../support/http.ts';

test('deep nesting around a forbidden key is a 400 naming the key, escaped or not; the daemon stays up', async (t) => {
  const d = await startDaemon(t);
  const depth = 200_000;
  const nested = (inner: string) => `{"data":[1,2,3],"kind":"naive","x":${'['.repeat(depth)}${inner}${']'.repeat(depth)}}`;
  for (const key of ['"__proto__"', '"\\u005f_proto__"', '"construc\\u0074or"']) {
    const answer = await call(`${d.url}/v1/models/m/fit`, 'POST', nested(`{${key}:{"polluted":true}}`));
    assert.equal(answer.status, 400, `${key}: ${JSON.stringify(answer.body).slice(0, 200)}`);
    assert.equal(answer.body.code, 'MODELAPI_ERR_VALIDATION');
    assert.equal(Object.keys(answer.body.data)[0], JSON.parse(key));
  }
  // Deep nesting without a forbidden key is refused by the schema (an unknown field), not by a crash.
  const plain = await call(`${d.url}/v1/models/m/fit`, 'POST', nested('1'));
  assert.equal(plain.status, 400);
  assert.equal((await call(`${d.url}/healthz`)).status, 200);
  assert.equal((await call(`${d.url}/v1/models/m`)).status, 404, 'nothing was stored');
});
