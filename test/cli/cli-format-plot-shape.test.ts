// The chart is exactly `height` rows plus the x-axis and legend, each within `width`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { forecastPlot } from '../../src/cli/format/plot.ts';

const history = Array.from({ length: 200 }, (_, i) => 50 + 10 * Math.sin(i / 5));
const forecast = Array.from({ length: 30 }, (_, i) => 55 + i / 10);
const fc = {
  model: 'default',
  version: 1,
  kind: 'arima',
  h: 30,
  forecast,
  intervals: [{ level: 95, lower: forecast.map((v, i) => v - 2 - i / 3), upper: forecast.map((v, i) => v + 2 + i / 3) }],
};

for (const [width, height] of [[80, 20], [60, 8], [120, 40]] as const) {
  test(`${width}x${height}`, () => {
    const lines = forecastPlot(history, fc, { width, height }).split('\n');
    assert.equal(lines.length, height + 2);
    for (const l of lines) assert.ok(l.length <= width, `line too long: ${JSON.stringify(l)}`);
    assert.equal(new Set(lines.slice(0, height + 1).map((l) => l.length)).size, 1, 'chart lines equally wide');
  });
}

test('y-axis labelled with the max on top and the min at the bottom', () => {
  const lines = forecastPlot([0, 10], { ...fc, h: 1, forecast: [5], intervals: [] }, { width: 40, height: 11 }).split('\n');
  assert.match(lines[0]!, /^10 ┤/);
  assert.match(lines[5]!, /^ 5 ┤/);
  assert.match(lines[10]!, /^ 0 ┤/);
  assert.match(lines[3]!, /^ {3}│/);
});

test('the axis marks where the history ends and the legend explains it', () => {
  const lines = forecastPlot([1, 2, 3], { ...fc, h: 2, forecast: [4, 5], intervals: [] }, { width: 40, height: 5 }).split('\n');
  const axis = lines[5]!;
  const start = axis.indexOf('└') + 1;
  assert.equal(axis.indexOf('┴') - start, 2, 'under the third (last) history column');
  const lastHistoryColumn = lines.slice(0, 5).map((l) => l[start + 2]);
  assert.ok(lastHistoryColumn.includes('•'));
  assert.match(lines[6]!, /• history +\* forecast +┴ end of data/);
});
