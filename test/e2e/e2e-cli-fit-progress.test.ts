import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, startDaemon, tempDir } from '../support/daemon.ts';
import { call, fit, waitFor } from '../support/http.ts';
import { openTerminal } from '../support/tmux.ts';

test('on a terminal, `modelapi fit` shows its place in the queue, then that it is fitting, then the result', async (t) => {
  const d = await startDaemon(t);
  const dir = tempDir(t);
  const [gateA, gateB] = [join(dir, 'a'), join(dir, 'b')];
  const held = fit(d.url, 'm', { data: [1, 2, 3], kind: 'gated', gate: gateA });
  await waitFor('the first fit to run', async () => (await call(`${d.url}/v1/models/m`)).body?.data?.state === 'fitting');

  writeFileSync(join(dir, 'data.json'), JSON.stringify({ data: [4, 5, 6], kind: 'gated', gate: gateB }));
  const term = openTerminal(t, `'${process.execPath}' '${BIN}' fit '${join(dir, 'data.json')}' --model m --url ${d.url}`);
  await term.waitForScreen(/waiting for model m: 1 fit ahead · \d+\.\d s/, 'the queue position');
  writeFileSync(gateA, '');
  await held;
  await term.waitForScreen(/fitting model m · version 2 · \d+\.\d s/, 'the fitting line');
  writeFileSync(gateB, '');
  const screen = await term.waitForScreen(/model m · version 2 · gated · fitted in \d+ ms/, 'the result');
  assert.doesNotMatch(screen, /waiting for model|fitting model/, 'the spinner line is cleared');
  assert.equal(await term.exitStatus(), 0);
});
