import { test } from 'node:test';
import assert from 'node:assert/strict';
import { countObserved, meanIgnoringNaN, varianceIgnoringNaN } from '../../src/forecasting/stats.ts';

test('NaN-aware summaries skip missing values', () => {
  const y = [2, NaN, 4, NaN, 9];
  assert.equal(countObserved(y), 3);
  assert.equal(meanIgnoringNaN(y), 5);
  assert.equal(varianceIgnoringNaN(y), (9 + 1 + 16) / 2);
  assert.ok(Number.isNaN(meanIgnoringNaN([NaN])));
  assert.ok(Number.isNaN(varianceIgnoringNaN([1, NaN])));
});
