import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { workerBundleUrl } from '../../src/pool/index.ts';
import { startDaemon } from '../support/daemon.ts';
import { call, fit, waitFor } from '../support/http.ts';

test('the worker bundle is plain JavaScript named by the state of its sources, and a daemon without --kinds-module serves from it (logging each request with its id at debug level)', async (t) => {
  const url = await workerBundleUrl();
  assert.ok(url, 'esbuild bundled src/pool/worker.ts');
  const file = fileURLToPath(url);
  assert.ok(existsSync(file));
  const code = readFileSync(file, 'utf8');
  assert.doesNotMatch(code, /from ["'][^"']*\.ts["']/, 'no TypeScript import is left for tsx to resolve');
  // Same sources, same bundle: the name is the content's hash.
  assert.equal(await workerBundleUrl(), url);

  // The daemon builds the same bundle and its workers fit and forecast from it.
  const d = await startDaemon(t, { testKinds: false, args: ['--log-level', 'debug'] });
  await waitFor('the daemon to say which worker code it runs', async () => d.stderr().includes('"msg":"worker code"'));
  assert.ok(d.stderr().includes(url), `the workers load ${url}`);
  assert.equal((await fit(d.url, 'm', { data: [3, 4, 5, 4, 6, 5, 7, 6, 8, 7], kind: 'naive' })).status, 201);
  const f = await call(`${d.url}/v1/models/m/forecast?h=2`, 'GET', undefined, { 'x-request-id': 'bundle-probe-1' });
  assert.equal(f.status, 200);
  assert.deepEqual(f.body.data.forecast, [7, 7]);
  // At debug level every request is logged by its own request logger, which carries the client's id.
  await waitFor('the request line of the forecast', async () => d.stderr().includes('"reqId":"bundle-probe-1"'));
  const line = JSON.parse(d.stderr().split('\n').find((l) => l.includes('"reqId":"bundle-probe-1"'))!);
  assert.deepEqual([line.msg, line.status, line.url], ['request', 200, '/v1/models/m/forecast?h=2']);
});
