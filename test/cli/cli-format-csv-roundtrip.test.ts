// The forecast CSV keeps full precision: parsing it back gives the identical float64 values.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { forecastCsv } from '../../src/cli/format/csv.ts';
import { parseDataset } from '../../src/cli/dataset.ts';

const forecast = [0.1 + 0.2, 1 / 3, -123456.789012345, 5e-324, 1.7976931348623157e308];
const fc = {
  model: 'default',
  version: 2,
  kind: 'arima',
  h: 5,
  forecast,
  intervals: [
    { level: 95, lower: forecast.map((v) => v - Math.PI), upper: forecast.map((v) => v + Math.E) },
    { level: 80, lower: forecast.map((v) => v / 7), upper: forecast.map((v) => v * 1.1) },
  ],
};

test('header and step column', () => {
  const lines = forecastCsv(fc).trimEnd().split('\n');
  assert.equal(lines[0], 'step,forecast,lo80,hi80,lo95,hi95');
  assert.deepEqual(lines.slice(1).map((l) => l.split(',')[0]), ['1', '2', '3', '4', '5']);
});

test('every value parses back exactly', () => {
  const rows = forecastCsv(fc).trimEnd().split('\n').slice(1).map((l) => l.split(',').map(Number));
  const iv = (level: number) => fc.intervals.find((i) => i.level === level)!;
  rows.forEach((r, i) => {
    assert.deepEqual(r.slice(1), [forecast[i], iv(80).lower[i], iv(80).upper[i], iv(95).lower[i], iv(95).upper[i]]);
  });
});

test('the CSV is a valid dataset file for `modelapi fit`', () => {
  assert.deepEqual(parseDataset(forecastCsv(fc), { source: 'fc.csv', column: 'forecast' }).data, forecast);
});

test('NaN becomes an empty cell', () => {
  const out = forecastCsv({ ...fc, h: 1, forecast: [NaN], intervals: [] });
  assert.equal(out, 'step,forecast\n1,\n');
});
