import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, startDaemon, tempDir } from '../support/daemon.ts';

test('fit → forecast → models → versions through the real CLI', async (t) => {
  const d = await startDaemon(t);
  const url = ['--url', d.url];
  const fit = await runCli(['fit', 'fixtures/melbourne_min_temp.json', ...url]);
  assert.equal(fit.code, 0, fit.stderr);
  assert.match(fit.stdout, /^model default · version 1 · auto · [^·]*(ARIMA|ETS)[^·]* · fitted in \d+ ms\n$/);

  const table = await runCli(['forecast', '500', ...url]);
  assert.equal(table.code, 0, table.stderr);
  const lines = table.stdout.trimEnd().split('\n');
  assert.match(lines[0]!, /model default · version 1 · auto · 500 steps/);
  assert.match(lines[1]!, /step\s+forecast\s+lo80\s+hi80\s+lo95\s+hi95/);
  assert.equal(lines.length, 2 + 500);

  const json = await runCli(['forecast', '3', '--json', '--level', '90', ...url]);
  const data = JSON.parse(json.stdout);
  assert.equal(data.version, 1);
  assert.deepEqual(data.intervals.map((i: { level: number }) => i.level), [90]);

  const csv = await runCli(['forecast', '2', '--csv', ...url]);
  assert.equal(csv.stdout.split('\n')[0], 'step,forecast,lo80,hi80,lo95,hi95');
  assert.equal(Number(csv.stdout.split('\n')[1]!.split(',')[1]), data.forecast[0]);

  const plot = await runCli(['forecast', '30', '--plot', ...url]);
  assert.equal(plot.code, 0, plot.stderr);
  assert.match(plot.stdout, /\*/);

  const models = await runCli(['models', ...url]);
  assert.match(models.stdout, /default\s+1\s+auto\s+ready/);
  const versions = await runCli(['versions', 'default', '--json', ...url]);
  assert.equal(JSON.parse(versions.stdout)[0].state, 'ready');
});

test('the CLI reads CSV by column, one-per-line files and stdin, and passes kind options', async (t) => {
  const d = await startDaemon(t);
  const dir = tempDir(t);
  writeFileSync(join(dir, 'sales.csv'), 'month,units,price\n1,10,2.5\n2,12,2.5\n3,,2.6\n4,15,2.7\n5,14,2.7\n');
  const csv = await runCli(['fit', join(dir, 'sales.csv'), '--column', 'units', '--model', 'sales', '--json', '--url', d.url]);
  assert.equal(csv.code, 0, csv.stderr);
  assert.equal(JSON.parse(csv.stdout).nObs, 5);

  const stdin = await runCli(['fit', '-', '--kind', 'snaive', '--period', '2', '--model', 's', '--json', '--url', d.url], { input: '1\n2\n3\n4\n5\n6\n' });
  assert.equal(stdin.code, 0, stdin.stderr);
  assert.deepEqual(JSON.parse(stdin.stdout).spec, { period: 2 });
  const fc = await runCli(['forecast', '2', '--model', 's', '--json', '--url', d.url]);
  assert.deepEqual(JSON.parse(fc.stdout).forecast, [5, 6]);
});

test('exit codes: 1 when the server refuses, 2 for usage errors, 3 when no daemon is reachable', async (t) => {
  const d = await startDaemon(t);
  const dir = tempDir(t);
  writeFileSync(join(dir, 'short.json'), '{"data":[1]}');
  const refused = await runCli(['fit', join(dir, 'short.json'), '--url', d.url]);
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /data: /);

  const unknownModel = await runCli(['forecast', '3', '--model', 'nope', '--url', d.url]);
  assert.equal(unknownModel.code, 1);
  assert.match(unknownModel.stderr, /no model named 'nope'/);

  writeFileSync(join(dir, 'bad.csv'), '1\n2\nabc\n');
  const badFile = await runCli(['fit', join(dir, 'bad.csv'), '--url', d.url]);
  assert.equal(badFile.code, 2);
  assert.match(badFile.stderr, /line 3/);
  assert.equal((await runCli(['forecast', 'ten', '--url', d.url])).code, 2);
  assert.equal((await runCli(['frobnicate'])).code, 2);
  assert.equal((await runCli(['forecast', '3', '--json', '--csv', '--url', d.url])).code, 2);

  await d.stop();
  const gone = await runCli(['forecast', '3', '--url', d.url]);
  assert.equal(gone.code, 3);
  assert.match(gone.stderr, /npx modelapi serve/);
  assert.equal(gone.stderr.trim().split('\n').length, 1, 'one line that says how to start a daemon');
});

test('--help lists the verbs and exits 0', async () => {
  const help = await runCli(['--help']);
  assert.equal(help.code, 0);
  for (const verb of ['serve', 'fit', 'forecast', 'models', 'versions']) assert.match(help.stdout, new RegExp(`\\b${verb}\\b`));
});
