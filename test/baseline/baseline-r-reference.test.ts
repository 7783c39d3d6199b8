import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { naiveKind, snaiveKind } from '../../src/forecasting/baseline/index.ts';

// R forecast 8.20's naive() and snaive() on the forecast-dev series, 95% intervals, to 1e-6 relative
// (the fixtures print ten significant digits).
const dir = new URL('../../fixtures/forecast-dev/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));

interface RForecast {
  mean: number[];
  lo95: number[];
  hi95: number[];
}

function assertClose(actual: Float64Array, expected: number[], what: string): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < expected.length; i++) {
    const err = Math.abs(actual[i]! - expected[i]!) / Math.max(1, Math.abs(expected[i]!));
    assert.ok(err <= 1e-6, `${what}[${i}]: got ${actual[i]}, R ${expected[i]}`);
  }
}

test('there are ten fixture series', () => {
  assert.equal(files.length, 10);
});

for (const file of files) {
  const d = JSON.parse(readFileSync(new URL(file, dir), 'utf8'));
  const y = Float64Array.from(d.train as number[]);
  const compare = (got: ReturnType<typeof naiveKind.forecast>, r: RForecast, what: string) => {
    assertClose(got.mean, r.mean, `${what} mean`);
    assertClose(got.intervals[0]!.lower, r.lo95, `${what} lo95`);
    assertClose(got.intervals[0]!.upper, r.hi95, `${what} hi95`);
  };

  test(`naive matches R on ${d.name}`, () => {
    const spec = naiveKind.parseSpec({ period: d.frequency });
    const model = naiveKind.fit(y, spec, {});
    compare(naiveKind.forecast(model, d.h, [95]), d.r.naive, 'naive');
  });

  test(`snaive matches R on ${d.name}`, () => {
    // R's snaive on a frequency-1 series is the lag-1 walk, i.e. naive; ours insists on period ≥ 2.
    const kind = d.frequency >= 2 ? snaiveKind : naiveKind;
    const spec = kind.parseSpec({ period: d.frequency });
    const model = kind.fit(y, spec, {});
    compare(kind.forecast(model, d.h, [95]), d.r.snaive, 'snaive');
  });
}

test('intervals come back in the order the levels were asked for', () => {
  const y = Float64Array.from([5, 7, 6, 9, 8, 10]);
  const model = naiveKind.fit(y, naiveKind.parseSpec({}), {});
  const fc = naiveKind.forecast(model, 3, [95, 80, 99]);
  assert.deepEqual(
    fc.intervals.map((i) => i.level),
    [95, 80, 99],
  );
  assert.ok(fc.intervals[0]!.upper[0]! > fc.intervals[1]!.upper[0]!);
  assert.ok(fc.intervals[2]!.upper[0]! > fc.intervals[0]!.upper[0]!);
});
