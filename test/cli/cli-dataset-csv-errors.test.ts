// Bad cells and ragged rows are reported with their line number.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDataset, DatasetError } from '../../src/cli/dataset.ts';

function fails(text: string, column?: string): DatasetError {
  try {
    parseDataset(text, { source: 'data.csv', column });
  } catch (e) {
    assert.ok(e instanceof DatasetError);
    assert.equal(e.code, 'MODELAPI_ERR_DATASET');
    return e;
  }
  assert.fail('expected a DatasetError');
}

test('a word on line 7', () => {
  const e = fails('value\n1\n2\n3\n4\n5\nabc\n8\n');
  assert.equal(e.line, 7);
  assert.equal(e.message, "data.csv line 7: 'abc' is not a number");
});

test('the bad cell of a multi-column file names its column', () => {
  assert.equal(fails('a,b\n1,2\n3,x\n', 'b').message, "data.csv line 3: 'x' (b) is not a number");
});

test('a row with the wrong number of cells', () => {
  const e = fails('a,b\n1,2\n3,4,5\n', 'a');
  assert.equal(e.message, 'data.csv line 3: expected 2 cells, found 3');
});

test('no coercion of hex, Infinity or thousands separators', () => {
  assert.match(fails('0x10\n').message, /line 1: '0x10' is not a number/);
  assert.match(fails('1\nInfinity\n').message, /line 2: 'Infinity' is not a number/);
  assert.match(fails('v\n1 000\n').message, /line 2: '1 000' is not a number/);
});
