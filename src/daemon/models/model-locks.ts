import { RwLock, type LockCounts, type Release } from './rw-lock.ts';

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

  counts(model: string): LockCounts {
    return { ...(this.locks.get(model)?.state ?? { readersWaiting: 0, writersWaiting: 0, readersActive: 0, writerActive: false }) };
  }
}
