import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeJob, type JobRow } from '../../src/cli/commands/jobs.ts';
import { runCli, startDaemon } from '../support/daemon.ts';

test('fit --async prints the job; jobs lists it; job --wait prints how it ended (exit 1 when it failed)', async (t) => {
  const d = await startDaemon(t);
  const url = ['--url', d.url];
  const started = await runCli(['fit', '-', '--async', '-m', 'sales', '-k', 'naive', ...url], { input: '1\n2\n3\n' });
  assert.equal(started.code, 0, started.stderr);
  const id = /^job (\S+) · fit sales · (queued|running|succeeded) · follow it with: modelapi job \1 --wait\n$/.exec(started.stdout)?.[1];
  assert.ok(id, started.stdout);
  const waited = await runCli(['job', id, '--wait', ...url]);
  assert.deepEqual([waited.code, waited.stdout], [0, `job ${id} · fit sales · succeeded · version 1 (n = 3)\n`]);
  const listed = await runCli(['jobs', ...url]);
  assert.match(listed.stdout, new RegExp(`${id}\\s+fit\\s+sales\\s+succeeded`));

  const failing = await runCli(['fit', '-', '--async', '--json', '-m', 'g', '-k', 'gated', '-o', 'fail=true', ...url], { input: '1\n2\n' });
  const failed = await runCli(['job', JSON.parse(failing.stdout).id, '--wait', ...url]);
  assert.equal(failed.code, 1);
  assert.match(failed.stdout, /failed: MODELAPI_ERR_FIT_FAILED/);
  assert.equal((await runCli(['job', 'no-such-job', ...url])).code, 1);
});

test('the progress line of a running job says its state, how long, and its progress', () => {
  const row: JobRow = {
    id: 'j1', type: 'fit', model: 'sales', state: 'running', progress: { done: 3, of: 10 },
    createdAt: '2026-01-01T00:00:00.000Z', startedAt: '2026-01-01T00:00:05.000Z', finishedAt: null,
  };
  assert.equal(describeJob(row, Date.parse('2026-01-01T00:00:17.000Z')), 'job j1 · fit sales · running 12s · done 3, of 10');
});
