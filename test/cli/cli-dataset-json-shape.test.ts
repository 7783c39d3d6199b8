// The object form needs a "data" key holding an array.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDataset, DatasetError } from '../../src/cli/dataset.ts';

test('"data" that is not an array', () => {
  assert.throws(() => parseDataset('{"data": {"a": 1}}', { source: 'data.json' }), (e: unknown) => {
    assert.ok(e instanceof DatasetError);
    assert.equal(e.code, 'MODELAPI_ERR_DATASET');
    assert.match(e.message, /^data\.json: "data" must be an array/);
    return true;
  });
});

test('object without "data"', () => {
  assert.throws(() => parseDataset('{"values": [1, 2]}', { source: 'data.json' }), (e: unknown) => {
    assert.ok(e instanceof DatasetError);
    assert.match(e.message, /^data\.json: missing "data"/);
    return true;
  });
});
