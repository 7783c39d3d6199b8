// One number per line: CRLF, BOM, missing markers, blank trailing lines.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDataset } from '../../src/cli/dataset.ts';

test('plain lines', () => {
  assert.deepEqual(parseDataset('1\n2.5\n-3e2\n.5\n+4\n', { source: 'y.txt' }), { data: [1, 2.5, -300, 0.5, 4], options: {} });
});

test('CRLF, BOM, surrounding spaces and trailing blank lines', () => {
  assert.deepEqual(parseDataset('\ufeff 10 \r\n20\r\n\r\n  \r\n', { source: 'y.txt' }).data, [10, 20]);
});

test('a blank line in the middle is a missing value', () => {
  assert.deepEqual(parseDataset('1\n\n3\n', { source: 'y.txt' }).data, [1, null, 3]);
});

test('no newline at the end', () => {
  assert.deepEqual(parseDataset('5\n6', { source: 'y.txt' }).data, [5, 6]);
});
