import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, startDaemon, tempDir } from '../support/daemon.ts';
import { fit } from '../support/http.ts';
import { ONNX_FIXTURES, linearByHand } from '../support/onnx.ts';
import { LINEAR } from '../../scripts/onnx-fixtures.ts';

test('CLI: deploy with metadata, predict CSV and JSON rows, models shows both kinds with signatures', async (t) => {
  const d = await startDaemon(t);
  const url = ['--url', d.url];
  const deployed = await runCli(['deploy', join(ONNX_FIXTURES, 'linear.onnx'), '--model', 'churn', '--meta', 'owner=ml', '--meta', 'tags=a,b', ...url]);
  assert.equal(deployed.code, 0, deployed.stderr);
  assert.equal(deployed.stdout, 'model churn · version 1 · onnx · inputs x FP32 [-1,3] · outputs y FP32 [-1,1]\n');
  const meta = JSON.parse((await runCli(['models', '--json', ...url])).stdout)[0].spec.metadata;
  assert.deepEqual(meta, { owner: 'ml', tags: ['a', 'b'] });

  const rows = [[1, 2, 3], [0.5, -1, 4], [-2, 0, 0.25]];
  const csv = join(tempDir(t), 'rows.csv');
  writeFileSync(csv, `a,b,c\n${rows.map((r) => r.join(',')).join('\n')}\n`);
  const table = await runCli(['predict', 'churn', csv, ...url]);
  assert.equal(table.code, 0, table.stderr);
  const lines = table.stdout.trim().split('\n');
  assert.match(lines[0]!, /^row\s+y$/);
  assert.deepEqual(lines.slice(1).map((l) => Number(l.trim().split(/\s+/)[1])), linearByHand(rows, LINEAR));

  const asCsv = await runCli(['predict', 'churn', '-', '--csv', ...url], { input: JSON.stringify(rows) });
  assert.equal(asCsv.stdout, `y\n${linearByHand(rows, LINEAR).join('\n')}\n`);

  await fit(d.url, 'sales', { data: [1, 2, 3, 4] });
  const models = await runCli(['models', ...url]);
  assert.match(models.stdout, /churn\s+1\s+onnx\s+ready.*inputs x FP32 \[-1,3\] · outputs y FP32 \[-1,1\]/);
  assert.match(models.stdout, /sales\s+1\s+auto\s+ready.*series → forecast/);
});

test('CLI: refusals exit 1 with the server\'s reason; bad files are usage errors', async (t) => {
  const d = await startDaemon(t);
  const url = ['--url', d.url];
  const junk = join(tempDir(t), 'junk.onnx');
  writeFileSync(junk, 'not a model');
  const bad = await runCli(['deploy', junk, '--model', 'm', ...url]);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /onnxruntime cannot load it/);

  await runCli(['deploy', join(ONNX_FIXTURES, 'linear.onnx'), '--model', 'm', ...url]);
  const changed = await runCli(['deploy', join(ONNX_FIXTURES, 'mlp.onnx'), '--model', 'm', ...url]);
  assert.equal(changed.code, 1);
  assert.match(changed.stderr, /input 'x' shape: \[batch,3\] → \[batch,4\]/);
  assert.equal((await runCli(['deploy', join(ONNX_FIXTURES, 'mlp.onnx'), '--model', 'm', '--allow-signature-change', ...url])).code, 0);

  const wrongWidth = await runCli(['predict', 'm', '-', ...url], { input: '1,2,3\n' });
  assert.equal(wrongWidth.code, 1);
  assert.match(wrongWidth.stderr, /input 'x': dimension 1 is 3, the model expects 4/);
  const ragged = await runCli(['predict', 'm', '-', ...url], { input: '1,2,3,4\n5,6\n' });
  assert.equal(ragged.code, 2);
  assert.match(ragged.stderr, /row 2 has 2 values/);
});

test('onnxruntime is loaded by worker threads only: not by --help, client verbs or the daemon main thread', async (t) => {
  const env = { NODE_OPTIONS: `--import=${join(ONNX_FIXTURES, '..', '..', 'test', 'support', 'record-dlopen.mjs')}` };
  const mainThreadLibs = (stderr: string) => JSON.parse(/main-thread dlopen: (.*)\n/.exec(stderr)![1]!) as string[];
  const help = await runCli(['--help'], { env });
  assert.equal(help.code, 0);
  assert.ok(!mainThreadLibs(help.stderr).some((f) => f.includes('onnxruntime')));

  const d = await startDaemon(t, { env });
  await runCli(['deploy', join(ONNX_FIXTURES, 'linear.onnx'), '--model', 'm', '--url', d.url], { env });
  const predicted = await runCli(['predict', 'm', '-', '--csv', '--url', d.url], { input: '1,2,3\n', env });
  assert.equal(predicted.stdout, `y\n${linearByHand([[1, 2, 3]], LINEAR)[0]}\n`);
  assert.ok(!mainThreadLibs(predicted.stderr).some((f) => f.includes('onnxruntime')), 'the client loaded onnxruntime');
  assert.equal(await d.stop(), 0);
  const daemonLibs = mainThreadLibs(d.stderr());
  assert.ok(daemonLibs.some((f) => f.includes('better_sqlite3')), 'the recorder sees native modules');
  assert.ok(!daemonLibs.some((f) => f.includes('onnxruntime')), 'the daemon main thread loaded onnxruntime');
});
