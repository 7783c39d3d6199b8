import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, startDaemon, tempDir } from '../support/daemon.ts';
import { forecast } from '../support/http.ts';

test('modelapi observe: values as arguments, or one per line from stdin, each batch acknowledged', async (t) => {
  const d = await startDaemon(t);
  const url = ['--url', d.url];
  assert.equal((await runCli(['fit', '-', '-m', 'sales', '-k', 'naive', ...url], { input: '1\n2\n3\n' })).code, 0);
  const args = await runCli(['observe', 'sales', '812', '790', '845', ...url]);
  assert.equal(args.code, 0, args.stderr);
  assert.match(args.stdout, /^sales · version 1 · 3 new observations \(n = 6\) · updated in \d+(\.\d)? ms\n$/);

  const lines = Array.from({ length: 50 }, (_, i) => String(1000 + i)).join('\n');
  const stdin = await runCli(['observe', 'sales', '-', '--json', ...url], { input: `${lines}\nNA\n` });
  assert.equal(stdin.code, 0, stdin.stderr);
  const acks = stdin.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(acks.reduce((n, a) => n + a.added, 0), 51, 'every line landed exactly once');
  assert.equal(acks[acks.length - 1].nObs, 57);
  const fc = (await forecast(d.url, 'sales', 'h=1&history=3')).body.data;
  assert.deepEqual(fc.history, [1048, 1049, null]);

  const bad = await runCli(['observe', 'sales', '12', 'abc', ...url]);
  assert.deepEqual([bad.code, /value 2: 'abc' is not a number/.test(bad.stderr)], [2, true]);
  const refused = await runCli(['observe', 'nobody', '1', ...url]);
  assert.equal(refused.code, 1);
});

test('fit --date-column: dates from CSV, forecasts show them in the table, --csv and the plot', async (t) => {
  const d = await startDaemon(t);
  const url = ['--url', d.url];
  const file = join(tempDir(t), 'rides.csv');
  writeFileSync(file, 'date,rides\n2024-01-01,10\n2024-01-02,12\n2024-01-04,15\n');
  const f = await runCli(['fit', file, '--date-column', 'date', '-k', 'naive', '-m', 'rides', ...url]);
  assert.equal(f.code, 0, f.stderr);
  assert.match(f.stdout, /2024-01-01 to 2024-01-04, every 1 day/);

  const table = await runCli(['forecast', '2', '-m', 'rides', ...url]);
  const rows = table.stdout.trimEnd().split('\n');
  assert.match(rows[0]!, /from 4 observations/);
  assert.match(rows[1]!, /^step\s+time\s+forecast/);
  assert.match(rows[2]!, /^\s*1\s+2024-01-05\s+15/);
  const csv = await runCli(['forecast', '2', '--csv', '-m', 'rides', ...url]);
  assert.deepEqual(csv.stdout.split('\n').slice(0, 3).map((l) => l.split(',').slice(0, 3).join(',')), ['step,timestamp,forecast', '1,2024-01-05,15', '2,2024-01-06,15']);
  const plot = await runCli(['forecast', '30', '--plot', '-m', 'rides', ...url]);
  assert.match(plot.stdout, /2024-01-01.*2024-02-03/);

  const noSuch = await runCli(['fit', file, '--date-column', 'when', ...url]);
  assert.deepEqual([noSuch.code, /no column "when"/.test(noSuch.stderr)], [2, true]);
});
