import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli, startDaemon } from '../support/daemon.ts';
import { call, fit, forecast } from '../support/http.ts';

test('GET /v1/status and `modelapi status` describe the daemon, pools, models and requests', async (t) => {
  const d = await startDaemon(t);
  await fit(d.url, 'sales', { data: [3, 4, 5, 6], kind: 'drift' });
  await forecast(d.url, 'sales', 'h=2');
  const s = (await call(`${d.url}/v1/status`)).body.data;
  assert.equal(s.daemon.url, d.url);
  assert.equal(s.daemon.db.file, 'models.db', 'the file name, not its absolute path');
  assert.ok(s.daemon.db.bytes > 0);
  assert.deepEqual(Object.keys(s.pools).sort(), ['bulk', 'fit', 'forecast']);
  assert.equal(s.pools.bulk.threads, 0, 'the bulk pool holds no threads until bulk work comes');
  assert.equal(s.pools.fit.completed, 1);
  assert.deepEqual(
    { name: s.models[0].name, currentVersion: s.models[0].currentVersion, kind: s.models[0].kind, state: s.models[0].state, versions: s.models[0].versions },
    { name: 'sales', currentVersion: 1, kind: 'drift', state: 'ready', versions: 1 },
  );
  const route = s.requests.find((r: { route: string }) => r.route === 'GET /v1/models/:name/forecast');
  assert.ok(route.rate > 0 && route.p50Ms > 0 && route.perSecond.length === 60);

  const json = await runCli(['status', '--json', '--url', d.url]);
  assert.equal(json.code, 0, json.stderr);
  assert.equal(JSON.parse(json.stdout).models[0].name, 'sales');
  const plain = await runCli(['status', '--url', d.url]);
  assert.equal(plain.code, 0, plain.stderr);
  assert.match(plain.stdout, /^modelapi \S+ at http:\/\/127\.0\.0\.1:\d+/);
  assert.match(plain.stdout, /sales\s+1\s+drift\s+ready/);
  assert.match(plain.stdout, /GET \/v1\/models\/:name\/forecast/);
});

test('refit makes a new version from the stored series and spec', async (t) => {
  const d = await startDaemon(t);
  await fit(d.url, 'm', { data: [1, 2, 3, 4, 5, 6], kind: 'snaive', period: 2 });
  const r = await call(`${d.url}/v1/models/m/refit`, 'POST');
  assert.equal(r.status, 201);
  assert.equal(r.body.data.version, 2);
  assert.deepEqual(r.body.data.spec, { period: 2 });
  assert.equal(r.body.data.nObs, 6);
  assert.equal((await call(`${d.url}/v1/models/nope/refit`, 'POST')).status, 404);
});
