import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { InputTensor } from '../../src/onnx/index.ts';
import type { InferOutput } from '../../src/pool/index.ts';
import { Batcher } from '../../src/daemon/onnx/batcher.ts';
import { ServiceEventBus } from '../../src/daemon/events.ts';
import type { InferRunner, InferTarget } from '../../src/daemon/onnx/infer-service.ts';

const spec = (name: string) => ({ name, datatype: 'FP32', shape: [-1, 1], dimNames: ['batch', null] });
const target: InferTarget = {
  model: 'm',
  version: 1,
  current: 1,
  signature: { inputs: [spec('x')], outputs: [spec('y')] },
  metadata: {},
  sizeBytes: 0,
  hash: '',
  loadMs: null,
  createdAt: '',
};

/**
 * The pool, held in the test's hands: each run waits until the test ends it, and answers y = 2x row
 * by row (so every request can check it got its own rows back).
 */
class HeldRunner implements InferRunner {
  readonly runs: { rows: number[]; end: (ok: boolean) => void }[] = [];
  run(_target: InferTarget, inputs: InputTensor[]): Promise<InferOutput[]> {
    const x = inputs[0]!.data as Float32Array;
    return new Promise((resolve, reject) => {
      this.runs.push({
        rows: [...x],
        end: (ok) => (ok ? resolve([{ name: 'y', datatype: 'FP32', shape: [x.length, 1], data: x.map((v) => 2 * v) }]) : reject(new Error('worker gone'))),
      });
    });
  }
}

/**
 * A batcher on a clock the test moves, with batches of 4 rows at most. The delay is long enough that
 * its timers never fire here; every test ends with each batch sent and each run ended.
 */
function setUp(concurrency = 1) {
  const runner = new HeldRunner();
  let now = 0;
  const batcher = new Batcher(runner, new ServiceEventBus(), { delayMs: 60_000, maxRows: 4, concurrency }, () => now);
  const at = (t: number, ...values: number[]) => {
    now = t;
    return batcher.run(target, [{ name: 'x', datatype: 'FP32', shape: [values.length, 1], data: Float32Array.from(values) }], ['y']);
  };
  return { runner, at };
}

const yOf = async (answer: Promise<InferOutput[]>) => [...(await answer)[0]!.data];
const sent = (runner: HeldRunner) => runner.runs.map((r) => r.rows);

test('batcher: a request that comes after the delay starts the next batch, though the timer has not fired (a busy event loop)', async () => {
  const { runner, at } = setUp();
  const first = [at(0, 1), at(30_000, 2)];
  assert.equal(runner.runs.length, 0, 'within the delay: still waiting for more');
  const second = [at(60_000, 3)];
  assert.deepEqual(sent(runner), [[1, 2]], 'the first two went when the third came, after their delay');
  runner.runs[0]!.end(true);
  assert.deepEqual(await Promise.all(first.map(yOf)), [[2], [4]]);
  second.push(at(70_000, 4));
  assert.equal(runner.runs.length, 1, "the next batch's delay counts from its own first request");
  second.push(at(80_000, 5, 6)); // four rows: full, it goes at once
  assert.deepEqual(sent(runner), [[1, 2], [3, 4, 5, 6]]);
  runner.runs[1]!.end(true);
  assert.deepEqual(await Promise.all(second.map(yOf)), [[6], [8], [10, 12]]);
});

test('batcher: a batch whose delay ends while every worker runs waits for one, taking the requests that come meanwhile', async () => {
  const { runner, at } = setUp(1);
  const first = at(0, 1);
  const held = [at(60_000, 2)]; // the first batch goes (the worker was free); this one opens the next
  assert.deepEqual(sent(runner), [[1]]);
  held.push(at(120_000, 3), at(130_000, 4)); // its delay is over, but the worker is busy: held, and joined
  assert.equal(runner.runs.length, 1, 'nothing more was sent while the only worker runs');
  runner.runs[0]!.end(true);
  assert.deepEqual(await yOf(first), [2]);
  assert.deepEqual(sent(runner), [[1], [2, 3, 4]], 'the held batch went when the run ended, whole');
  runner.runs[1]!.end(true);
  assert.deepEqual(await Promise.all(held.map(yOf)), [[4], [6], [8]]);
});

test('batcher: a failed run frees its worker for a held batch too (no request waits for a run that will not end)', async () => {
  const { runner, at } = setUp(1);
  const first = at(0, 1);
  const held = [at(60_000, 2), at(120_000, 3)];
  assert.equal(runner.runs.length, 1);
  runner.runs[0]!.end(false);
  await assert.rejects(first, /worker gone/);
  assert.deepEqual(sent(runner), [[1], [2, 3]]);
  runner.runs[1]!.end(true);
  assert.deepEqual(await Promise.all(held.map(yOf)), [[4], [6]]);
});

test("batcher: a held batch that fills goes at once, to the pool's queue", () => {
  const { runner, at } = setUp(1);
  const answers = [at(0, 1), at(60_000, 2), at(120_000, 3)];
  assert.deepEqual(sent(runner), [[1]], 'the second batch is held');
  answers.push(at(130_000, 4, 5));
  assert.deepEqual(sent(runner), [[1], [2, 3, 4, 5]]);
  for (const r of runner.runs) r.end(true);
  return Promise.all(answers.map(yOf)).then((ys) => assert.deepEqual(ys, [[2], [4], [6], [8, 10]]));
});

test('batcher: with two workers a second batch goes while the first runs', async () => {
  const { runner, at } = setUp(2);
  const answers = [at(0, 1), at(60_000, 2), at(120_000, 3)];
  assert.deepEqual(sent(runner), [[1], [2]], 'two runs at once; the third request waits in its own batch');
  answers.push(at(180_000, 4));
  assert.equal(runner.runs.length, 2, 'both workers busy: the third batch is held');
  runner.runs[0]!.end(true);
  assert.deepEqual(await yOf(answers[0]!), [2]);
  assert.deepEqual(sent(runner), [[1], [2], [3, 4]], 'the held batch took the worker the first run freed');
  for (const r of runner.runs.slice(1)) r.end(true);
  assert.deepEqual(await Promise.all(answers.slice(1).map(yOf)), [[4], [6], [8]]);
});
