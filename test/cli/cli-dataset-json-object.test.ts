// A JSON object file carries the series in "data" and any other fit options beside it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDataset } from '../../src/cli/dataset.ts';

test('JSON object: data is returned, the other keys become options', () => {
  const text = '{"data": [1.5, null, 3], "kind": "arima", "period": 12, "order": [1, 0, 1]}';
  const got = parseDataset(text, { source: 'data.json' });
  assert.deepEqual(got.data, [1.5, null, 3]);
  assert.deepEqual(got.options, { kind: 'arima', period: 12, order: [1, 0, 1] });
  assert.equal('data' in got.options, false);
});

test('JSON object with only data has empty options', () => {
  assert.deepEqual(parseDataset('{"data":[1,2]}', { source: 'x.json' }), { data: [1, 2], options: {} });
});
