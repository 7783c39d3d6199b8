import { test } from 'node:test';
import assert from 'node:assert/strict';
import { render } from 'ink-testing-library';
import { App, type Actions } from '../src/cli/dashboard/app.tsx';
import { Store } from '../src/cli/dashboard/store.ts';
import { initialState } from '../src/cli/dashboard/state.ts';

async function until(cond: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 3000;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setImmediate(r));
  }
}

test('with no daemon reachable it says where it looked and how to start one, and r retries', async (t) => {
  const url = 'http://127.0.0.1:5123';
  const store = new Store(initialState(url));
  store.dispatchNow({ type: 'down', at: Date.now(), reason: 'ECONNREFUSED', attempt: 3, retryInMs: 2000 });
  let reconnects = 0;
  const actions: Actions = { refit: () => {}, reconnect: () => reconnects++, wantChart: () => {} };
  const ui = render(<App store={store} actions={actions} size={{ columns: 100, rows: 30 }} />);
  t.after(() => {
    ui.unmount();
    store.close();
  });
  await until(() => /No modelapi daemon is reachable/.test(ui.lastFrame() ?? ''), 'the no-daemon screen');
  const frame = ui.lastFrame()!;
  assert.match(frame, /Tried http:\/\/127\.0\.0\.1:5123 \(ECONNREFUSED\)/);
  assert.match(frame, /npx modelapi serve --port 5123/);
  assert.match(frame, /connects by itself/);
  ui.stdin.write('r');
  await until(() => reconnects === 1, 'a reconnect');
});
