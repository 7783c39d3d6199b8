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

test('? opens the key help over the panels and the next key closes it', async (t) => {
  const store = new Store(initialState('http://127.0.0.1:5000'));
  store.dispatchNow({ type: 'open', at: 0 });
  const actions: Actions = { refit: () => {}, reconnect: () => {}, wantChart: () => {} };
  const ui = render(<App store={store} actions={actions} size={{ columns: 100, rows: 30 }} />);
  t.after(() => {
    ui.unmount();
    store.close();
  });
  await until(() => /Models \(0\)/.test(ui.lastFrame() ?? ''), 'the panels');
  assert.doesNotMatch(ui.lastFrame()!, /dashboard — keys/);

  ui.stdin.write('?');
  await until(() => /dashboard — keys/.test(ui.lastFrame() ?? ''), 'the help');
  assert.match(ui.lastFrame()!, /fit the selected model again/);
  assert.match(ui.lastFrame()!, /q, Ctrl-C\s+quit/);
  assert.doesNotMatch(ui.lastFrame()!, /Models \(0\)/);

  ui.stdin.write('?');
  await until(() => /Models \(0\)/.test(ui.lastFrame() ?? ''), 'the panels again');
  assert.doesNotMatch(ui.lastFrame()!, /dashboard — keys/);
});
