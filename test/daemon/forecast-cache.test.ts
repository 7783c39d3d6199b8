import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ForecastCache, type ForecastAnswer } from '../../src/daemon/models/forecast-cache.ts';
import type { VersionSummary } from '../../src/store/index.ts';

const summary = (model: string, version: number, nObs: number) => ({ model, version, nObs, kind: 'naive', timeIndex: null }) as unknown as VersionSummary;
const query = { h: 3, levels: [80], history: 0 };

/** Computes answer `n` and counts the computations. */
function counter() {
  let runs = 0;
  return {
    compute: () => Promise.resolve({ version: 0, body: String(++runs) } as ForecastAnswer),
    get runs() {
      return runs;
    },
  };
}

test('an answer is computed once per state; dropping a model forgets its answers only', async () => {
  const cache = new ForecastCache();
  const c = counter();
  for (const name of ['a', 'a@b', 'b']) await cache.getOrCompute(summary(name, 1, 10), query, c.compute);
  assert.equal((await cache.getOrCompute(summary('a', 1, 10), query, c.compute)).body, '1', 'a hit');
  assert.equal(c.runs, 3);
  assert.equal(cache.size, 3);

  cache.dropModel('a');
  assert.equal(cache.size, 2, "only model a's answer went, not that of 'a@b'");
  assert.equal((await cache.getOrCompute(summary('a@b', 1, 10), query, c.compute)).body, '2');
  await cache.getOrCompute(summary('a', 1, 10), query, c.compute);
  assert.equal(c.runs, 4, 'a computed anew');
  cache.dropModel('a@b');
  cache.dropModel('a');
  cache.dropModel('b');
  assert.equal(cache.size, 0);
});

test('a failed computation is not kept', async () => {
  const cache = new ForecastCache();
  await assert.rejects(cache.getOrCompute(summary('m', 1, 5), query, () => Promise.reject(new Error('boom'))));
  await new Promise((r) => setImmediate(r));
  assert.equal(cache.size, 0);
});

test('settled gives an answer only once it is computed, only for its own state and query, never a failed one', async () => {
  const cache = new ForecastCache();
  let finish!: (a: ForecastAnswer) => void;
  const pending = cache.getOrCompute(summary('m', 1, 10), query, () => new Promise((r) => (finish = r)));
  assert.equal(cache.settled(summary('m', 1, 10), query), undefined, 'still computing');
  finish({ version: 1, body: 'one' });
  await pending;
  assert.equal(cache.settled(summary('m', 1, 10), query)?.body, 'one');
  assert.equal(cache.settled(summary('m', 1, 11), query), undefined, 'another number of observations');
  assert.equal(cache.settled(summary('m', 2, 10), query), undefined, 'another version');
  assert.equal(cache.settled(summary('m', 1, 10), { ...query, h: 4 }), undefined, 'another horizon');
  assert.equal(cache.settled(summary('m', 1, 10), { ...query, levels: [95] }), undefined, 'other levels');
  assert.equal(cache.settled(summary('m', 1, 10), { ...query, history: 2 }), undefined, 'with history');
  cache.dropModel('m');
  assert.equal(cache.settled(summary('m', 1, 10), query), undefined, 'dropped');

  await assert.rejects(cache.getOrCompute(summary('f', 1, 5), query, () => Promise.reject(new Error('boom'))));
  assert.equal(cache.settled(summary('f', 1, 5), query), undefined);
});
