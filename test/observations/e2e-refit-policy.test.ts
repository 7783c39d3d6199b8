import { test } from 'node:test';
import assert from 'node:assert/strict';
import { unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startDaemon, tempDir } from '../support/daemon.ts';
import { call, fit, forecast, waitFor } from '../support/http.ts';

const observe = (url: string, model: string, data: number[]) => call(`${url}/v1/models/${model}/observations`, 'POST', { data });

test('refit {every: 3}: a background refit job; appends racing it land on the new version, none lost, none doubled', async (t) => {
  const gate = join(tempDir(t), 'gate');
  const d = await startDaemon(t);
  writeFileSync(gate, '');
  const first = await fit(d.url, 'm', { data: [1, 2, 3], kind: 'gated_update', gate, refit: { every: 3 } });
  assert.equal(first.status, 201);
  assert.deepEqual((await call(`${d.url}/v1/models/m`)).body.data.refit, { every: 3 });
  unlinkSync(gate); // the refit by policy fits with the same spec, so it now waits for the gate

  for (const v of [4, 5, 6]) assert.equal((await observe(d.url, 'm', [v])).body.data.method, 'update');
  const job = await waitFor('the refit job to run', async () => {
    const jobs = (await call(`${d.url}/v1/jobs?type=refit&model=m`)).body.data;
    return jobs[0]?.state === 'running' && jobs[0];
  });
  // Appends and forecasts go on while the refit runs, on version 1.
  for (const v of [7, 8]) assert.deepEqual((await observe(d.url, 'm', [v])).body.data.version, 1);
  assert.deepEqual([(await forecast(d.url, 'm', 'h=1')).body.data.version, (await forecast(d.url, 'm', 'h=1')).body.data.forecast], [1, [8]]);
  assert.equal((await call(`${d.url}/v1/jobs?type=refit&model=m`)).body.data.length, 1, 'one refit at a time per model');

  writeFileSync(gate, '');
  const done = (await call(`${d.url}/v1/jobs/${job.id}?wait=30s`)).body.data;
  assert.deepEqual([done.state, done.result.version], ['succeeded', 2]);
  const fc = (await forecast(d.url, 'm', 'h=1&history=20')).body.data;
  assert.deepEqual([fc.version, fc.nObs, fc.history, fc.forecast], [2, 8, [1, 2, 3, 4, 5, 6, 7, 8], [8]]);
  const versions = (await call(`${d.url}/v1/models/m/versions`)).body.data;
  assert.deepEqual(versions.map((v: { nFit: number; nObs: number }) => [v.nFit, v.nObs]), [[3, 8], [6, 8]]);
  assert.equal((await observe(d.url, 'm', [9])).body.data.nObs, 9, 'appends go on, now to version 2');
});

test('PATCH /v1/models/:name sets and clears the policy; bad policies are refused by name', async (t) => {
  const d = await startDaemon(t);
  await fit(d.url, 'm', { data: [1, 2, 3], kind: 'naive' });
  const patch = (body: unknown) => call(`${d.url}/v1/models/m`, 'PATCH' as 'POST', body);
  assert.deepEqual((await patch({ refit: { after: '24h' } })).body.data.refit, { after: '24h' });
  assert.deepEqual((await patch({ refit: { every: 0 } })).body.data, { refit: 'must be {"every": N} (observations, N ≥ 1), {"after": "24h"} (a duration) or null' });
  assert.equal((await patch({ refit: null })).body.data.refit, null);
  assert.equal((await call(`${d.url}/v1/models/nobody`, 'PATCH' as 'POST', { refit: null })).status, 404);
  const badFit = await fit(d.url, 'm', { data: [1, 2, 3], kind: 'naive', refit: { every: 'x' } });
  assert.deepEqual([badFit.status, Object.keys(badFit.body.data)], [400, ['refit']]);
});
