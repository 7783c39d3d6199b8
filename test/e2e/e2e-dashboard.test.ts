import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BIN, runCli, startDaemon } from '../support/daemon.ts';
import { openTerminal } from '../support/tmux.ts';

test('the dashboard in a real terminal shows a fit made by the CLI, and q quits it', { timeout: 120_000 }, async (t) => {
  const daemon = await startDaemon(t);
  const term = openTerminal(t, `'${process.execPath}' '${BIN}' dashboard --url ${daemon.url}`, { columns: 140, rows: 45 });
  await term.waitForScreen(/● healthy[\s\S]*Models \(0\)/, 'the dashboard to connect');

  // The daemon's default kind fits; which kind that is does not matter here.
  const fit = await runCli(['fit', 'fixtures/melbourne_min_temp.json', '--model', 'e2e', '--url', daemon.url]);
  assert.equal(fit.code, 0, fit.stderr);

  const shown = await term.waitForScreen(/▶ e2e\s+1\s+\S+\s+ready[\s\S]*fit finished\s+e2e v1 \(|fit finished\s+e2e v1 \([\s\S]*▶ e2e\s+1\s+\S+\s+ready/, 'the model and its fit event');
  assert.match(shown, /published\s+e2e v1/);
  await term.waitForScreen(/Forecast · e2e v1 · [\s\S]*░ 95%/, 'the forecast chart');

  term.send('q');
  assert.equal(await term.exitStatus(), 0);
  assert.doesNotMatch(term.screen(), /Models \(/, 'the alternate screen is gone: the terminal is back as it was');
});
