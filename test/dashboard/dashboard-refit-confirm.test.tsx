import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dashboardStore, modelRow, mountApp, snapshot } from '../support/dashboard.tsx';

test('f asks before fitting again; only y fits, and it fits the selected model', async (t) => {
  const store = dashboardStore();
  store.dispatchNow({ type: 'stats', at: 0, snapshot: snapshot([modelRow('a'), modelRow('b')]) });
  const refits: string[] = [];
  const { ui, until } = mountApp(t, store, { refit: (m) => refits.push(m) }, { columns: 120, rows: 40 });
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
