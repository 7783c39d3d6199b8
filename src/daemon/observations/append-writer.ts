import type { NewObservations, ModelStore } from '../../store/index.ts';

interface Pending {
  append: NewObservations;
  resolve: () => void;
  reject: (err: unknown) => void;
}

/**
 * Group commit: appends that arrive within one turn of the event loop (many sensors, one point each)
 * are written in one SQLite transaction, so they share one fsync; each caller is acknowledged only
 * after the transaction holding its append has committed.
 */
export class AppendWriter {
  private pending: Pending[] = [];
  private scheduled = false;
  /** Transactions and appends written, for the status page and the benchmark. */
  commits = 0;
  appends = 0;

  constructor(private readonly store: ModelStore) {}

  write(append: NewObservations): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ append, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    const batch = this.pending;
    this.pending = [];
    this.scheduled = false;
    try {
      this.commit(batch);
    } catch {
      // One bad append must not fail its neighbours: retry each alone, so only it is refused.
      for (const p of batch) {
        try {
          this.commit([p]);
        } catch (err) {
          p.reject(err);
        }
      }
    }
  }

  private commit(batch: Pending[]): void {
    this.store.observations.append(batch.map((p) => p.append));
    this.commits++;
    this.appends += batch.length;
    for (const p of batch) p.resolve();
  }
}
