// Values that float64 cannot hold are errors, not silent Infinity or 0.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDataset, DatasetError } from '../../src/cli/dataset.ts';

function message(text: string, source: string): string {
  try {
    parseDataset(text, { source });
  } catch (e) {
    assert.ok(e instanceof DatasetError);
    assert.equal(e.code, 'MODELAPI_ERR_DATASET');
    return e.message;
  }
  assert.fail('expected a DatasetError');
}

test('overflow in a JSON array names the index', () => {
  assert.equal(message('[1, 2, 1e400]', 'big.json'), 'big.json: data[2] is beyond the float64 range');
});

test('overflow in a line file names the line', () => {
  assert.equal(message('1\n-2e999\n', 'big.txt'), "big.txt line 2: '-2e999' is beyond the float64 range");
});

test('underflow to zero in CSV names the line', () => {
  assert.equal(message('v\n1\n3e-400\n', 'tiny.csv'), "tiny.csv line 3: '3e-400' is beyond the float64 range");
});

test('the largest finite values and true zeros are fine', () => {
  assert.deepEqual(parseDataset('1.7976931348623157e308\n0.000\n-0e5\n', { source: 'ok.txt' }).data, [1.7976931348623157e308, 0, -0]);
});
