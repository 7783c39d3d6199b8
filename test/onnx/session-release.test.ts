import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SessionCache, inspectModel } from '../../src/onnx/session-cache.ts';
import { buildModel } from '../../scripts/onnx-builder.ts';
import { mlp } from '../../scripts/onnx-fixtures.ts';

const IN = 512;
const HIDDEN = 1024;

/**
 * Counts the real onnxruntime sessions created and released in this process. Counting, not RSS: a
 * session's native memory (2 MB of weights here) is invisible to V8, and RSS also holds whatever waits for
 * the GC and malloc's fragments — measured, 40 versions grew RSS by 2–100 MB with every session released
 * and by 127–168 MB with the releases left out, depending on when collections fell and on the machine's
 * load; and a forced GC hides the leak, as dropped sessions' wrappers free their memory when finalized.
 */
async function countSessions(): Promise<{ live: () => number; restore: () => void }> {
  const { InferenceSession } = await import('onnxruntime-node');
  const create = InferenceSession.create;
  let created = 0;
  let released = 0;
  InferenceSession.create = (async (...args: Parameters<typeof create>) => {
    const session = await create.apply(InferenceSession, args);
    created++;
    const release = session.release.bind(session);
    session.release = () => {
      released++;
      return release();
    };
    return session;
  }) as typeof create;
  return {
    live: () => created - released,
    restore: () => void (InferenceSession.create = create),
  };
}

test('sessions are released as soon as they are not needed: 50 versions through inspectModel and a SessionCache', async (t) => {
  const sessions = await countSessions();
  t.after(sessions.restore);
  const bytes = buildModel(
    mlp('m', IN, new Float32Array(IN * HIDDEN).fill(2 ** -10), new Float32Array(HIDDEN), new Float32Array(HIDDEN).fill(0.5), new Float32Array([1])),
  );
  const cache = new SessionCache(4, () => bytes);
  const x = { name: 'x', datatype: 'FP32' as const, shape: [1, IN], data: new Float32Array(IN).fill(1) };
  for (let v = 1; v <= 50; v++) {
    await inspectModel(bytes); // what a deploy does before storing the version
    assert.equal(sessions.live(), v === 1 ? 0 : 1, `version ${v}: inspecting left no session behind`);
    const [y] = await cache.run('m', v, v, [x], ['y']);
    assert.equal(y!.data[0], HIDDEN * 0.5 * 0.5 + 1); // hidden = 512 × 2^-10 = 0.5, y = 1024 × 0.5 × 0.5 + 1
    assert.equal(sessions.live(), 1, `version ${v}: only the current version's session is alive`);
  }
  assert.equal(cache.size, 1);
  await cache.close();
  assert.equal(sessions.live(), 0, 'closing the cache releases the last one');
});
