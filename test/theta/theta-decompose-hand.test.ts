import { test } from 'node:test';
import assert from 'node:assert/strict';
import { centredMovingAverage, interpolateMissing, multiplicativeIndices } from '../../src/forecasting/theta/decompose.ts';

// Classical multiplicative decomposition worked by hand: centred MA, ratios y/trend averaged by
// position mod m, then scaled to average 1. Exact fractions, so only rounding separates us (1e-14).
const close = (got: number[], want: number[]) => {
  assert.equal(got.length, want.length);
  got.forEach((g, i) => assert.ok(Math.abs(g - want[i]!) < 1e-14, `[${i}] ${g} vs ${want[i]}`));
};

test('m = 2 alternating series: indices ½ and 3/2', () => {
  // 2×2 MA at t = 1..4 is (½·1 + 3 + ½·1)/2 = 2 or (½·3 + 1 + ½·3)/2 = 2; ratios 1/2 and 3/2.
  close(multiplicativeIndices([1, 3, 1, 3, 1, 3], 2), [0.5, 1.5]);
});

test('m = 3 (odd, plain 3-term MA) with growth', () => {
  const y = [2, 4, 6, 4, 8, 12, 6, 12, 18];
  // MA at t = 1..7: 4, 14/3, 6, 8, 26/3, 10, 12.
  close([...centredMovingAverage(y, 3)].slice(1, 8), [4, 14 / 3, 6, 8, 26 / 3, 10, 12]);
  // Ratios: t1 1, t2 9/7, t3 2/3, t4 1, t5 18/13, t6 3/5, t7 1. By position mod 3:
  const raw = [(2 / 3 + 3 / 5) / 2, (1 + 1 + 1) / 3, (9 / 7 + 18 / 13) / 2];
  const mean = (raw[0]! + raw[1]! + raw[2]!) / 3;
  close(multiplicativeIndices(y, 3), raw.map((v) => v / mean));
});

test('m = 4 (even, 2×4 MA with half weights at the ends)', () => {
  const y = [1, 2, 3, 4, 2, 4, 6, 8];
  // MA at t = 2..5: 10.5/4, 12/4, 14.5/4, 18/4; ratios 3/(10.5/4) = 8/7, 4/3, 2/(14.5/4) = 16/29, 8/9.
  close([...centredMovingAverage(y, 4)].slice(2, 6), [10.5 / 4, 3, 14.5 / 4, 4.5]);
  const raw = [16 / 29, 8 / 9, 8 / 7, 4 / 3]; // positions 0 (t4), 1 (t5), 2 (t2), 3 (t3)
  const mean = raw.reduce((a, b) => a + b, 0) / 4;
  close(multiplicativeIndices(y, 4), raw.map((v) => v / mean));
});

test('the moving average is undefined where its window runs off the series', () => {
  const ma = centredMovingAverage([1, 2, 3, 4, 2, 4, 6, 8], 4);
  assert.ok([0, 1, 6, 7].every((t) => Number.isNaN(ma[t]!)));
});

test('missing values are interpolated linearly, held flat at the ends', () => {
  close([...interpolateMissing([NaN, 2, NaN, NaN, 8, NaN])], [2, 2, 4, 6, 8, 8]);
  close([...interpolateMissing([1, 2, 3])], [1, 2, 3]);
});
