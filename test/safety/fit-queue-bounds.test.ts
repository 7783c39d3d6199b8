import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startDaemon, tempDir } from '../support/daemon.ts';
import { call, fit, waitFor } from '../support/http.ts';

const state = async (url: string, model: string) => (await call(`${url}/v1/models/${model}`)).body.data?.state;
const fitQueued = async (url: string) => (await call(`${url}/v1/status`)).body.data.pools.fit.queued;

test('--fit-timeout counts running time only: a fit that waited longer than it for a worker still succeeds', async (t) => {
  const dir = tempDir(t);
  const d = await startDaemon(t, { args: ['--fit-workers', '1', '--fit-timeout', '3s', '--lock-timeout', '60s'] });
  const gates = ['a1', 'a2', 'b'].map((g) => join(dir, g));
  const a1 = fit(d.url, 'a1', { data: [1, 2], kind: 'gated', gate: gates[0] });
  await waitFor('a1 to run', async () => (await state(d.url, 'a1')) === 'fitting');
  const a2 = fit(d.url, 'a2', { data: [1, 2], kind: 'gated', gate: gates[1] });
  const queuedAt = Date.now();
  const b = fit(d.url, 'b', { data: [1, 2], kind: 'gated', gate: gates[2] });
  await waitFor('a2 and b to queue', async () => (await fitQueued(d.url)) === 2);

  // Each fit ahead runs 1.6 s, well inside the 3 s limit; together they keep b waiting longer than it.
  for (const [i, ahead] of [a1, a2].entries()) {
    const name = i === 0 ? 'a1' : 'a2';
    await waitFor(`${name} to run`, async () => (await state(d.url, name)) === 'fitting');
    const runningSince = Date.now();
    await waitFor('1.6 s of running time', async () => Date.now() - runningSince > 1600, 5000, 50);
    writeFileSync(gates[i]!, '');
    assert.equal((await ahead).status, 201);
  }
  assert.ok(Date.now() - queuedAt > 3000, 'b has waited longer than --fit-timeout');
  writeFileSync(gates[2]!, '');
  const answer = await b;
  assert.equal(answer.status, 201, JSON.stringify(answer.body));
});

test('the wait for a fit worker is bounded by --lock-timeout (503 QUEUE_TIMEOUT, nothing ran)', async (t) => {
  const gate = join(tempDir(t), 'gate');
  const d = await startDaemon(t, { args: ['--fit-workers', '1', '--lock-timeout', '400ms'] });
  const running = fit(d.url, 'a', { data: [1, 2], kind: 'gated', gate });
  await waitFor('a to run', async () => (await state(d.url, 'a')) === 'fitting');
  const waited = await fit(d.url, 'b', { data: [1, 2], kind: 'gated' });
  assert.equal(waited.status, 503, JSON.stringify(waited.body));
  assert.equal(waited.body.code, 'MODELAPI_ERR_QUEUE_TIMEOUT');
  assert.ok(Number(waited.headers['retry-after']) >= 1);
  assert.equal((await call(`${d.url}/v1/models/b/versions`)).body.data[0].state, 'failed', 'recorded, with why');
  writeFileSync(gate, '');
  assert.equal((await running).status, 201);
});

test('queued fit work is bounded by count and by bytes; backtests name at most 10 kinds', async (t) => {
  const gate = join(tempDir(t), 'gate');
  const d = await startDaemon(t, { args: ['--fit-workers', '1', '--max-queued-fits', '2', '--max-queued-fit-bytes', '2kb'] });
  const running = fit(d.url, 'a', { data: [1, 2], kind: 'gated', gate });
  await waitFor('a to run', async () => (await state(d.url, 'a')) === 'fitting');
  const small = fit(d.url, 'b', { data: [1, 2], kind: 'gated' });
  await waitFor('b to queue', async () => (await fitQueued(d.url)) === 1);

  const big = await fit(d.url, 'c', { data: Array.from({ length: 300 }, (_, i) => i), kind: 'gated' });
  assert.equal(big.status, 503, 'its 2,400 bytes would pass the 2 KiB bound');
  assert.equal(big.body.code, 'MODELAPI_ERR_QUEUE_FULL');
  assert.match(big.body.message, /bytes/);
  const third = fit(d.url, 'd', { data: [1, 2], kind: 'gated' });
  await waitFor('d to queue', async () => (await fitQueued(d.url)) === 2);
  const over = await fit(d.url, 'e', { data: [1, 2], kind: 'gated' });
  assert.equal(over.status, 503);
  assert.equal(over.body.code, 'MODELAPI_ERR_QUEUE_FULL');

  const kinds = Array(11).fill('naive');
  const backtest = await call(`${d.url}/v1/models/x/backtest`, 'POST', { data: [1, 2, 3, 4, 5, 6], h: 1, kinds });
  assert.equal(backtest.status, 400);
  assert.ok(backtest.body.data.kinds);

  writeFileSync(gate, '');
  assert.deepEqual((await Promise.all([running, small, third])).map((r) => r.status), [201, 201, 201]);
});
