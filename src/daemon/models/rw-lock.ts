import { Semaphore } from 'async-mutex';

/**
 * A FIFO read-write lock built on async-mutex's Semaphore, whose queue is strictly first-come: a waiter
 * at the head blocks everyone behind it. Readers take one permit, writers take all of them, so:
 * readers share; a writer waits for earlier readers; a reader that arrives after a writer waits for it;
 * and a reader never waits for a writer that arrived after it.
 *
 * The permit count is kept small because the semaphore scans permits on every release.
 */
const PERMITS = 256;

export type Release = () => void;

export class LockTimeoutError extends Error {
  readonly waitedMs: number;
  constructor(mode: 'read' | 'write', waitedMs: number) {
    super(`timed out after ${waitedMs} ms waiting for the ${mode} lock`);
    this.name = 'LockTimeoutError';
    this.waitedMs = waitedMs;
  }
}

export interface LockCounts {
  readersWaiting: number;
  writersWaiting: number;
  readersActive: number;
  writerActive: boolean;
}

export class RwLock {
  private readonly sem = new Semaphore(PERMITS);
  private counts: LockCounts = { readersWaiting: 0, writersWaiting: 0, readersActive: 0, writerActive: false };

  get state(): Readonly<LockCounts> {
    return this.counts;
  }

  /** True when nobody holds or waits for the lock (the registry may then drop it). */
  get idle(): boolean {
    const c = this.counts;
    return c.readersWaiting === 0 && c.writersWaiting === 0 && c.readersActive === 0 && !c.writerActive;
  }

  read(timeoutMs: number): Promise<Release> {
    return this.acquire('read', timeoutMs);
  }

  write(timeoutMs: number): Promise<Release> {
    return this.acquire('write', timeoutMs);
  }

  private acquire(mode: 'read' | 'write', timeoutMs: number): Promise<Release> {
    const weight = mode === 'read' ? 1 : PERMITS;
    const c = this.counts;
    // Admitted at once, so no timeout timer is needed: a reader with no writer running or queued (every
    // forecast's path when no fit is in progress), or a writer at an idle lock (nearly every append's).
    const immediate = mode === 'read' ? !c.writerActive && c.writersWaiting === 0 && c.readersActive < PERMITS : this.idle;
    if (mode === 'read') c.readersWaiting++;
    else c.writersWaiting++;
    const started = performance.now();
    return new Promise<Release>((resolve, reject) => {
      let timedOut = false;
      const timer = immediate ? undefined : setTimeout(() => {
        timedOut = true;
        if (mode === 'read') c.readersWaiting--;
        else c.writersWaiting--;
        reject(new LockTimeoutError(mode, Math.round(performance.now() - started)));
      }, timeoutMs);
      // The semaphore cannot drop a queued waiter, so a timed-out waiter keeps its place and hands
      // the permits straight back when its turn comes; FIFO order for everyone else is unchanged.
      void this.sem.acquire(weight).then(([, releaseSem]) => {
        if (timedOut) {
          releaseSem();
          return;
        }
        clearTimeout(timer);
        if (mode === 'read') {
          c.readersWaiting--;
          c.readersActive++;
        } else {
          c.writersWaiting--;
          c.writerActive = true;
        }
        let released = false;
        resolve(() => {
          if (released) return;
          released = true;
          if (mode === 'read') c.readersActive--;
          else c.writerActive = false;
          releaseSem();
        });
      });
    });
  }
}
