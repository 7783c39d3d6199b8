import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, startDaemon, tempDir } from '../support/daemon.ts';
import { call, fit } from '../support/http.ts';
import { progressLine } from '../../src/cli/live/progress-bar.ts';

test('fit-many, models --label, forecast-many and delete from the real CLI', async (t) => {
  const d = await startDaemon(t);
  const dir = tempDir(t);
  const file = join(dir, 'sales.csv');
  const rows = ['store_item,units'];
  for (let i = 1; i <= 3; i++) rows.push(`s1,${i}`, `s2,${10 * i}`, `s3,${i % 2 ? 'bad' : i}`);
  writeFileSync(file, rows.join('\n') + '\n');
  const url = ['--url', d.url];

  const fitted = await runCli(['fit-many', file, '--id-column', 'store_item', '--column', 'units', '--kind', 'naive', '--label', 'chain=acme', ...url]);
  assert.equal(fitted.code, 1, 'a failed series makes the exit code 1');
  assert.match(fitted.stdout, /fitted 2 of 3 series · 1 failed/);
  assert.match(fitted.stdout, /failed s3: MODELAPI_ERR_VALIDATION .*'bad' is not a number/);
  assert.match(fitted.stderr, /fitting 3 series 3\/3/, 'plain progress lines when not on a terminal');

  const listed = await runCli(['models', '--label', 'chain=acme', '--limit', '1', ...url]);
  assert.equal(listed.code, 0);
  assert.match(listed.stdout, /s1 .*chain=acme/);
  assert.doesNotMatch(listed.stdout, /s2/);
  const cursor = /--cursor (\S+)/.exec(listed.stderr)?.[1];
  assert.ok(cursor, listed.stderr);
  const nextPage = await runCli(['models', '--label', 'chain=acme', '--limit', '1', '--cursor', cursor, ...url]);
  assert.match(nextPage.stdout, /s2 /);

  const csv = await runCli(['forecast-many', '--label', 'chain=acme', '--h', '2', ...url]);
  assert.equal(csv.code, 0);
  const lines = csv.stdout.trim().split('\n');
  assert.equal(lines[0], 'model,version,step,timestamp,mean,lo80,hi80,lo95,hi95,error');
  assert.deepEqual(lines.slice(1).map((l) => l.split(',').slice(0, 5).join(',')), ['s1,1,1,,3', 's1,1,2,,3', 's2,1,1,,30', 's2,1,2,,30']);
  const nd = await runCli(['forecast-many', 's2', '--h', '1', '--json', ...url]);
  assert.deepEqual(JSON.parse(nd.stdout).forecast, [30]);

  await fit(d.url, 's1', { data: [1, 2, 5], kind: 'naive' });
  assert.equal((await runCli(['delete', 's1', '2', ...url])).code, 1, 'the current version cannot be deleted');
  assert.equal((await runCli(['delete', 's1', '1', ...url])).code, 0);
  const gone = await runCli(['delete', 's1', ...url]);
  assert.equal(gone.code, 0);
  assert.match(gone.stdout, /deleted s1/);
  assert.equal((await call(`${d.url}/v1/models/s1`)).status, 404);
});

test('the progress line shows the bar, the rate, the time left and the failures', () => {
  assert.equal(
    progressLine({ total: 10_000, done: 6_412, failed: 3, seriesPerSecond: 58 }, 10),
    'fitting 10,000 series ▕██████▍   ▏ 6,412/10,000 · 58/s · 1:02 left · 3 failed',
  );
  assert.equal(progressLine({ total: 4, done: 0, failed: 0, seriesPerSecond: 0 }, 0), 'fitting 4 series 0/4 · 0/s');
});
