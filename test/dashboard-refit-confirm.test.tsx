import { test } from 'node:test';
import assert from 'node:assert/strict';
import { render } from 'ink-testing-library';
import { App, type Actions } from '../src/cli/dashboard/app.tsx';
import { Store } from '../src/cli/dashboard/store.ts';
import { initialState, type Snapshot } from '../src/cli/dashboard/state.ts';

const pool = { threads: 2, busy: 0, queued: 0, completed: 0, failed: 0 };
const snapshot: Snapshot = {
  daemon: { version: '0.1.0', startedAt: '2026-01-01T00:00:00.000Z', uptimeS: 5, url: 'http://127.0.0.1:5000', db: { path: '/tmp/x.db', bytes: 0 }, eventClients: 1 },
  pools: { fit: pool, forecast: pool },
  models: ['a', 'b'].map((name) => ({ name, currentVersion: 1, kind: 'naive', spec: {}, state: 'ready' as const, lastFitMs: 1, versions: 1, readersWaiting: 0, writersWaiting: 0 })),
  requests: [],
};

async function until(cond: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 3000;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setImmediate(r));
  }
}

test('f asks before fitting again; only y fits, and it fits the selected model', async (t) => {
  const store = new Store(initialState('http://127.0.0.1:5000'));
  store.dispatchNow({ type: 'open', at: 0 });
  store.dispatchNow({ type: 'stats', at: 0, snapshot });
  const refits: string[] = [];
  const actions: Actions = { refit: (m) => refits.push(m), reconnect: () => {}, wantChart: () => {} };
  const ui = render(<App store={store} actions={actions} size={{ columns: 120, rows: 40 }} />);
  t.after(() => {
    ui.unmount();
    store.close();
  });
  const asking = (m: string) => (ui.lastFrame() ?? '').includes(`Fit '${m}' again from its stored series, as a new version? (y/n)`);
  await until(() => /▶ a\s+1/.test(ui.lastFrame() ?? ''), 'the table');

  ui.stdin.write('f');
  await until(() => asking('a'), 'the question');
  assert.deepEqual(refits, [], 'nothing before the answer');
  ui.stdin.write('n');
  await until(() => !asking('a'), 'the question to go away');
  for (const key of ['f', 'x']) ui.stdin.write(key); // any other key is a no as well
  await until(() => !asking('a'), 'the question to go away');
  assert.deepEqual(refits, []);

  ui.stdin.write('\u001B[B');
  await until(() => /▶ b\s+1/.test(ui.lastFrame() ?? ''), 'b selected');
  ui.stdin.write('f');
  await until(() => asking('b'), 'the question about b');
  ui.stdin.write('y');
  await until(() => refits.length > 0, 'the refit');
  assert.deepEqual(refits, ['b']);
  await until(() => !asking('b'), 'the question to go away');
});
