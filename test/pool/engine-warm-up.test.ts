import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { WARM_UP_STEPS } from '../../src/forecasting/index.ts';
import { WorkerPools } from '../../src/pool/index.ts';
import { tempDir } from '../support/daemon.ts';

async function startedPools(t: TestContext): Promise<WorkerPools> {
  const pools = new WorkerPools({
    dbPath: join(tempDir(t), 'm.db'), cacheSize: 4, cacheBytes: 1e6, sessions: 4,
    fitWorkers: 2, forecastWorkers: 1, bulkWorkers: 1, maxQueue: 10, maxQueuedFits: 10, maxQueuedFitBytes: 1e6,
  });
  t.after(() => pools.close());
  await pools.warmUp();
  return pools;
}

test('after start-up, with nothing else to do, the fit threads run every step of the engine warm-up', async (t) => {
  const each = await (await startedPools(t)).engineWarm;
  assert.equal(each.length, 2, 'a chain of steps per fit thread');
  for (const fitted of each) {
    assert.equal(fitted.length, WARM_UP_STEPS, fitted.join('; '));
    assert.ok(fitted.some((m) => m.startsWith('mstl: STL + ARIMA')), fitted.join('; '));
  }
});

test('a fit sent during the warm-up stops it after the step in progress, and succeeds', async (t) => {
  const pools = await startedPools(t);
  const fit = pools.fit({ op: 'fit', kind: 'naive', spec: {}, series: Float64Array.from([1, 2, 3, 4]) }, new AbortController().signal);
  const each = await pools.engineWarm;
  // The chain whose step finished first saw the fit still in flight (it needed that thread) and stopped.
  assert.ok(each.some((fitted) => fitted.length < WARM_UP_STEPS), JSON.stringify(each));
  assert.equal((await fit).ok, true);
});
