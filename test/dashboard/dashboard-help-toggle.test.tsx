import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dashboardStore, mountApp } from '../support/dashboard.tsx';

test('? opens the key help over the panels and the next key closes it', async (t) => {
  const { ui, until } = mountApp(t, dashboardStore());
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
