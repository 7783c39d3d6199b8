import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startDaemon } from '../support/daemon.ts';
import { call } from '../support/http.ts';
import { deployBytes, fp32Input, infer } from '../support/onnx.ts';
import { buildModel } from '../../scripts/onnx-builder.ts';
import { mlp } from '../../scripts/onnx-fixtures.ts';

const IN = 512;
const HIDDEN = 1024;

/** The same signature every time, one bias changed: new bytes, a new version. 2 MB of weights each. */
function version(n: number): Uint8Array {
  const w1 = new Float32Array(IN * HIDDEN).fill(2 ** -10); // binary fractions: every partial sum is exact
  const b2 = new Float32Array([n]);
  return buildModel(mlp('soak', IN, w1, new Float32Array(HIDDEN), new Float32Array(HIDDEN).fill(0.5), b2));
}

// That a dropped session is released is session-release.test.ts's check, by counting onnxruntime's sessions:
// the daemon's RSS was too noisy to tell a leak from (+10–101 MB over CI runs, +188 MB leaking).
test('soak: 50 deploys while infers run; infers follow the versions and old sessions are dropped', async (t) => {
  const d = await startDaemon(t, { args: ['--forecast-workers', '1', '--batch-delay', '0'] });
  const row = [Array.from({ length: IN }, () => 1)];
  let deploying = true;
  let failed: unknown;
  const seen: number[] = [];
  const infers = (async () => {
    while (deploying) {
      const res = await infer(d.url, 'soak', { inputs: [fp32Input('x', row)] });
      if (res.status === 404) continue; // before the first deploy
      assert.equal(res.status, 200, JSON.stringify(res.body));
      const v = Number(res.body.model_version);
      // Each version's output is known: hidden = 512 × 2^-10 = 0.5 everywhere, y = 1024 × 0.5 × 0.5 + n.
      assert.equal(res.body.outputs[0].data[0], HIDDEN * 0.5 * (IN * 2 ** -10) + v, `version ${v}`);
      seen.push(v);
    }
  })().catch((err) => {
    failed = err;
    throw err;
  });

  for (let n = 1; n <= 50; n++) {
    const res = await deployBytes(d.url, 'soak', version(n));
    assert.equal(res.status, 201);
    assert.equal(res.body.data.version, n);
    // Let infers reach this version before the next deploy, so every version gets a session.
    const before = seen.length;
    while (!failed && (seen.length === before || seen[seen.length - 1]! < n)) await new Promise((r) => setImmediate(r));
    if (failed) break;
  }
  deploying = false;
  await infers;

  assert.ok(seen.every((v, i) => i === 0 || v >= seen[i - 1]!), 'infers never go back to an older version');
  assert.equal((await call(`${d.url}/v1/status`)).body.data.onnx.sessions.forecast, 1, 'one session left: the current version');
});
