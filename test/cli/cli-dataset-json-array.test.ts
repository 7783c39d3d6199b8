// A bare JSON array is the series itself; a BOM and surrounding whitespace are tolerated.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDataset } from '../../src/cli/dataset.ts';

test('bare JSON array with nulls', () => {
  assert.deepEqual(parseDataset('[1, -2.5e3, null, 0]', { source: 'a.json' }), { data: [1, -2500, null, 0], options: {} });
});

test('BOM, CRLF and trailing blank lines around a JSON array', () => {
  const got = parseDataset('\ufeff\r\n[\r\n 4,\r\n 5\r\n]\r\n\r\n', { source: 'a.json' });
  assert.deepEqual(got.data, [4, 5]);
});

test('the column option is irrelevant to JSON and ignored', () => {
  assert.deepEqual(parseDataset('[7]', { source: 'a.json', column: 'value' }).data, [7]);
});
