import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bar, sparkline } from '../../src/cli/dashboard/sparkline.ts';

const BLOCKS = '▁▂▃▄▅▆▇█';
const level = (ch: string) => BLOCKS.indexOf(ch);

test('sparkline: one block a value; the max is full, zero is lowest, any positive value shows', () => {
  assert.equal(sparkline([]), '');
  assert.equal(sparkline([0, 0, 0]), '▁▁▁');
  assert.equal(sparkline([0, 1, 7]), '▁▂█');
  assert.equal(sparkline([0.001, 1000]), '▂█');
  assert.equal(sparkline([NaN, -3, 5]), '▁▁█');
});

test('sparkline: brute force — order preserved, max full, only the last `width` values kept', () => {
  let seed = 7;
  const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  for (let round = 0; round < 500; round++) {
    const n = Math.floor(rand() * 70);
    const vs = Array.from({ length: n }, () => (rand() < 0.3 ? 0 : Math.floor(rand() * 100)));
    const width = Math.floor(rand() * 80);
    const s = sparkline(vs, width);
    const kept = width <= 0 ? [] : vs.slice(-width);
    assert.equal([...s].length, kept.length);
    const max = Math.max(0, ...kept);
    [...s].forEach((ch, i) => {
      const v = kept[i]!;
      assert.ok(level(ch) >= 0);
      if (v === 0) assert.equal(level(ch), 0);
      else assert.ok(level(ch) >= 1);
      if (v === max && max > 0) assert.equal(level(ch), 7);
      for (let j = 0; j < kept.length; j++) {
        if (kept[j]! < v) assert.ok(level([...s][j]!) <= level(ch), 'monotone in the value');
      }
    });
  }
});

test('bar: exact width; empty only for nothing, full only at or over max', () => {
  for (let width = 0; width <= 12; width++) {
    for (let max = 0; max <= 10; max++) {
      for (let value = 0; value <= 12; value++) {
        const b = bar(value, max, width);
        assert.equal(b.length, width);
        assert.match(b, /^█*░*$/);
        const filled = b.split('█').length - 1;
        if (width === 0) continue;
        if (value === 0 || max === 0) assert.equal(filled, 0);
        else if (value >= max) assert.equal(filled, width);
        else {
          assert.ok(filled >= 1 && (filled < width || width === 1), `bar(${value}, ${max}, ${width}) = ${b}`);
          assert.ok(Math.abs(filled - (value / max) * width) <= 1);
        }
      }
    }
  }
});
