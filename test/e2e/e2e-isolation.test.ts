import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startDaemon, tempDir } from '../support/daemon.ts';
import { call, fit, forecast, waitFor } from '../support/http.ts';

test('forecasts of model B are served while model A fits', async (t) => {
  const d = await startDaemon(t, { args: ['--fit-workers', '1', '--forecast-workers', '1'] });
  const gate = join(tempDir(t), 'gate');
  assert.equal((await fit(d.url, 'b', { data: [3, 4, 5], kind: 'naive' })).status, 201);
  const fitA = fit(d.url, 'a', { data: [1, 2, 3], kind: 'gated', gate });
  await waitFor('A to be fitting', async () => (await call(`${d.url}/v1/models/a`)).body?.data?.state === 'fitting');

  for (let i = 0; i < 5; i++) {
    const fc = await forecast(d.url, 'b', `h=${i + 1}`);
    assert.equal(fc.status, 200);
    assert.equal(fc.body.data.forecast.length, i + 1);
  }
  // A is still held: B's answers did not depend on A finishing.
  assert.equal((await call(`${d.url}/v1/models/a`)).body.data.state, 'fitting');
  writeFileSync(gate, '');
  assert.equal((await fitA).status, 201);
});
