import { test } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import { getPriority } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { WorkerPools } from '../../src/pool/index.ts';
import { tempDir } from '../support/daemon.ts';

const linux = process.platform === 'linux';

test('a worker lowers its own priority on Linux, and leaves the process alone everywhere', async () => {
  const main = getPriority(0);
  const worker = new Worker(new URL('../support/priority-worker.mjs', import.meta.url), { workerData: 10 });
  const [report] = (await once(worker, 'message')) as [{ before: number; lowered: boolean; after: number }];
  await worker.terminate();
  assert.equal(report.lowered, linux, 'lowered on Linux only');
  assert.equal(report.after, linux ? Math.max(report.before, 10) : report.before);
  assert.equal(getPriority(0), main, "the main thread's priority is unchanged");
});

/** The nice value of every thread of this process (Linux: field 19 of /proc/self/task/<tid>/stat). */
function threadNices(): number[] {
  return readdirSync('/proc/self/task').map((tid) => {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
  });
}

test('fit threads run below forecast threads and the HTTP thread; off Linux nothing is lowered', async (t) => {
  const main = getPriority(0);
  const base = linux ? Math.max(...threadNices()) : 0;
  const pools = new WorkerPools({
    dbPath: join(tempDir(t), 'm.db'), cacheSize: 4, cacheBytes: 1e6, sessions: 4,
    fitWorkers: 2, forecastWorkers: 1, bulkWorkers: 1, maxQueue: 10, maxQueuedFits: 10, maxQueuedFitBytes: 1e6,
  });
  t.after(() => pools.close());
  await pools.warmUp();
  assert.equal(getPriority(0), main, "the HTTP thread's priority is unchanged");
  // Per-thread nice values can be read only on Linux; elsewhere the first test shows nothing is lowered.
  if (linux) assert.deepEqual(threadNices().filter((n) => n > base), [10, 10], 'the two fit threads, and no other');
});
