import { test } from 'node:test';
import assert from 'node:assert/strict';
import { render } from 'ink-testing-library';
import { App, type Actions } from '../src/cli/dashboard/app.tsx';
import { Store } from '../src/cli/dashboard/store.ts';
import { initialState, type ModelRow, type Snapshot } from '../src/cli/dashboard/state.ts';

const pool = { threads: 1, busy: 0, queued: 0, completed: 0, failed: 0 };
const model = (name: string, version: number): ModelRow => ({
  name, currentVersion: version, kind: 'naive', spec: {}, state: 'ready', lastFitMs: 3, versions: version, readersWaiting: 0, writersWaiting: 0,
});
const snapshot = (models: ModelRow[]): Snapshot => ({
  daemon: { version: '0.1.0', startedAt: '2026-01-01T00:00:00.000Z', uptimeS: 5, url: 'http://127.0.0.1:5000', db: { path: '/tmp/x.db', bytes: 4096 }, eventClients: 1 },
  pools: { fit: pool, forecast: pool },
  models,
  requests: [],
});

async function until(cond: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 3000;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setImmediate(r));
  }
}

test('the models table lists every model and ↑/↓ move the selection (and the chart request with it)', async (t) => {
  const store = new Store(initialState('http://127.0.0.1:5000'));
  store.dispatchNow({ type: 'open', at: 0 });
  store.dispatchNow({ type: 'stats', at: 0, snapshot: snapshot([model('alpha', 1), model('beta', 4), model('gamma', 2)]) });
  const charts: string[] = [];
  const actions: Actions = { refit: () => {}, reconnect: () => {}, wantChart: (q) => charts.push(`${q.model}@${q.version}`) };
  const ui = render(<App store={store} actions={actions} size={{ columns: 120, rows: 40 }} />);
  t.after(() => {
    ui.unmount();
    store.close();
  });
  const selectedRow = () => (ui.lastFrame() ?? '').split('\n').find((l) => l.includes('▶')) ?? '';

  await until(() => /▶ alpha\s+1\s+naive/.test(selectedRow()), 'alpha selected');
  for (const name of ['beta', 'gamma']) assert.match(ui.lastFrame()!, new RegExp(`${name}\\s+\\d+\\s+naive\\s+ready`));

  ui.stdin.write('\u001B[B');
  await until(() => /▶ beta\s+4/.test(selectedRow()), 'beta selected after ↓');
  ui.stdin.write('\u001B[B');
  ui.stdin.write('\u001B[B'); // past the end: stays on the last row
  await until(() => /▶ gamma\s+2/.test(selectedRow()), 'gamma selected');
  ui.stdin.write('\u001B[A');
  await until(() => /▶ beta/.test(selectedRow()), 'beta selected after ↑');
  await until(() => charts.at(-1) === 'beta@4', 'chart request for beta');
  assert.deepEqual([...new Set(charts)], ['alpha@1', 'beta@4', 'gamma@2']);
});
