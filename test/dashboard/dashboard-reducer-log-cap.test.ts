import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LOG_CAP, appendLog, initialState, reduce, type DashState } from '../../src/cli/dashboard/state.ts';

test('the event log keeps only the newest LOG_CAP entries, oldest dropped first', () => {
  let s: DashState = initialState('http://127.0.0.1:5000');
  const total = LOG_CAP * 3 + 7;
  for (let i = 0; i < total; i++) {
    s = reduce(s, { type: 'event', at: i, name: 'fit.queued', data: { model: `m${i}`, kind: 'naive', ahead: 0 } });
    assert.equal(s.log.length, Math.min(i + 1, LOG_CAP));
  }
  assert.equal(s.log[0]!.at, total - LOG_CAP);
  assert.equal(s.log.at(-1)!.at, total - 1);
  assert.match(s.log.at(-1)!.text, new RegExp(`m${total - 1}`));
});

test('appendLog never mutates its input, for any cap and length', () => {
  for (let cap = 1; cap <= 6; cap++) {
    for (let n = 0; n <= 8; n++) {
      const log = Array.from({ length: n }, (_, i) => ({ at: i, level: 'info' as const, text: String(i) }));
      const copy = structuredClone(log);
      const next = appendLog(log, { at: n, level: 'info', text: 'new' }, cap);
      assert.deepEqual(log, copy);
      assert.equal(next.length, Math.min(n + 1, Math.max(cap, 1)));
      assert.equal(next.at(-1)!.text, 'new');
    }
  }
});
