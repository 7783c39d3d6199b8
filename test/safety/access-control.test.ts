import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { runCli, startDaemon, tempDir } from '../support/daemon.ts';
import { call } from '../support/http.ts';

const TOKEN = 'test-token-0123456789abcdef';
const bearer = { authorization: `Bearer ${TOKEN}` };

test('with a token, every route but /healthz and /readyz needs it, and the CLI sends it', async (t) => {
  const d = await startDaemon(t, { args: ['--token', TOKEN] });
  for (const path of ['/v1/models', '/v1/status', '/metrics', '/openapi.json', '/v1/kinds', '/v1/models/m/forecast?h=1', '/nowhere']) {
    const without = await call(`${d.url}${path}`);
    assert.equal(without.status, 401, path);
    assert.equal(without.body.code, 'MODELAPI_ERR_UNAUTHORIZED');
    assert.match(String(without.headers['www-authenticate']), /^Bearer/);
    const wrong = await call(`${d.url}${path}`, 'GET', undefined, { authorization: `Bearer ${TOKEN}x` });
    assert.equal(wrong.status, 401, `${path} with a wrong token`);
  }
  const unauthFit = await call(`${d.url}/v1/models/m/fit`, 'POST', { data: [1, 2, 3], kind: 'naive' });
  assert.equal(unauthFit.status, 401);
  // The Open Inference Protocol routes refuse in the protocol's own form, with the same status and header.
  for (const [method, path] of [['GET', '/v2/models/m'], ['POST', '/v2/models/m/infer'], ['GET', '/v2/health/ready']] as const) {
    const refused = await call(`${d.url}${path}`, method, method === 'POST' ? { inputs: [] } : undefined);
    assert.equal(refused.status, 401, path);
    assert.match(String(refused.headers['www-authenticate']), /^Bearer/, path);
    assert.deepEqual(Object.keys(refused.body), ['error'], `${path}: ${JSON.stringify(refused.body)}`);
    assert.match(refused.body.error, /bearer token/);
  }
  assert.equal((await call(`${d.url}/healthz`)).status, 200);
  assert.equal((await call(`${d.url}/readyz`)).status, 200);
  assert.equal((await call(`${d.url}/v1/models`, 'GET', undefined, bearer)).status, 200);

  const file = join(tempDir(t), 'data.json');
  writeFileSync(file, JSON.stringify({ data: [1, 2, 3, 4], kind: 'naive' }));
  const refused = await runCli(['fit', file, '--url', d.url], { env: { MODELAPI_TOKEN: '' } });
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /authorization/);
  assert.equal((await runCli(['fit', file, '--url', d.url, '--token', TOKEN])).code, 0);
  const listed = await runCli(['models', '--url', d.url, '--json'], { env: { MODELAPI_TOKEN: TOKEN } });
  assert.equal(listed.code, 0, listed.stderr);
  assert.equal(JSON.parse(listed.stdout)[0].name, 'default');
});

test('on loopback, a foreign Host is refused (DNS rebinding); cross-origin requests only with --cors-origin', async (t) => {
  const d = await startDaemon(t, { args: ['--cors-origin', 'http://app.example:8080'] });
  const port = new URL(d.url).port;
  const rebound = await call(`${d.url}/v1/models/m/fit`, 'POST', { data: [1, 2, 3], kind: 'naive' }, { host: `evil.example:${port}` });
  assert.equal(rebound.status, 403);
  assert.equal(rebound.body.code, 'MODELAPI_ERR_FORBIDDEN');
  assert.ok(rebound.body.data.host);
  assert.equal((await call(`${d.url}/v1/models/m`)).body.code, 'MODELAPI_ERR_MODEL_NOT_FOUND', 'the refused fit created nothing');
  for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`]) {
    assert.equal((await call(`${d.url}/v1/models`, 'GET', undefined, { host })).status, 200, host);
  }

  const foreign = await call(`${d.url}/v1/models`, 'GET', undefined, { origin: 'http://evil.example' });
  assert.equal(foreign.status, 403);
  assert.ok(foreign.body.data.origin);
  const sameOrigin = await call(`${d.url}/v1/models`, 'GET', undefined, { origin: d.url });
  assert.equal(sameOrigin.status, 200, 'the daemon\'s own pages (/docs) may call it');
  const allowed = await call(`${d.url}/v1/models`, 'GET', undefined, { origin: 'http://app.example:8080' });
  assert.equal(allowed.status, 200);
  assert.equal(allowed.headers['access-control-allow-origin'], 'http://app.example:8080');
});

test('a non-loopback --host without a token refuses to start and says why; --insecure or a token allow it', async (t) => {
  const db = join(tempDir(t), 'models.db');
  const out = await runCli(['serve', '--port', '0', '--db', db, '--host', '0.0.0.0'], { env: { MODELAPI_TOKEN: '' } });
  assert.equal(out.code, 2);
  assert.match(out.stderr, /--host: listening on 0\.0\.0\.0 exposes the daemon .* without authentication/);
  const insecure = await startDaemon(t, { args: ['--host', '0.0.0.0', '--insecure'] });
  assert.equal((await call(`${insecure.url.replace('0.0.0.0', '127.0.0.1')}/healthz`)).status, 200);
  await insecure.stop();
  const tokenFile = join(tempDir(t), 'token');
  writeFileSync(tokenFile, `${TOKEN}\n`);
  const withToken = await startDaemon(t, { db, args: ['--host', '0.0.0.0', '--token-file', tokenFile] });
  const base = withToken.url.replace('0.0.0.0', '127.0.0.1');
  assert.equal((await call(`${base}/v1/models`, 'GET', undefined, { host: 'models.internal:5000' })).status, 401, 'off loopback any Host, but the token');
  assert.equal((await call(`${base}/v1/models`, 'GET', undefined, bearer)).status, 200, 'the file token, trimmed');
});
