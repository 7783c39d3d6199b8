// Awkward inputs still produce a chart of the promised shape instead of throwing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { forecastPlot, MIN_HEIGHT } from '../../src/cli/format/plot.ts';

const base = { model: 'm', version: 1, kind: 'naive' };
const band = (f: number[], d: number) => [{ level: 95, lower: f.map((v) => v - d), upper: f.map((v) => v + d) }];

test('NaN and null in the history', () => {
  const f = [3, 3];
  const out = forecastPlot([1, NaN, null, 2, NaN], { ...base, h: 2, forecast: f, intervals: band(f, 1) }, { width: 40, height: 8 });
  assert.equal(out.split('\n').length, 10);
  assert.ok(out.includes('•') && out.includes('*') && out.includes('░'));
  assert.ok(!out.includes('NaN'));
});

test('a horizon much longer than the width is grouped into columns', () => {
  const f = Array.from({ length: 5000 }, (_, i) => Math.sqrt(i));
  const lines = forecastPlot([1, 2, 3], { ...base, h: 5000, forecast: f, intervals: band(f, 2) }, { width: 50, height: 10 }).split('\n');
  assert.equal(lines.length, 12);
  for (const l of lines) assert.ok(l.length <= 50);
  assert.match(lines[11]!, /steps\/col/);
});

test('a constant series', () => {
  const f = [7, 7, 7];
  const out = forecastPlot([7, 7, 7, 7], { ...base, h: 3, forecast: f, intervals: band(f, 0) }, { width: 30, height: 6 });
  assert.equal(out.split('\n').length, 8);
  assert.ok(!/NaN|Infinity/.test(out));
  assert.ok(out.includes('•') && out.includes('*'));
});

test('sizes below the minimum are raised to it', () => {
  const f = [1, 2];
  for (const [width, height] of [[0, 0], [1, 1], [-5, 2], [NaN, NaN]]) {
    const lines = forecastPlot([1, 2, 3], { ...base, h: 2, forecast: f, intervals: band(f, 1) }, { width: width!, height: height! }).split('\n');
    assert.equal(lines.length, MIN_HEIGHT + 2);
  }
});

test('nothing to draw at all', () => {
  const out = forecastPlot([], { ...base, h: 0, forecast: [], intervals: [] }, { width: 20, height: 4 });
  assert.equal(out.split('\n').length, 6);
  const allMissing = forecastPlot([NaN, null], { ...base, h: 1, forecast: [NaN], intervals: band([NaN], 1) }, { width: 20, height: 4 });
  assert.equal(allMissing.split('\n').length, 6);
});

test('colour adds ANSI codes but not lines', () => {
  const f = [2, 3];
  const out = forecastPlot([1, 2], { ...base, h: 2, forecast: f, intervals: band(f, 1) }, { width: 30, height: 5, color: true });
  assert.equal(out.split('\n').length, 7);
  assert.match(out, /\x1b\[[\d;]+m/);
});
