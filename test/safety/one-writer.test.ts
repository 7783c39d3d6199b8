import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { runCli, startDaemon, tempDir } from '../support/daemon.ts';
import { fit, forecast } from '../support/http.ts';

test('a second daemon on the same file refuses to start, naming the file, the holder and exit code 4', async (t) => {
  const db = join(tempDir(t), 'models.db');
  const first = await startDaemon(t, { db });
  assert.equal((await fit(first.url, 'm', { data: [1, 2, 3], kind: 'naive' })).status, 201);

  const second = await runCli(['serve', '--port', '0', '--db', db]);
  assert.equal(second.code, 4);
  assert.equal(second.stdout, '');
  assert.ok(second.stderr.includes(db), second.stderr);
  assert.match(second.stderr, new RegExp(`process ${first.proc.pid} on \\S+`));
  assert.equal(second.stderr.trim().split('\n').length, 1, 'one line');

  // The refused daemon touched nothing: the first one's version is still there and current.
  assert.equal((await forecast(first.url, 'm', 'h=1')).body.data.version, 1);
});

test('a crashed holder is taken over: the lock dies with the process, and the takeover is logged', async (t) => {
  const db = join(tempDir(t), 'models.db');
  const first = await startDaemon(t, { db });
  await fit(first.url, 'm', { data: [1, 2, 3], kind: 'naive' });
  await first.kill9();

  const second = await startDaemon(t, { db });
  assert.match(second.stderr(), /took the database over/);
  assert.ok(second.stderr().includes(String(first.proc.pid)), 'names the crashed holder');
  assert.equal((await forecast(second.url, 'm', 'h=1')).body.data.version, 1);
  assert.equal(await second.stop(), 0);

  // A clean stop releases the lock and leaves no holder behind: the next start is no takeover.
  const third = await startDaemon(t, { db });
  assert.doesNotMatch(third.stderr(), /took the database over/);
});

test('modelapi backup copies the live database while the daemon holds it', async (t) => {
  const dir = tempDir(t);
  const db = join(dir, 'models.db');
  const daemon = await startDaemon(t, { db });
  await fit(daemon.url, 'm', { data: [1, 2, 3], kind: 'naive' });
  await fit(daemon.url, 'm', { data: [1, 2, 4], kind: 'naive' });

  const copy = join(dir, 'copy.db');
  const out = await runCli(['backup', copy, '--db', db]);
  assert.equal(out.code, 0, out.stderr);
  const backup = new Database(copy, { readonly: true });
  t.after(() => backup.close());
  const rows = backup.prepare(`SELECT version, state FROM versions WHERE model = 'm' ORDER BY version`).all();
  assert.deepEqual(rows, [{ version: 1, state: 'ready' }, { version: 2, state: 'ready' }]);

  const again = await runCli(['backup', copy, '--db', db]);
  assert.equal(again.code, 2, 'an existing destination is not overwritten');
  assert.match(again.stderr, /already exists/);
});
