import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ModelStore } from '../../src/store/index.ts';
import { ServiceEventBus } from '../../src/daemon/events.ts';
import { ApiError } from '../../src/daemon/errors.ts';
import { JobService, type JobContext } from '../../src/daemon/jobs/index.ts';
import { tempDir } from '../support/daemon.ts';
import { waitFor } from '../support/http.ts';

/** A real store on a temporary file and a job service over it, both closed when the test ends. */
function setUp(t: TestContext, ttlMs = 60_000, path = join(tempDir(t), 'jobs.db')) {
  const store = ModelStore.open(path);
  const events = new ServiceEventBus();
  const jobs = new JobService(store.jobs, events, { ttlMs });
  t.after(async () => {
    await jobs.close(0);
    store.close();
  });
  return { store, events, jobs, path };
}

/** A promise with its resolve exposed: the test decides when a job's work ends. */
function gate<T = void>() {
  let open!: (v: T) => void;
  const opened = new Promise<T>((r) => (open = r));
  return { open, opened };
}

test('a job is stored as queued before its work starts, then runs, and its result is kept', async (t) => {
  const { jobs, store } = setUp(t);
  const release = gate();
  let started = false;
  const view = jobs.submit({
    type: 'fit',
    model: 'm',
    run: async (ctx) => {
      started = true;
      ctx.running();
      await release.opened;
      return { version: 3 };
    },
  });
  assert.equal(view.state, 'queued');
  assert.equal(started, false, 'submit() returns before the work starts');
  assert.equal(store.jobs.get(view.id)?.state, 'queued', 'the row is durable before the caller answers');
  await waitFor('running', async () => jobs.get(view.id)?.state === 'running');
  release.open();
  const done = await jobs.waitFor(view.id, 5000);
  assert.equal(done?.state, 'succeeded');
  assert.deepEqual(done?.result, { version: 3 });
  assert.ok(done?.finishedAt && done.startedAt && done.expiresAt);
  assert.ok(Date.parse(done.expiresAt) - Date.parse(done.finishedAt) === 60_000);
});

test('a failing job records the code and field the synchronous request would have answered', async (t) => {
  const { jobs } = setUp(t);
  const a = jobs.submit({ type: 'fit', model: 'm', run: async () => { throw ApiError.field('MODELAPI_ERR_UNFITTABLE', 'data', 'too short'); } });
  const b = jobs.submit({ type: 'fit', run: async () => { throw new TypeError('boom'); } });
  const fa = await jobs.waitFor(a.id, 5000);
  const fb = await jobs.waitFor(b.id, 5000);
  assert.equal(fa?.state, 'failed');
  assert.deepEqual({ code: fa?.error?.code, field: fa?.error?.field }, { code: 'MODELAPI_ERR_UNFITTABLE', field: 'data' });
  assert.equal(fb?.error?.code, 'MODELAPI_ERR_INTERNAL');
  assert.match(fb?.error?.message ?? '', /boom/);
  assert.equal(fb?.result, undefined);
});

test('cancel aborts the work through its signal; finished and unknown jobs are refused', async (t) => {
  const { jobs } = setUp(t);
  const job = jobs.submit({
    type: 'fit',
    run: (ctx: JobContext) =>
      new Promise((_resolve, reject) => {
        ctx.running();
        ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason));
      }),
  });
  await waitFor('running', async () => jobs.get(job.id)?.state === 'running');
  jobs.cancel(job.id);
  const done = await jobs.waitFor(job.id, 5000);
  assert.equal(done?.state, 'failed');
  assert.equal(done?.error?.code, 'MODELAPI_ERR_JOB_CANCELLED');
  assert.throws(() => jobs.cancel(job.id), (e: ApiError) => e.code === 'MODELAPI_ERR_JOB_FINISHED');
  assert.throws(() => jobs.cancel('nope'), (e: ApiError) => e.code === 'MODELAPI_ERR_JOB_NOT_FOUND');
});

test('a job cancelled while still queued never starts its work', async (t) => {
  const { jobs } = setUp(t);
  let ran = false;
  const job = jobs.submit({ type: 'fit', run: async () => { ran = true; } });
  jobs.cancel(job.id);
  const done = await jobs.waitFor(job.id, 5000);
  assert.equal(done?.error?.code, 'MODELAPI_ERR_JOB_CANCELLED');
  assert.equal(ran, false);
});

test('progress is visible at once and survives in the store once written', async (t) => {
  const { jobs, store } = setUp(t);
  const release = gate();
  const job = jobs.submit({
    type: 'bulk',
    run: async (ctx) => {
      ctx.running();
      ctx.progress({ done: 1, total: 3 });
      ctx.progress({ done: 2, total: 3 });
      await release.opened;
      return null;
    },
  });
  await waitFor('progress', async () => (jobs.get(job.id)?.progress as { done?: number } | null)?.done === 2);
  // The first write goes to the store; the next within a second stay in memory until the end.
  assert.deepEqual(store.jobs.get(job.id)?.progress, { done: 1, total: 3 });
  release.open();
  await jobs.waitFor(job.id, 5000);
  assert.deepEqual(store.jobs.get(job.id)?.progress, { done: 2, total: 3 });
});

test('jobs cut off by a crash fail at the next start, with that reason', async (t) => {
  const path = join(tempDir(t), 'crash.db');
  // The first "daemon" stores a queued and a running job and dies without finishing them.
  const before = ModelStore.open(path);
  before.jobs.insert({ id: 'q1', type: 'fit', model: 'm', createdAt: new Date().toISOString() });
  before.jobs.insert({ id: 'r1', type: 'infer', model: 'n', createdAt: new Date().toISOString() });
  before.jobs.markRunning('r1', new Date().toISOString());
  before.close();
  const { jobs } = setUp(t, 60_000, path);
  for (const id of ['q1', 'r1']) {
    const job = jobs.get(id);
    assert.equal(job?.state, 'failed');
    assert.equal(job?.error?.code, 'MODELAPI_ERR_INTERRUPTED');
    assert.ok(job?.expiresAt);
  }
});

test('finished jobs are deleted once their time to live has passed', async (t) => {
  const dir = tempDir(t);
  const path = join(dir, 'ttl.db');
  const first = ModelStore.open(path);
  const service = new JobService(first.jobs, new ServiceEventBus(), { ttlMs: 1 });
  const job = service.submit({ type: 'fit', run: async () => 1 });
  const done = await service.waitFor(job.id, 5000);
  await service.close(0);
  first.close();
  await waitFor('expiry to pass', async () => Date.now() > Date.parse(done!.expiresAt!));
  const { jobs } = setUp(t, 1, path);
  assert.equal(jobs.get(job.id), undefined);
});

test('list filters by state, model and type, newest first, without results', async (t) => {
  const { jobs } = setUp(t);
  const a = await jobs.waitFor(jobs.submit({ type: 'fit', model: 'a', run: async () => ({ big: 1 }) }).id, 5000);
  const b = await jobs.waitFor(jobs.submit({ type: 'infer', model: 'b', run: async () => 2 }).id, 5000);
  const release = gate();
  const c = jobs.submit({ type: 'fit', model: 'a', run: async () => release.opened });
  assert.deepEqual(jobs.list({}).map((j) => j.id), [c.id, b!.id, a!.id]);
  assert.deepEqual(jobs.list({ model: 'a' }).map((j) => j.id), [c.id, a!.id]);
  assert.deepEqual(jobs.list({ type: 'infer' }).map((j) => j.id), [b!.id]);
  assert.deepEqual(jobs.list({ state: 'succeeded', model: 'a' }).map((j) => j.id), [a!.id]);
  assert.deepEqual(jobs.list({ limit: 1 }).map((j) => j.id), [c.id]);
  assert.ok(jobs.list({}).every((j) => !('result' in j)));
  release.open();
  assert.equal((await jobs.waitFor(c.id, 5000))?.state, 'succeeded');
});

test('waitFor returns the job as it is when the wait runs out', async (t) => {
  const { jobs } = setUp(t);
  const release = gate();
  const job = jobs.submit({ type: 'fit', run: async () => release.opened });
  const view = await jobs.waitFor(job.id, 20);
  assert.ok(view && (view.state === 'queued' || view.state === 'running'));
  release.open();
  assert.equal((await jobs.waitFor(job.id, 5000))?.state, 'succeeded');
  assert.equal(await jobs.waitFor('unknown', 10), undefined);
});
