import { ApiError } from '../errors.ts';
import { LockTimeoutError, RwLock, type LockCounts, type Release } from './rw-lock.ts';

/** One RwLock per model name, created on first use and dropped when idle so the map stays small. */
export class ModelLocks {
  private readonly locks = new Map<string, RwLock>();

  private lockFor(model: string): RwLock {
    let lock = this.locks.get(model);
    if (!lock) {
      lock = new RwLock();
      this.locks.set(model, lock);
    }
    return lock;
  }

  private wrap(model: string, lock: RwLock, release: Release): Release {
    return () => {
      release();
      if (lock.idle && this.locks.get(model) === lock) this.locks.delete(model);
    };
  }

  read(model: string, timeoutMs: number): Promise<Release> {
    return this.acquire('read', model, timeoutMs);
  }

  write(model: string, timeoutMs: number): Promise<Release> {
    return this.acquire('write', model, timeoutMs);
  }

  private async acquire(mode: 'read' | 'write', model: string, timeoutMs: number): Promise<Release> {
    const lock = this.lockFor(model);
    try {
      return this.wrap(model, lock, await lock[mode](timeoutMs));
    } finally {
      this.dropIfIdle(model, lock);
    }
  }

  private dropIfIdle(model: string, lock: RwLock): void {
    if (lock.idle && this.locks.get(model) === lock) this.locks.delete(model);
  }

  /**
   * The lock for a fit or deploy (write) or a read (forecast, infer), bounded by `timeoutMs`; expiry is a
   * 503 MODELAPI_ERR_LOCK_TIMEOUT with Retry-After, and the lock stays free.
   */
  async acquireOrBusy(mode: 'read' | 'write', model: string, timeoutMs: number): Promise<Release> {
    try {
      return await this.acquire(mode, model, timeoutMs);
    } catch (err) {
      if (!(err instanceof LockTimeoutError)) throw err;
      throw new ApiError('MODELAPI_ERR_LOCK_TIMEOUT', `model '${model}' is busy: ${err.message}`, {
        retryAfterSeconds: Math.max(1, Math.ceil(timeoutMs / 1000 / 4)),
      });
    }
  }

  /** Whether a reader would be admitted at once: no write holds or waits for the model's lock. */
  readableNow(model: string): boolean {
    const c = this.locks.get(model)?.state;
    return c === undefined || (!c.writerActive && c.writersWaiting === 0);
  }

  /**
   * A synchronous read under the model's read lock (a forecast or infer choosing its version). When no
   * write holds or waits for the lock it runs at once without taking it: it sees what it would see
   * holding it, and the hottest paths save the lock's promise. Otherwise it waits like any reader.
   */
  async readSync<T>(model: string, timeoutMs: number, read: () => T): Promise<T> {
    if (this.readableNow(model)) return read();
    const release = await this.acquireOrBusy('read', model, timeoutMs);
    try {
      return read();
    } finally {
      release();
    }
  }

  /** Models whose lock is held or waited for (idle locks are dropped, so this is what is in flight). */
  get busyModels(): string[] {
    return [...this.locks.keys()];
  }

  counts(model: string): LockCounts {
    return { ...(this.locks.get(model)?.state ?? { readersWaiting: 0, writersWaiting: 0, readersActive: 0, writerActive: false }) };
  }
}
