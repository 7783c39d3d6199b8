// The interval band is shaded between the lower and upper bound, and the forecast lies inside it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { forecastPlot } from '../../src/cli/format/plot.ts';

const forecast = Array.from({ length: 20 }, () => 100);
const fc = {
  model: 'default',
  version: 1,
  kind: 'naive',
  h: 20,
  forecast,
  intervals: [
    { level: 80, lower: forecast.map((v, i) => v - 2 * (i + 1)), upper: forecast.map((v, i) => v + 2 * (i + 1)) },
    { level: 95, lower: forecast.map((v, i) => v - 3 * (i + 1)), upper: forecast.map((v, i) => v + 3 * (i + 1)) },
  ],
};
const history = Array.from({ length: 40 }, (_, i) => 100 + (i % 5) - 2);

function grid(text: string, height: number): string[][] {
  const rows = text.split('\n').slice(0, height);
  const start = rows[0]!.search(/[┤│]/) + 1;
  return rows.map((r) => [...r.slice(start)]);
}

function columnsWith(g: string[][], ch: string): number[] {
  return g[0]!.map((_, x) => x).filter((x) => g.some((row) => row[x] === ch));
}

test('each forecast column has a contiguous band around its point', () => {
  const height = 21;
  const g = grid(forecastPlot(history, fc, { width: 70, height }), height);
  const fcCols = columnsWith(g, '*');
  assert.equal(fcCols.length, 20);
  for (const x of fcCols) {
    const col = g.map((row) => row[x]);
    const marked = col.map((c, r) => (c === '░' || c === '*' ? r : -1)).filter((r) => r >= 0);
    const [top, bottom] = [marked[0]!, marked[marked.length - 1]!];
    assert.equal(marked.length, bottom - top + 1, `band in column ${x} has gaps`);
    const star = col.indexOf('*');
    assert.ok(top <= star && star <= bottom);
  }
  assert.ok(g.flat().filter((c) => c === '░').length > 40, 'band is shaded');
  // The band widens with the horizon: the last column spans more rows than the first.
  const span = (x: number): number => g.filter((row) => row[x] === '░' || row[x] === '*').length;
  assert.ok(span(fcCols[fcCols.length - 1]!) > span(fcCols[0]!));
});

test('history is left of the forecast and never shaded', () => {
  const g = grid(forecastPlot(history, fc, { width: 70, height: 15 }), 15);
  const hist = columnsWith(g, '•');
  const fut = columnsWith(g, '*');
  assert.ok(Math.max(...hist) < Math.min(...fut));
  for (const x of hist) assert.ok(!g.some((row) => row[x] === '░'));
});

test('the level option picks the band; the widest is the default', () => {
  assert.match(forecastPlot(history, fc, { width: 70, height: 10 }).split('\n').pop()!, /░ 95%/);
  assert.match(forecastPlot(history, fc, { width: 70, height: 10, level: 0.8 }).split('\n').pop()!, /░ 80%/);
  assert.match(forecastPlot(history, fc, { width: 70, height: 10, level: 90 }).split('\n').pop()!, /░ (80|95)%/);
});
