/**
 * wrk 4.1's latency histogram without its coordinated-omission correction. Before reporting, wrk runs
 * stats_correct(e) (src/stats.c), e = run time / requests per connection: for each recorded latency
 * n ≥ 2e it adds one synthetic sample at each n − k·e that is still above e. So a value v > e received
 * one sample from every recorded latency v + k·e (k ≥ 1), and, from the largest value down, the
 * recorded count at v is wrk's count there minus the recorded counts at v + e, v + 2e, …
 */

/** [latency µs, count] pairs, ascending by latency. */
export type Histogram = [number, number][];

/** The interval wrk corrects with: run time over requests per connection, in integer µs as in C. */
export function correctionInterval(durationUs: number, requests: number, connections: number): number {
  const perConnection = Math.floor(requests / connections);
  return perConnection > 0 ? Math.floor(durationUs / perConnection) : 0;
}

/** The recorded histogram from the one wrk reports (both ascending), given its interval e. */
export function uncorrected(reported: Histogram, e: number): Histogram {
  const own = new Map<number, number>();
  const top = reported.length ? reported[reported.length - 1]![0] : 0;
  const out: Histogram = [];
  for (let i = reported.length - 1; i >= 0; i--) {
    const [v, reportedCount] = reported[i]!;
    let c = reportedCount;
    if (e > 0 && v > e) for (let k = v + e; k <= top; k += e) c -= own.get(k) ?? 0;
    own.set(v, c);
    if (c !== 0) out.push([v, c]);
  }
  return out.reverse();
}

/** The number of samples. */
export const total = (h: Histogram) => h.reduce((n, [, c]) => n + c, 0);

/** The samples above `v`, in the histogram's unit. */
export const countAbove = (h: Histogram, v: number) => h.reduce((n, [x, c]) => (x > v ? n + c : n), 0);

/** wrk's own rank rule (stats_percentile), in the histogram's unit. */
export function percentile(h: Histogram, p: number): number {
  const rank = Math.round((p / 100) * total(h) + 0.5);
  let seen = 0;
  for (const [v, c] of h) if ((seen += c) >= rank) return v;
  return 0;
}
