// Numbers in a column share one number of decimals, sized to the column's magnitude.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { forecastTable, formatColumn } from '../../src/cli/format/table.ts';

const decimals = (s: string): number => (s.includes('.') ? s.split('.')[1]!.length : 0);

test('same decimals within a column', () => {
  const cells = formatColumn([812.3456, 1, 99.99999, -0.5]);
  assert.deepEqual(cells, ['812.35', '1.00', '100.00', '-0.50']);
});

test('decimals follow the magnitude', () => {
  assert.deepEqual(formatColumn([17.12345]), ['17.123']);
  assert.deepEqual(formatColumn([0.0123456]), ['0.012346']);
  assert.deepEqual(formatColumn([123456.7]), ['123457']);
  assert.deepEqual(formatColumn([2.5e15]), ['2.5000e+15']);
});

test('NaN, infinities and negative zero', () => {
  assert.deepEqual(formatColumn([NaN, Infinity, -Infinity, -0.00001, 5]), ['NaN', 'Inf', '-Inf', '0.0000', '5.0000']);
});

test('each table column is consistent', () => {
  const fc = { model: 'm', version: 1, kind: 'ets', h: 3, forecast: [1.5, 22.25, 3], intervals: [{ level: 0.9, lower: [0.001, 0.002, 0.003], upper: [100, 200, 300.5] }] };
  const rows = forecastTable(fc).split('\n').slice(2).map((l) => l.trim().split(/\s+/));
  for (let c = 1; c < 4; c++) assert.equal(new Set(rows.map((r) => decimals(r[c]!))).size, 1, `column ${c}`);
  assert.match(forecastTable(fc).split('\n')[1]!, /lo90 +hi90$/);
});
