import { test } from 'node:test';
import assert from 'node:assert/strict';
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureDir } from '../../src/store/ensure-dir.ts';
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
  if (process.platform === 'linux') {
    // Node's own recursive mkdir spins forever on this path.
    assert.throws(() => ensureDir('/proc/modelapi/deeper'), { code: 'ENOENT', path: '/proc/modelapi' });
  }
});
