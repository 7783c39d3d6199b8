// Files with nothing to fit are refused up front.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDataset, DatasetError } from '../../src/cli/dataset.ts';

const cases: [string, string, RegExp][] = [
  ['empty file', '', /^e\.txt: the file is empty$/],
  ['BOM and whitespace only', '\ufeff \r\n\r\n', /^e\.txt: the file is empty$/],
  ['empty JSON array', '[]', /^e\.txt: no numeric values at all/],
  ['only nulls', '{"data":[null,null]}', /^e\.txt: no numeric values at all \(all 2 values are missing\)/],
  ['only a header', 'value\n', /^e\.txt: no numeric values at all/],
  ['only NA', 'NA\nNA\n', /^e\.txt: no numeric values at all/],
];

for (const [name, text, message] of cases) {
  test(name, () => {
    assert.throws(() => parseDataset(text, { source: 'e.txt' }), (e: unknown) => {
      assert.ok(e instanceof DatasetError);
      assert.equal(e.code, 'MODELAPI_ERR_DATASET');
      assert.match(e.message, message);
      return true;
    });
  });
}
