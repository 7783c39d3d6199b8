import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initialState, reduce, type DashState, type ModelRow, type Snapshot } from '../../src/cli/dashboard/state.ts';

const pool = { threads: 1, busy: 0, queued: 0, completed: 0, failed: 0 };
const row = (name: string, state: ModelRow['state']): ModelRow => ({
  name, currentVersion: 1, kind: 'naive', spec: {}, state, lastFitMs: 1, versions: 1, readersWaiting: 0, writersWaiting: 0,
});
const snap = (models: ModelRow[]): Snapshot => ({
  daemon: { version: '0.1.0', startedAt: 'T0', uptimeS: 1, url: 'http://x', db: { file: 'x.db', bytes: 0 }, eventClients: 1 },
  pools: { fit: pool, forecast: pool },
  models,
  modelsTotal: 0,
  requests: [],
});

test('a fit is timed from its fit.started event, or from when a snapshot first shows it fitting', () => {
  let s: DashState = initialState('http://x');
  // Already fitting when we connected: no event, so the first snapshot that shows it starts the clock.
  s = reduce(s, { type: 'stats', at: 100, snapshot: snap([row('a', 'fitting'), row('b', 'ready')]) });
  s = reduce(s, { type: 'stats', at: 1100, snapshot: snap([row('a', 'fitting'), row('b', 'ready')]) });
  assert.deepEqual(s.fitStarts, { a: 100 });

  s = reduce(s, { type: 'event', at: 1500, name: 'fit.started', data: { model: 'b', version: 2, kind: 'naive' } });
  s = reduce(s, { type: 'stats', at: 2100, snapshot: snap([row('a', 'fitting'), row('b', 'fitting')]) });
  assert.deepEqual(s.fitStarts, { a: 100, b: 1500 });

  s = reduce(s, { type: 'event', at: 2500, name: 'fit.finished', data: { model: 'a', version: 2, kind: 'naive', ms: 2400, reused: false } });
  assert.deepEqual(s.fitStarts, { b: 1500 });
  s = reduce(s, { type: 'event', at: 2600, name: 'fit.failed', data: { model: 'b', version: 2, kind: 'naive', code: 'MODELAPI_ERR_FIT_TIMEOUT', reason: 'too slow' } });
  assert.deepEqual(s.fitStarts, {});
  assert.equal(s.log.at(-1)!.level, 'error');
  assert.match(s.log.at(-1)!.text, /fit failed\s+b v2 \(naive\): MODELAPI_ERR_FIT_TIMEOUT too slow/);

  // A snapshot that no longer shows a fit drops its clock even if the finishing event was missed.
  s = reduce(s, { type: 'stats', at: 3000, snapshot: snap([row('a', 'ready'), row('b', 'ready')]) });
  assert.deepEqual(s.fitStarts, {});
});
