// With several columns, `column` picks one; otherwise the only numeric column is used, or the error lists them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDataset, DatasetError } from '../../src/cli/dataset.ts';

const csv = 'month,sales,returns\n2024-01,10,1\n2024-02,12,2\n';

test('column picks by header name', () => {
  assert.deepEqual(parseDataset(csv, { source: 'm.csv', column: 'returns' }).data, [1, 2]);
});

test('column name match falls back to case-insensitive', () => {
  assert.deepEqual(parseDataset(csv, { source: 'm.csv', column: 'Sales' }).data, [10, 12]);
});

test('ambiguous columns without `column`: the error lists the names', () => {
  assert.throws(() => parseDataset(csv, { source: 'm.csv' }), (e: unknown) => {
    assert.ok(e instanceof DatasetError);
    assert.equal(e.code, 'MODELAPI_ERR_DATASET');
    assert.match(e.message, /^m\.csv: has 3 columns \(month, sales, returns\)/);
    return true;
  });
});

test('unknown column: the error lists the names', () => {
  assert.throws(() => parseDataset(csv, { source: 'm.csv', column: 'profit' }), (e: unknown) => {
    assert.ok(e instanceof DatasetError);
    assert.match(e.message, /no column "profit"; the columns are: month, sales, returns/);
    return true;
  });
});

test('a label column beside one numeric column needs no `column`', () => {
  assert.deepEqual(parseDataset('date;temp\n2024-01-01;3.5\n2024-01-02;4\n', { source: 't.csv' }).data, [3.5, 4]);
  assert.deepEqual(parseDataset('date\ttemp\nmon\t1\ntue\t2\n', { source: 't.tsv' }).data, [1, 2]);
});

test('headerless CSV accepts a 1-based column position', () => {
  assert.deepEqual(parseDataset('1,2\n3,4\n', { source: 'n.csv', column: '2' }).data, [2, 4]);
});
