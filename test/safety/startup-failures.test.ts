import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { runCli, tempDir } from '../support/daemon.ts';

/** Each failure: exit 2, one line on stderr naming the path or option, no stack trace. */
async function assertRefused(args: string[], names: string, says: RegExp, as?: { uid: number; gid: number }): Promise<void> {
  const out = await runCli(['serve', '--port', '0', ...args], { as });
  assert.equal(out.code, 2, out.stderr);
  assert.equal(out.stdout, '');
  const lines = out.stderr.trim().split('\n');
  assert.equal(lines.length, 1, `one line, got:\n${out.stderr}`);
  assert.ok(lines[0]!.includes(names), `names ${names}: ${lines[0]}`);
  assert.match(lines[0]!, says);
  assert.doesNotMatch(out.stderr, /\n\s+at /, 'no stack trace');
}

test('--db a directory', async (t) => {
  const dir = join(tempDir(t), 'a-dir');
  mkdirSync(dir);
  await assertRefused(['--db', dir], dir, /is a directory; give --db a file path/);
});

test('--db a text file', async (t) => {
  const file = join(tempDir(t), 'notes.txt');
  writeFileSync(file, 'not a database\n'.repeat(100));
  await assertRefused(['--db', file], file, /is not a SQLite database/);
});

test('--db a schema from the future', async (t) => {
  const file = join(tempDir(t), 'future.db');
  const db = new Database(file);
  db.pragma('user_version = 999');
  db.close();
  await assertRefused(['--db', file], file, /newer modelapi \(schema 999/);
});

test('--db under a file', async (t) => {
  const file = join(tempDir(t), 'plain');
  writeFileSync(file, 'x');
  await assertRefused(['--db', join(file, 'models.db')], join(file, 'models.db'), /parent of this path is a file/);
});

/** The unprivileged user a root test process runs the command as ("nobody"), so permissions apply. */
const NOBODY = { uid: 65534, gid: 65534 };

test('--db in a read-only directory', async (t) => {
  const root = tempDir(t);
  const dir = join(root, 'ro');
  mkdirSync(dir);
  // Empty, so the temporary directory's removal needs no write permission in it.
  chmodSync(dir, 0o555);
  // Root writes through any mode bits: as root, the daemon runs as nobody, who may enter the temporary
  // directory but not write in `ro`.
  const asRoot = process.getuid?.() === 0;
  if (asRoot) chmodSync(root, 0o755);
  await assertRefused(['--db', join(dir, 'models.db')], join(dir, 'models.db'), /cannot be (written|opened)/, asRoot ? NOBODY : undefined);
});

// mkdir answers EEXIST for a link whose target is gone; the message once said "a file".
test('--db under a dangling symbolic link', async (t) => {
  const root = tempDir(t);
  const link = join(root, 'link');
  symlinkSync(join(root, 'gone'), link, 'junction');
  await assertRefused(['--db', join(link, 'sub', 'models.db')], link, /is a symbolic link to something that does not exist/);
});

test('bad options and a missing kinds module name the option', async (t) => {
  const db = join(tempDir(t), 'models.db');
  await assertRefused(['--db', db, '--fit-timeout', 'soon'], '--fit-timeout', /positive duration/);
  await assertRefused(['--db', db, '--kinds-module', join(tempDir(t), 'missing.ts')], '--kinds-module', /cannot load/);
  await assertRefused(['--db', db, '--host', '203.0.113.7', '--insecure'], '--host', /not an address of this machine/);
});
