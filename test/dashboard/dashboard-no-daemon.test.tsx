import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dashboardStore, mountApp } from '../support/dashboard.tsx';

test('with no daemon reachable it says where it looked and how to start one, and r retries', async (t) => {
  const url = 'http://127.0.0.1:5123';
  const store = dashboardStore(url, false);
  store.dispatchNow({ type: 'down', at: Date.now(), reason: 'ECONNREFUSED', attempt: 3, retryInMs: 2000 });
  let reconnects = 0;
  const { ui, until } = mountApp(t, store, { reconnect: () => reconnects++ });
  await until(() => /No modelapi daemon is reachable/.test(ui.lastFrame() ?? ''), 'the no-daemon screen');
  const frame = ui.lastFrame()!;
  assert.match(frame, /Tried http:\/\/127\.0\.0\.1:5123 \(ECONNREFUSED\)/);
  assert.match(frame, /npx modelapi serve --port 5123/);
  assert.match(frame, /connects by itself/);
  ui.stdin.write('r');
  await until(() => reconnects === 1, 'a reconnect');
});
