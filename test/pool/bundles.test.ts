import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleUrl, projectRoot, sourceKey } from '../../src/bundles.mjs';
import { runCli, tempDir } from '../support/daemon.ts';

/** A project of three sources: an entry that imports one module statically and one lazily. */
function miniProject(root: string): void {
  mkdirSync(join(root, 'src'), { recursive: true });
  mkdirSync(join(root, 'bin'));
  writeFileSync(join(root, 'package.json'), '{"type":"module"}');
  writeFileSync(join(root, 'tsconfig.json'), '{}');
  writeFileSync(join(root, 'src', 'value.ts'), 'export const value: number = 1;\n');
  writeFileSync(join(root, 'src', 'lazy.ts'), "export const lazy = 'lazy';\n");
  writeFileSync(
    join(root, 'src', 'entry.ts'),
    [
      "import { value } from './value.ts';",
      `import { projectRoot } from ${JSON.stringify(join(projectRoot, 'src', 'bundles.mjs'))};`,
      'export { value, projectRoot };',
      "export const loadLazy = () => import('./lazy.ts');",
    ].join('\n'),
  );
}

test('a bundle is built once per state of the sources and rebuilt when one changes', async (t) => {
  const root = tempDir(t);
  miniProject(root);
  const first = await bundleUrl('t', 'src/entry.ts', root);
  assert.ok(first, 'built');
  assert.ok(fileURLToPath(first).startsWith(join(root, 'node_modules', '.cache', 'modelapi', `t-${sourceKey(root)}`)));
  const m1 = await import(first);
  assert.equal(m1.value, 1);
  assert.equal(m1.projectRoot, root, 'the bundle knows the root it was built from, not its own folder');
  assert.equal((await m1.loadLazy()).lazy, 'lazy', 'a dynamic import is a chunk beside the entry');
  assert.equal(await bundleUrl('t', 'src/entry.ts', root), first, 'unchanged sources: the same bundle');

  writeFileSync(join(root, 'src', 'value.ts'), 'export const value: number = 22;\n');
  const second = await bundleUrl('t', 'src/entry.ts', root);
  assert.ok(second && second !== first, 'an edited source gets a new bundle');
  assert.equal((await import(second)).value, 22);
  assert.ok(existsSync(fileURLToPath(first)), 'the older bundle stays for processes still running it');
});

test('the key follows every source: same size but a new mtime, an added file, a removed one', (t) => {
  const root = tempDir(t);
  miniProject(root);
  const k0 = sourceKey(root);
  assert.equal(sourceKey(root), k0);
  utimesSync(join(root, 'src', 'lazy.ts'), new Date(), new Date(Date.now() + 5000));
  const k1 = sourceKey(root);
  assert.notEqual(k1, k0);
  writeFileSync(join(root, 'bin', 'extra.ts'), '');
  const k2 = sourceKey(root);
  assert.notEqual(k2, k1);
  // A production image holds no tsconfig.json: that is a state of its own, not a failure.
  rmSync(join(root, 'tsconfig.json'));
  assert.notEqual(sourceKey(root), k2);
});

test('sources that do not build give no bundle (the caller falls back to tsx)', async (t) => {
  const root = tempDir(t);
  miniProject(root);
  writeFileSync(join(root, 'src', 'value.ts'), 'export const value = ;\n');
  assert.equal(await bundleUrl('t', 'src/entry.ts', root), undefined);
});

test('the modelapi command runs from the bundle of the current sources', async () => {
  const out = await runCli(['--version']);
  assert.equal(out.code, 0, out.stderr);
  assert.ok(existsSync(join(projectRoot, 'node_modules', '.cache', 'modelapi', `cli-${sourceKey()}`, 'modelapi.js')));
});
