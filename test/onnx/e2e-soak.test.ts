import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
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

const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

/**
 * The bound: a session of this model holds at least its 2 MB of weights, so 45 sessions kept alive
 * (versions no longer current, never released) would add 90 MB or more — measured on this machine with
 * the release turned off: +200 MB. Released sessions leave allocator noise only; 40 MB of growth over
 * 45 deploys allows that and still catches a leak of a fifth of the sessions.
 */
const GROWTH_BOUND_MB = 40;

test('soak: 50 deploys while infers run; old sessions are released and RSS stays bounded', { skip: process.platform !== 'linux' && 'reads /proc' }, async (t) => {
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

  let warm = 0;
  for (let n = 1; n <= 50; n++) {
    const res = await deployBytes(d.url, 'soak', version(n));
    assert.equal(res.status, 201);
    assert.equal(res.body.data.version, n);
    // Let infers reach this version before the next deploy, so every version gets a session.
    const before = seen.length;
    while (!failed && (seen.length === before || seen[seen.length - 1]! < n)) await new Promise((r) => setImmediate(r));
    if (failed) break;
    if (n === 5) warm = rssMb(d.proc.pid!);
  }
  deploying = false;
  await infers;

  assert.ok(seen.every((v, i) => i === 0 || v >= seen[i - 1]!), 'infers never go back to an older version');
  assert.equal((await call(`${d.url}/v1/status`)).body.data.onnx.sessions.forecast, 1, 'one session left: the current version');
  const growth = rssMb(d.proc.pid!) - warm;
  assert.ok(growth < GROWTH_BOUND_MB, `RSS grew ${growth.toFixed(1)} MB over 45 deploys (bound ${GROWTH_BOUND_MB} MB)`);
});
