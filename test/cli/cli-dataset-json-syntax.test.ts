// Malformed JSON is reported with the line and column of the first bad character.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDataset, DatasetError } from '../../src/cli/dataset.ts';

function fails(text: string): DatasetError {
  try {
    parseDataset(text, { source: 'data.json' });
  } catch (e) {
    assert.ok(e instanceof DatasetError);
    assert.equal(e.code, 'MODELAPI_ERR_DATASET');
    return e;
  }
  assert.fail('expected a DatasetError');
}

test('stray comma on line 3', () => {
  const e = fails('{\n  "data": [1,\n  2,,3]\n}');
  assert.equal(e.line, 3);
  assert.match(e.message, /^data\.json line 3: invalid JSON at column 5/);
});

test('unquoted word', () => {
  assert.match(fails('[1, 2, abc]').message, /^data\.json line 1: invalid JSON at column 8/);
});

test('NaN is not JSON', () => {
  assert.match(fails('[1,\nNaN]').message, /^data\.json line 2: invalid JSON at column 1/);
});

test('truncated file', () => {
  const e = fails('{"data": [1, 2,\n3');
  assert.equal(e.line, 2);
  assert.match(e.message, /ends early/);
});
