import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backoffMs } from '../../src/cli/live/sse-client.ts';

test('reconnection backoff doubles from the base and stops at the cap, even after many failures', () => {
  assert.deepEqual([0, 1, 2, 3, 4].map((a) => backoffMs(a)), [250, 500, 1000, 2000, 2000]);
  let prev = 0;
  for (let a = 0; a < 2000; a++) {
    const ms = backoffMs(a, 100, 5000);
    assert.ok(ms >= prev && ms <= 5000 && Number.isFinite(ms));
    prev = ms;
  }
  assert.equal(backoffMs(-3), 250);
});
