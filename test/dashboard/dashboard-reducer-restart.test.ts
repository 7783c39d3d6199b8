import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initialState, reduce, type DashState, type Snapshot } from '../../src/cli/dashboard/state.ts';

const pool = { threads: 1, busy: 0, queued: 0, completed: 0, failed: 0 };
const snap = (startedAt: string): Snapshot => ({
  daemon: { version: '0.1.0', startedAt, uptimeS: 1, url: 'http://x', db: { file: 'x.db', bytes: 0 }, eventClients: 1 },
  pools: { fit: pool, forecast: pool },
  models: [],
  modelsTotal: 0,
  requests: [],
});

test('losing the daemon is logged once, and coming back says reconnected and whether it restarted', () => {
  let s: DashState = initialState('http://x');
  s = reduce(s, { type: 'open', at: 1 });
  s = reduce(s, { type: 'stats', at: 1, snapshot: snap('2026-01-01T00:00:00.000Z') });
  s = reduce(s, { type: 'stats', at: 2, snapshot: snap('2026-01-01T00:00:00.000Z') });
  assert.deepEqual(s.log.map((e) => e.text), ['connected to http://x']);

  for (let attempt = 1; attempt <= 5; attempt++) s = reduce(s, { type: 'down', at: 10 + attempt, reason: 'ECONNREFUSED', attempt, retryInMs: 500 });
  assert.deepEqual(s.connection, { status: 'down', reason: 'ECONNREFUSED', attempt: 5, retryAt: 515 });
  assert.equal(s.log.filter((e) => /lost the daemon/.test(e.text)).length, 1, 'retries do not flood the log');

  s = reduce(s, { type: 'open', at: 20 });
  s = reduce(s, { type: 'stats', at: 20, snapshot: snap('2026-01-01T00:05:00.000Z') });
  assert.equal(s.connection.status, 'open');
  assert.match(s.log.at(-2)!.text, /^reconnected to http:\/\/x/);
  assert.match(s.log.at(-1)!.text, /the daemon restarted/);
  assert.equal(s.log.at(-1)!.level, 'warn');
});

test('before any connection a failure is not news: the no-daemon screen says it', () => {
  const s = reduce(initialState('http://x'), { type: 'down', at: 1, reason: 'ECONNREFUSED', attempt: 1, retryInMs: 250 });
  assert.equal(s.everConnected, false);
  assert.deepEqual(s.log, []);
});
