import type { TimeIndex, VersionSummary } from '../../store/index.ts';
import { formatRange } from '../timestamps/index.ts';
import { KeysByModel } from '../../pool/index.ts';
import { forecastNumbers } from '../../forecasting/index.ts';

function historyTimes(index: TimeIndex, nObs: number, history: number) {
  const n = Math.min(history, nObs);
  return n > 0 ? { historyTimestamps: formatRange(index, nObs - n, n) } : {};
}

interface Query {
  h: number;
  levels: number[];
  history: number;
}

/** Numbers kept across all cached forecasts (~20 bytes each as JSON text, as much again as its bytes): bounds memory, not entry count. */
const MAX_CACHED_VALUES = 2_000_000;

/** A forecast answer, already serialised as the JSend body the routes send. */
export interface ForecastAnswer {
  version: number;
  body: string;
  /** The body as UTF-8 bytes, made on the first send and kept with the entry. */
  bytes?: Buffer;
  /** The body gzipped, made on the first request that accepts it and kept with the entry. */
  gzipped?: Promise<Buffer>;
  /** `gzipped` once it has resolved, for senders that cannot wait. */
  gzippedBytes?: Buffer;
}

/** An answer being computed, and the answer itself once it is there (read without awaiting). */
interface Entry {
  pending: Promise<ForecastAnswer>;
  settled?: ForecastAnswer;
}

const keyOf = (v: VersionSummary, q: Query) => `${v.model}@${v.version}#${v.nObs}|${q.h}|${q.levels.join(',')}|${q.history}`;

/**
 * A version's state is fixed by its number of observations (appends only add), so its forecast for the
 * same (nObs, h, levels) never changes: answers are
 * cached as response text (serialising ~2,500 numbers costs more than the rest of the request), and
 * identical requests that arrive together share one computation in the pool.
 */
export class ForecastCache {
  private readonly entries = new Map<string, Entry>();
  /** Each answer's weight (values held) and model. */
  private readonly meta = new Map<string, { size: number; model: string }>();
  private readonly keys = new KeysByModel();
  private values = 0;
  /** The key last moved to the end of `entries`. */
  private newest: string | undefined;

  /** The JSend body: the version's identity around the worker's already-serialised arrays. */
  static answer(v: VersionSummary, q: Query, arraysJson: string): ForecastAnswer {
    const times = v.timeIndex ? { timestamps: formatRange(v.timeIndex, v.nObs, q.h), ...historyTimes(v.timeIndex, v.nObs, q.history) } : {};
    const head = JSON.stringify({ model: v.model, version: v.version, nObs: v.nObs, kind: v.kind, h: q.h, ...times });
    return { version: v.version, body: `{"status":"success","data":${head.slice(0, -1)},${arraysJson.slice(1)}}` };
  }

  getOrCompute(v: VersionSummary, q: Query, compute: () => Promise<ForecastAnswer>): Promise<ForecastAnswer> {
    const key = keyOf(v, q);
    const hit = this.touch(key);
    if (hit) return hit.pending;
    const entry: Entry = { pending: compute() };
    const size = forecastNumbers(q.h, q.levels) + q.history;
    this.entries.set(key, entry);
    this.newest = key;
    this.meta.set(key, { size, model: v.model });
    this.keys.add(v.model, key);
    this.values += size;
    entry.pending.then(
      (answer) => (entry.settled = answer),
      // A failed computation must not be served again from the cache.
      () => this.evict(key, entry),
    );
    this.trim();
    return entry.pending;
  }

  /** The answer for this state and query if it is cached and computed already; counts as a hit. */
  settled(v: VersionSummary, q: Query): ForecastAnswer | undefined {
    return this.touch(keyOf(v, q))?.settled;
  }

  /** The entry, moved to the most recently used end. */
  private touch(key: string): Entry | undefined {
    const hit = this.entries.get(key);
    // Moved to the end unless it is already there: a delete and re-insert per hit leaves a hole in the
    // map's table each time, and the table is rebuilt as holes pile up.
    if (hit && key !== this.newest) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      this.newest = key;
    }
    return hit;
  }

  /**
   * Forgets every answer of a model: when it is deleted, and whenever its current version or its number
   * of observations changes (a fit, a deploy, an append). Forecasts are of the current state only, so
   * the old answers can never be served again; kept until the size bound pushed them out, they grew the
   * daemon's memory by ~1.5 MB a minute in the soak (an h = 500 answer of each superseded version).
   */
  dropModel(model: string): void {
    for (const key of this.keys.keysOf(model)) this.evict(key);
  }

  /** Answers held (for tests and the status page). */
  get size(): number {
    return this.entries.size;
  }

  private evict(key: string, expected?: Entry): void {
    if (expected && this.entries.get(key) !== expected) return;
    if (this.entries.delete(key)) {
      const meta = this.meta.get(key)!;
      this.meta.delete(key);
      this.values -= meta.size;
      this.keys.remove(meta.model, key);
    }
  }

  private trim(): void {
    while (this.values > MAX_CACHED_VALUES && this.entries.size > 1) {
      this.evict(this.entries.keys().next().value!);
    }
  }
}
