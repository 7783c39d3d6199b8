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

  /**
   * Whether a reader would be admitted at once: no write holds or waits for the model's lock. A reader
   * whose whole read is synchronous can then read without taking the lock; it sees what it would have
   * seen holding it, and saves the lock's promise on the hottest paths.
   */
  readableNow(model: string): boolean {
    const c = this.locks.get(model)?.state;
    return c === undefined || (!c.writerActive && c.writersWaiting === 0);
  }

  /** Models whose lock is held or waited for (idle locks are dropped, so this is what is in flight). */
  get busyModels(): string[] {
    return [...this.locks.keys()];
  }

  counts(model: string): LockCounts {
    return { ...(this.locks.get(model)?.state ?? { readersWaiting: 0, writersWaiting: 0, readersActive: 0, writerActive: false }) };
  }
}
