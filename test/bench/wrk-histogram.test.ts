/**
 * bench/support/wrk-histogram.ts undoes wrk 4.1's coordinated-omission correction. The reference here is the
 * correction itself, applied forward as wrk's stats_correct does it (src/stats.c: for n from 2e up to
 * the maximum, data[n]'s count added at n − e, n − 2e, … while above e) to random histograms:
 * undoing it must give back exactly the histogram it started from.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { correctionInterval, percentile, uncorrected, type Histogram } from '../../bench/support/wrk-histogram.ts';

function corrected(recorded: Histogram, e: number): Histogram {
  const max = recorded.length ? recorded[recorded.length - 1]![0] : 0;
  const data = new Array<number>(max + 1).fill(0);
  for (const [v, c] of recorded) data[v] += c;
  for (let n = 2 * e; n <= max; n++) {
    const count = data[n]!;
    for (let m = n - e; count && m > e; m -= e) data[m] += count;
  }
  const out: Histogram = [];
  data.forEach((c, v) => c && out.push([v, c]));
  return out;
}

function lcg(seed: number) {
  return () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

test('undoing the correction gives back the recorded histogram, on random histograms', () => {
  const rand = lcg(11);
  for (let trial = 0; trial < 200; trial++) {
    const e = 1 + Math.floor(rand() * 60);
    const byValue = new Map<number, number>();
    const samples = 1 + Math.floor(rand() * 400);
    for (let i = 0; i < samples; i++) {
      // Mostly near e, a tail out to 40e: the shape of a load with a few long waits.
      const v = rand() < 0.9 ? Math.floor(rand() * 2 * e) : Math.floor(rand() * 40 * e);
      byValue.set(v, (byValue.get(v) ?? 0) + 1 + Math.floor(rand() * 3));
    }
    const recorded: Histogram = [...byValue].sort((a, b) => a[0] - b[0]);
    const reported = corrected(recorded, e);
    assert.deepEqual(uncorrected(reported, e), recorded, `trial ${trial}, e = ${e}`);
  }
});

test('one request held 80 ms among 1 ms ones: wrk reports ~80 samples of it, per request it is one', () => {
  const recorded: Histogram = [[900, 9_999], [80_000, 1]];
  const reported = corrected(recorded, 1_000);
  assert.equal(reported.reduce((n, [, c]) => n + c, 0), 10_000 + 78); // 79 000, 78 000, … 2 000
  assert.deepEqual(uncorrected(reported, 1_000), recorded);
  // At p99.9 (rank 9,990 of 10,000, or of 10,078) the per-request figure is a fast request's; wrk's
  // corrected one is a synthetic sample of the held request's wait.
  assert.equal(percentile(uncorrected(reported, 1_000), 99.9), 900);
  assert.ok(percentile(reported, 99.9) >= 2_000, 'the corrected p99.9 lies among the synthetic samples');
});

test('percentile follows wrk\'s rank rule, as a sorted list of the samples does', () => {
  const rand = lcg(5);
  const h: Histogram = [];
  let v = 0;
  for (let i = 0; i < 50; i++) h.push([(v += 1 + Math.floor(rand() * 20)), 1 + Math.floor(rand() * 5)]);
  const sorted = h.flatMap(([x, c]) => new Array<number>(c).fill(x));
  // (p100 is rank count + 1 by that rule, which wrk answers with 0: not asked for here.)
  for (const p of [0, 1, 50, 90, 99, 99.9]) {
    const rank = Math.max(1, Math.round((p / 100) * sorted.length + 0.5));
    assert.equal(percentile(h, p), sorted[rank - 1], `p${p}`);
  }
});

test('the interval is run time over requests per connection, in integer µs as wrk computes it', () => {
  assert.equal(correctionInterval(10_000_000, 325_000, 32), Math.floor(10_000_000 / Math.floor(325_000 / 32)));
  assert.equal(correctionInterval(10_000_000, 20, 32), 0); // fewer requests than connections: no correction
});
