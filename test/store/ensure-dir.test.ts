import { test } from 'node:test';
import assert from 'node:assert/strict';
import { statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureDir, type DirCalls } from '../../src/store/ensure-dir.ts';
import { explainOpenError } from '../../src/store/open-error.ts';
import { tempDir } from '../support/daemon.ts';

test('ensureDir makes every missing level and accepts one that exists', (t) => {
  const root = tempDir(t);
  const deep = join(root, 'a', 'b', 'c');
  ensureDir(deep);
  assert.ok(statSync(deep).isDirectory());
  ensureDir(deep);
  ensureDir(root);
});

test('ensureDir fails at once with the error of the level it could not make', (t) => {
  const file = join(tempDir(t), 'plain');
  writeFileSync(file, 'x');
  assert.throws(() => ensureDir(join(file, 'sub', 'dir')), { code: 'ENOTDIR' });
  assert.throws(() => ensureDir(file), { code: 'ENOTDIR', path: file });
});

test('ensureDir names a dangling symbolic link on the way', (t) => {
  const root = tempDir(t);
  const link = join(root, 'link');
  // 'junction' lets Windows make it without privileges; elsewhere the type is ignored.
  symlinkSync(join(root, 'gone'), link, 'junction');
  const err = catchOf(() => ensureDir(join(link, 'sub')));
  assert.equal(err.code, 'MODELAPI_DANGLING_SYMLINK');
  assert.equal(err.path, link);
  assert.match(explainOpenError(join(link, 'sub', 'models.db'), err).message, /link is a symbolic link to something that does not exist/);
});

// procfs answers mkdir with ENOENT under a directory that exists; Node's recursive mkdir then loops
// forever. These calls answer the same way on every platform.
test('ensureDir tries each level once where mkdir answers ENOENT for a parent that exists', () => {
  const made: string[] = [];
  const pseudo: DirCalls = {
    mkdir: (path) => {
      made.push(path);
      throw Object.assign(new Error(`ENOENT: no such file or directory, mkdir '${path}'`), { code: 'ENOENT', path });
    },
    isDirectory: (path) => (path === '/' || path === '/pseudo' ? true : undefined),
    isSymlink: () => false,
  };
  const err = catchOf(() => ensureDir('/pseudo/modelapi/deeper', pseudo));
  assert.deepEqual(made, ['/pseudo/modelapi']);
  assert.equal(err.code, 'ENOENT');
  const message = explainOpenError('/pseudo/modelapi/deeper/models.db', err).message;
  assert.match(message, /^\/pseudo\/modelapi\/deeper\/models\.db: \/pseudo\/modelapi cannot be created here; give --db a path in a writable directory$/);
});

function catchOf(fn: () => void): { code?: string; path?: string; message: string } {
  try {
    fn();
  } catch (err) {
    return err as { code?: string; path?: string; message: string };
  }
  assert.fail('expected a throw');
}
