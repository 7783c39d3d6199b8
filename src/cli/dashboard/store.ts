import { reduce, type Action, type DashState } from './state.ts';

/** The clock and timer the store uses; tests pass a fake one and advance it by hand. */
export interface Timer {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimer: Timer = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};

/**
 * Holds the state and tells the view when it changed — at most once per `intervalMs`. Actions from the
 * stream are queued and applied together on a timer, so a burst of thousands of events costs one
 * redraw, not thousands. Key presses use `dispatchNow` so the screen answers them at once.
 */
export class Store {
  private state: DashState;
  private queue: Action[] = [];
  private pending: unknown;
  private lastFlush = -Infinity;
  private readonly listeners = new Set<() => void>();

  constructor(
    initial: DashState,
    private readonly timer: Timer = realTimer,
    readonly intervalMs = 100,
  ) {
    this.state = initial;
  }

  getState = (): DashState => this.state;

  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  dispatch(action: Action): void {
    this.queue.push(action);
    if (this.pending !== undefined) return;
    const wait = Math.max(0, this.lastFlush + this.intervalMs - this.timer.now());
    this.pending = this.timer.setTimeout(() => this.flush(), wait);
  }

  dispatchNow(action: Action): void {
    this.queue.push(action);
    this.flush();
  }

  /** Applies everything queued and notifies once. */
  flush(): void {
    if (this.pending !== undefined) this.timer.clearTimeout(this.pending);
    this.pending = undefined;
    this.lastFlush = this.timer.now();
    if (this.queue.length === 0) return;
    const queued = this.queue;
    this.queue = [];
    this.state = queued.reduce(reduce, this.state);
    for (const fn of this.listeners) fn();
  }

  /** Drops a scheduled flush (on quit), so no timer keeps the process alive. */
  close(): void {
    if (this.pending !== undefined) this.timer.clearTimeout(this.pending);
    this.pending = undefined;
    this.listeners.clear();
  }
}
