// A single-column CSV may start with a header row; it is skipped, not parsed as a value.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDataset, DatasetError } from '../../src/cli/dataset.ts';

test('header row is skipped', () => {
  assert.deepEqual(parseDataset('sales\n10\n11\n', { source: 's.csv' }).data, [10, 11]);
});

test('quoted header and values', () => {
  assert.deepEqual(parseDataset('"sales"\r\n"10"\r\n11\r\n', { source: 's.csv' }).data, [10, 11]);
});

test('without a header the first row is data', () => {
  assert.deepEqual(parseDataset('10\n11\n', { source: 's.csv' }).data, [10, 11]);
});

test('a number-like typo on line 1 is reported, not taken as a header', () => {
  assert.throws(() => parseDataset('12a\n13\n', { source: 's.csv' }), (e: unknown) => {
    assert.ok(e instanceof DatasetError);
    assert.equal(e.message, "s.csv line 1: '12a' is not a number");
    return true;
  });
});
