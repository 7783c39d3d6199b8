import { QueueFullError } from './queue-full.ts';

interface Waiter {
  bytes: number;
  start: () => void;
  fail: (err: Error) => void;
}

/**
 * Admission to a pool whose tasks are long (fits, backtests): at most `slots` run at once, and the
 * waiting ones are bounded by count and by bytes (their series), so a burst of big fits cannot take the
 * memory. A task starts only when a thread is free for it, which is what lets its time limit count
 * running time and not the wait.
 */
export class Admission {
  private running = 0;
  private readonly waiting: Waiter[] = [];
  private waitingBytes = 0;

  constructor(
    private readonly name: string,
    private readonly slots: number,
    private readonly maxWaiting: number,
    private readonly maxWaitingBytes: number,
  ) {}

  /** Resolves with a release function once a slot is ours; `signal` gives up the wait. */
  acquire(bytes: number, signal?: AbortSignal): Promise<() => void> {
    const release = () => this.release();
    if (this.running < this.slots && this.waiting.length === 0) {
      this.running++;
      return Promise.resolve(release);
    }
    if (this.waiting.length >= this.maxWaiting) return Promise.reject(new QueueFullError(this.name, `${this.waiting.length} tasks already wait`));
    if (this.waitingBytes + bytes > this.maxWaitingBytes) {
      return Promise.reject(new QueueFullError(this.name, `the waiting tasks' data would exceed ${this.maxWaitingBytes} bytes`));
    }
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        bytes,
        start: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve(release);
        },
        fail: reject,
      };
      const onAbort = () => {
        const i = this.waiting.indexOf(waiter);
        if (i < 0) return;
        this.waiting.splice(i, 1);
        this.waitingBytes -= bytes;
        reject(signal!.reason ?? new Error('aborted'));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(waiter);
      this.waitingBytes += bytes;
    });
  }

  private release(): void {
    const next = this.waiting.shift();
    if (!next) {
      this.running--;
      return;
    }
    this.waitingBytes -= next.bytes;
    next.start();
  }

  /** Slots taken: tasks running, and threads being replaced after a stopped or crashed task. */
  get active(): number {
    return this.running;
  }

  get queued(): number {
    return this.waiting.length;
  }
}
