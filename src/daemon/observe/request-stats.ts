/**
 * Live request figures per route for /v1/status and the dashboard: one-second buckets over the last
 * minute, each with a log-scale latency histogram, so quantiles cost the same at 10 or 10,000 req/s.
 */
const WINDOW_S = 60;
// Bucket upper bounds in ms: 0.05 ms · 1.25^k, up to ~2 min.
const BOUNDS = Array.from({ length: 66 }, (_, k) => 0.05 * 1.25 ** k);

interface Second {
  at: number; // whole second (epoch s) this bucket holds
  count: number;
  errors: number;
  hist: Uint32Array;
}

export interface RouteFigures {
  route: string;
  /** Requests per second over the last 10 s. */
  rate: number;
  p50Ms: number | null;
  p99Ms: number | null;
  /** Answers with status ≥ 500 in the last 10 s. */
  errors: number;
  /** Requests in each of the last 60 seconds, oldest first (for sparklines). */
  perSecond: number[];
}

function bucketOf(ms: number): number {
  let lo = 0;
  let hi = BOUNDS.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ms <= BOUNDS[mid]!) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

class RouteWindow {
  private readonly seconds: Second[] = Array.from({ length: WINDOW_S }, () => ({ at: -1, count: 0, errors: 0, hist: new Uint32Array(BOUNDS.length) }));

  record(nowS: number, ms: number, isError: boolean): void {
    const slot = this.seconds[nowS % WINDOW_S]!;
    if (slot.at !== nowS) {
      slot.at = nowS;
      slot.count = 0;
      slot.errors = 0;
      slot.hist.fill(0);
    }
    slot.count++;
    if (isError) slot.errors++;
    slot.hist[bucketOf(ms)]!++;
  }

  figures(route: string, nowS: number): RouteFigures {
    const hist = new Uint32Array(BOUNDS.length);
    let count = 0;
    let errors = 0;
    const perSecond: number[] = [];
    for (let s = nowS - WINDOW_S + 1; s <= nowS; s++) {
      const slot = this.seconds[s % WINDOW_S]!;
      const n = slot.at === s ? slot.count : 0;
      perSecond.push(n);
      if (slot.at === s && s > nowS - 10) {
        count += slot.count;
        errors += slot.errors;
        for (let b = 0; b < hist.length; b++) hist[b]! += slot.hist[b]!;
      }
    }
    const quantile = (q: number): number | null => {
      if (count === 0) return null;
      let seen = 0;
      for (let b = 0; b < hist.length; b++) {
        seen += hist[b]!;
        if (seen >= q * count) return BOUNDS[b]!;
      }
      return BOUNDS[BOUNDS.length - 1]!;
    };
    return { route, rate: count / 10, p50Ms: quantile(0.5), p99Ms: quantile(0.99), errors, perSecond };
  }
}

export class RequestStats {
  private readonly routes = new Map<string, RouteWindow>();
  constructor(private readonly clock: () => number = Date.now) {}

  record(route: string, ms: number, status: number): void {
    let w = this.routes.get(route);
    if (!w) {
      w = new RouteWindow();
      this.routes.set(route, w);
    }
    w.record(Math.floor(this.clock() / 1000), ms, status >= 500);
  }

  snapshot(): RouteFigures[] {
    const nowS = Math.floor(this.clock() / 1000);
    return [...this.routes.entries()].map(([route, w]) => w.figures(route, nowS)).sort((a, b) => a.route.localeCompare(b.route));
  }
}
