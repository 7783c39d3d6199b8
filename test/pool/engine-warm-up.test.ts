import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { WorkerPools } from '../../src/pool/index.ts';
import { tempDir } from '../support/daemon.ts';

test('after start-up every fit thread runs the engine warm-up, and a fit sent meanwhile waits for it and succeeds', async (t) => {
  const pools = new WorkerPools({
    dbPath: join(tempDir(t), 'm.db'), cacheSize: 4, cacheBytes: 1e6, sessions: 4,
    fitWorkers: 2, forecastWorkers: 1, bulkWorkers: 1, maxQueue: 10, maxQueuedFits: 10, maxQueuedFitBytes: 1e6,
  });
  t.after(() => pools.close());
  await pools.warmUp();
  let warmed = false;
  const warm = pools.engineWarm.then((each) => {
    warmed = true;
    return each;
  });
  let startedWarm: boolean | undefined;
  const fit = pools.fit(
    { op: 'fit', kind: 'naive', spec: {}, series: Float64Array.from([1, 2, 3, 4]) },
    new AbortController().signal,
    'fit',
    () => (startedWarm = warmed),
  );
  const each = await warm;
  assert.equal(each.length, 2, 'one warm-up per fit thread');
  for (const fitted of each) assert.ok(fitted.some((m) => m.startsWith('mstl: ')), fitted.join('; '));
  assert.equal((await fit).ok, true);
  assert.equal(startedWarm, true, "the fit's time limit started after the warm-up");
});
