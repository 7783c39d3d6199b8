// Every row of the forecast table has its columns ending at the same positions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { forecastTable } from '../../src/cli/format/table.ts';

const forecast = [9.5, 10.25, 1234.5, -3, 0];
const fc = {
  model: 'default',
  version: 3,
  kind: 'naive',
  h: 5,
  forecast,
  intervals: [
    { level: 95, lower: forecast.map((v) => v - 20), upper: forecast.map((v) => v + 20) },
    { level: 80, lower: forecast.map((v) => v - 10), upper: forecast.map((v) => v + 10) },
  ],
};

test('header line, then right-aligned columns of equal width', () => {
  const lines = forecastTable(fc).split('\n');
  assert.equal(lines[0], 'model default · version 3 · naive · 5 steps');
  assert.deepEqual(lines[1]!.trim().split(/\s+/), ['step', 'forecast', 'lo80', 'hi80', 'lo95', 'hi95']);
  const body = lines.slice(1);
  assert.equal(body.length, 6);
  assert.equal(new Set(body.map((l) => l.length)).size, 1, 'all rows equally long');
  // Right alignment: each column's cells end where its header ends.
  const ends = [...body[0]!.matchAll(/\S+/g)].map((m) => m.index! + m[0].length);
  for (const line of body) assert.deepEqual([...line.matchAll(/\S+/g)].map((m) => m.index! + m[0].length), ends);
});

test('a one-step forecast says "1 step"', () => {
  const one = { ...fc, h: 1, forecast: [1], intervals: [] };
  assert.equal(forecastTable(one).split('\n')[0], 'model default · version 3 · naive · 1 step');
});
