import type { ForecastResult } from '../pool/index.ts';
import type { VersionSummary } from '../store/index.ts';
import { toJsonNumbers } from './series-input.ts';

export interface ForecastView {
  model: string;
  version: number;
  kind: string;
  h: number;
  forecast: (number | null)[];
  intervals: { level: number; lower: (number | null)[]; upper: (number | null)[] }[];
  history?: (number | null)[];
}

interface Query {
  h: number;
  levels: number[];
  history: number;
}

/** Numbers kept across all cached forecasts (~8 bytes each): bounds memory, not entry count. */
const MAX_CACHED_VALUES = 5_000_000;

/**
 * A version never changes, so its forecast for the same (h, levels) never changes either: answers are
 * cached, and identical requests that arrive together share one computation in the pool.
 */
export class ForecastCache {
  private readonly entries = new Map<string, Promise<ForecastView>>();
  private readonly sizes = new Map<string, number>();
  private values = 0;

  static view(v: VersionSummary, q: Query, r: Extract<ForecastResult, { ok: true }>): ForecastView {
    return {
      model: v.model,
      version: v.version,
      kind: v.kind,
      h: q.h,
      forecast: toJsonNumbers(r.mean),
      intervals: r.intervals.map((i) => ({ level: i.level, lower: toJsonNumbers(i.lower), upper: toJsonNumbers(i.upper) })),
      ...(q.history > 0 ? { history: toJsonNumbers(r.history) } : {}),
    };
  }

  getOrCompute(v: VersionSummary, q: Query, compute: () => Promise<ForecastView>): Promise<ForecastView> {
    const key = `${v.model}@${v.version}|${q.h}|${q.levels.join(',')}|${q.history}`;
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const pending = compute();
    const size = q.h * (1 + 2 * q.levels.length) + q.history;
    this.entries.set(key, pending);
    this.sizes.set(key, size);
    this.values += size;
    // A failed computation must not be served again from the cache.
    pending.catch(() => this.evict(key, pending));
    this.trim();
    return pending;
  }

  private evict(key: string, expected?: Promise<ForecastView>): void {
    if (expected && this.entries.get(key) !== expected) return;
    if (this.entries.delete(key)) {
      this.values -= this.sizes.get(key) ?? 0;
      this.sizes.delete(key);
    }
  }

  private trim(): void {
    while (this.values > MAX_CACHED_VALUES && this.entries.size > 1) {
      this.evict(this.entries.keys().next().value!);
    }
  }
}
