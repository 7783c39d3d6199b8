// Elements of a JSON series must be numbers or null; strings are never coerced.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDataset, DatasetError } from '../../src/cli/dataset.ts';

const cases: [string, number, RegExp][] = [
  ['{"data":[1,2,3,"4"]}', 3, /^data\.json: data\[3\] is a string \("4"\)/],
  ['[1,true]', 1, /data\[1\] is a boolean/],
  ['[{"v":1}]', 0, /data\[0\] is an object/],
  ['[1,2,[3]]', 2, /data\[2\] is an array/],
];

for (const [text, index, message] of cases) {
  test(`rejects ${text}`, () => {
    assert.throws(
      () => parseDataset(text, { source: 'data.json' }),
      (e: unknown) => {
        assert.ok(e instanceof DatasetError);
        assert.equal(e.code, 'MODELAPI_ERR_DATASET');
        assert.equal(e.index, index);
        assert.match(e.message, message);
        return true;
      },
    );
  });
}
