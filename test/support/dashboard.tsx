import type { TestContext } from 'node:test';
import { render } from 'ink-testing-library';
import { App, type Actions } from '../../src/cli/dashboard/app.tsx';
import { Store } from '../../src/cli/dashboard/store.ts';
import { initialState, type ModelRow, type Snapshot } from '../../src/cli/dashboard/state.ts';
import { waitFor } from './http.ts';

export const URL_5000 = 'http://127.0.0.1:5000';
const pool = { threads: 1, busy: 0, queued: 0, completed: 0, failed: 0 };

export function modelRow(name: string, overrides: Partial<ModelRow> = {}): ModelRow {
  return { name, currentVersion: 1, kind: 'naive', spec: {}, state: 'ready', lastFitMs: 3, versions: 1, readersWaiting: 0, writersWaiting: 0, ...overrides };
}

export function snapshot(models: ModelRow[]): Snapshot {
  return {
    daemon: { version: '0.1.0', startedAt: '2026-01-01T00:00:00.000Z', uptimeS: 5, url: URL_5000, db: { file: 'x.db', bytes: 4096 }, eventClients: 1 },
    pools: { fit: pool, forecast: pool },
    models,
    modelsTotal: 0,
    requests: [],
  };
}

/** A dashboard store, already connected unless told otherwise. */
export function dashboardStore(url = URL_5000, connected = true): Store {
  const store = new Store(initialState(url));
  if (connected) store.dispatchNow({ type: 'open', at: 0 });
  return store;
}

/** Renders the whole app into ink's fake terminal; unmounted when the test ends. */
export function mountApp(t: TestContext, store: Store, actions: Partial<Actions> = {}, size = { columns: 100, rows: 30 }) {
  const all: Actions = { refit: () => {}, reconnect: () => {}, wantChart: () => {}, ...actions };
  const ui = render(<App store={store} actions={all} size={size} />);
  t.after(() => {
    ui.unmount();
    store.close();
  });
  const frame = () => ui.lastFrame() ?? '';
  return {
    ui,
    frame,
    /** Waits (deadline 3 s) until the condition holds, e.g. on the latest frame. */
    until: (cond: () => boolean, what: string) => waitFor(what, async () => cond(), 3000),
  };
}
