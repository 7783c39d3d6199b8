import { test } from 'node:test';
import assert from 'node:assert/strict';
import { thetaKind } from '../../src/forecasting/theta/index.ts';

const fit = (y: number[], period: number) => thetaKind.fit(Float64Array.from(y), thetaKind.parseSpec({ period }), {});
const sine = (n: number, m: number) => Array.from({ length: n }, (_, t) => 100 + 10 * Math.sin((2 * Math.PI * t) / m));

/** Park–Miller generator and Box–Muller, so the noise is the same on every run. */
function noise(n: number, seed: number): number[] {
  let s = seed;
  const u = () => (s = (s * 16807) % 2147483647) / 2147483647;
  return Array.from({ length: n }, () => Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u()));
}

test('a pure sine season is seasonal, and its continuation is forecast', () => {
  const model = fit(sine(48, 12), 12);
  assert.equal(model.metrics.seasonal, 'true');
  // The 2×12 moving average of a whole sine period is exactly its mean, so the indices are y/100
  // and the adjusted series is flat at 100: forecasts are the sine itself, up to rounding.
  const fc = thetaKind.forecast(model, 24, [95]);
  const truth = sine(72, 12).slice(48);
  fc.mean.forEach((v, j) => assert.ok(Math.abs(v - truth[j]!) < 1e-9, `h=${j + 1}: ${v} vs ${truth[j]}`));
});

test('white noise is not seasonal', () => {
  assert.equal(fit(noise(120, 42).map((v) => 50 + v), 12).metrics.seasonal, 'false');
});

test('on white noise the test rejects about 10% of the time, as a 90% test should', () => {
  // 300 independent series: the count of false positives is Binomial(300, ~0.1), sd ≈ 5.2, so
  // 12..48 (about ±3.5 sd) fails only if the test's size is badly off.
  let rejections = 0;
  for (let seed = 1; seed <= 300; seed++) {
    if (fit(noise(96, seed * 7919).map((v) => 50 + v), 12).metrics.seasonal === 'true') rejections++;
  }
  assert.ok(rejections >= 12 && rejections <= 48, `${rejections} of 300`);
});

test('fewer than two full periods, period 1, or a constant series are never seasonal', () => {
  // A spike every 12th value: the statistic is significant at 23 values as at 24 (2.27 and 2.33 >
  // 1.645), but classical decomposition needs two full periods, so 23 stays non-seasonal.
  const spikes = Array.from({ length: 24 }, (_, t) => (t % 12 === 0 ? 10 : 1));
  assert.equal(fit(spikes, 12).metrics.seasonal, 'true');
  assert.equal(fit(spikes.slice(0, 23), 12).metrics.seasonal, 'false');
  assert.equal(fit(sine(48, 12), 1).metrics.seasonal, 'false');
  const flat = fit(new Array(36).fill(5), 12);
  assert.equal(flat.metrics.seasonal, 'false');
  assert.deepEqual([...thetaKind.forecast(flat, 3, []).mean], [5, 5, 5]);
});
