// NA, NaN, null and empty cells are missing values (null) in line and CSV files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDataset } from '../../src/cli/dataset.ts';

test('missing markers in a line file, any case', () => {
  assert.deepEqual(parseDataset('1\nNA\nNaN\nnull\nna\n2\n', { source: 'y.txt' }).data, [1, null, null, null, null, 2]);
});

test('missing markers and empty cells in a CSV column', () => {
  const text = 'date,value\n2024-01,1\n2024-02,\n2024-03,NA\n2024-04,"NaN"\n2024-05,null\n2024-06,6\n';
  assert.deepEqual(parseDataset(text, { source: 'y.csv' }).data, [1, null, null, null, null, 6]);
});

test('a leading missing value is not mistaken for a header', () => {
  assert.deepEqual(parseDataset('NA\n1\n2\n', { source: 'y.txt' }).data, [null, 1, 2]);
});
