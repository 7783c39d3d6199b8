// The generic table used by `modelapi models` and `versions`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { alignedTable } from '../../src/cli/format/table.ts';

test('numbers right, text left by default; no trailing spaces', () => {
  const out = alignedTable(['name', 'versions', 'kind'], [['default', '3', 'naive'], ['sales-weekly', '12', 'arima']]);
  assert.equal(out, ['name          versions  kind', 'default              3  naive', 'sales-weekly        12  arima'].join('\n'));
});

test('explicit alignment and ragged rows', () => {
  const out = alignedTable(['a', 'b'], [['x'], ['long', 'y']], ['r', 'l']).split('\n');
  assert.deepEqual(out, ['   a  b', '   x', 'long  y']);
});

test('no rows prints the header only', () => {
  assert.equal(alignedTable(['name', 'created'], []), 'name  created');
});
