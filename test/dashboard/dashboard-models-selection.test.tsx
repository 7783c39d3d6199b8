import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dashboardStore, modelRow, mountApp, snapshot } from '../support/dashboard.tsx';

const model = (name: string, version: number) => modelRow(name, { currentVersion: version, versions: version });

test('the models table lists every model and ↑/↓ move the selection (and the chart request with it)', async (t) => {
  const store = dashboardStore();
  store.dispatchNow({ type: 'stats', at: 0, snapshot: snapshot([model('alpha', 1), model('beta', 4), model('gamma', 2)]) });
  const charts: string[] = [];
  const { ui, until } = mountApp(t, store, { wantChart: (q) => charts.push(`${q.model}@${q.version}`) }, { columns: 120, rows: 40 });
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
