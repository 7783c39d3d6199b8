import { closeSync, fdatasync, fdatasyncSync, openSync } from 'node:fs';

/**
 * Makes committed writes durable without stalling the event loop. The writer commits with
 * `synchronous = NORMAL`: a commit appends its pages to the WAL file (in the OS's cache, so a killed
 * process loses nothing) and returns at once, and the fsync that `synchronous = FULL` would run inside
 * every commit, on the main thread, runs here instead, on libuv's thread pool, before the answer is sent.
 * Answers waiting at the same moment share one fsync (group commit). Once it returns, every frame
 * committed before it began is on disk, so an acknowledged write survives power loss as with FULL;
 * checkpoints copy those frames into the database and fsync both files before the WAL is reused.
 *
 * Whether there is anything to make durable is read from SQLite's count of rows this connection has
 * changed (`total_changes()`, ~1 µs): a request that wrote nothing never waits.
 */
export class WalSync {
  private fd: number | undefined;
  /**
   * total_changes() when the last completed fsync began: everything up to it is on disk. Nothing is
   * taken as durable until the first fsync (the store runs durableNow() once it has opened).
   */
  private durableAt = -1;
  /** The fsync in flight, and total_changes() when it began. */
  private running: { at: number; done: Promise<void> } | undefined;
  /** The one fsync that starts after the running one, shared by everyone who asked meanwhile. */
  private queued: Promise<void> | undefined;
  /** fsyncs run, for /metrics and tests. */
  syncs = 0;

  constructor(
    private readonly walPath: string,
    private readonly changes: () => number,
  ) {}

  /** True when a write was committed that no finished fsync covers. */
  pending(): boolean {
    return this.changes() !== this.durableAt;
  }

  /** A mark of the writes committed so far, for durableUpTo: the count only grows. */
  mark(): number {
    return this.changes();
  }

  /** True when every write committed before `mark` was taken is on disk. */
  isDurable(mark: number): boolean {
    return mark <= this.durableAt;
  }

  /**
   * Resolves once the writes committed before `mark` was taken are on disk: a running fsync that began
   * after them is enough, where durable() would also wait for one covering later writes.
   */
  durableUpTo(mark: number): Promise<void> {
    if (mark <= this.durableAt) return Promise.resolve();
    if (this.running && this.running.at >= mark) return this.running.done;
    return this.durable();
  }

  /** Resolves once every write committed before this call is on disk. */
  durable(): Promise<void> {
    const now = this.changes();
    if (now === this.durableAt) return Promise.resolve();
    if (this.running?.at === now) return this.running.done;
    // A queued fsync reads the count when it starts, after this call: it covers these writes too.
    if (this.queued) return this.queued;
    if (!this.running) return this.start();
    // The running fsync began before some of these writes: the next one covers them.
    return (this.queued ??= this.running.done.then(
      () => this.startQueued(),
      () => this.startQueued(),
    ));
  }

  /** Synchronous, for start-up (what opening wrote: migrations), where nothing else waits. */
  durableNow(): void {
    const at = this.changes();
    fdatasyncSync(this.walFd());
    this.durableAt = at;
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  private startQueued(): Promise<void> {
    this.queued = undefined;
    return this.start();
  }

  private start(): Promise<void> {
    const at = this.changes();
    let fd: number;
    try {
      fd = this.walFd();
    } catch (err) {
      return Promise.reject(err);
    }
    const done = new Promise<void>((resolve, reject) => {
      fdatasync(fd, (err) => {
        this.running = undefined;
        if (err) return reject(err);
        this.syncs++;
        if (at > this.durableAt) this.durableAt = at;
        resolve();
      });
    });
    this.running = { at, done };
    // A failed fsync is reported to each waiter; it must not also surface as an unhandled rejection.
    done.catch(() => {});
    return done;
  }

  /**
   * The WAL file lives as long as the writer's connection (SQLite removes it only when the last
   * connection closes), so one descriptor serves the daemon's life. Opened for writing because some
   * systems refuse to fsync a read-only descriptor; nothing is ever written through it.
   */
  private walFd(): number {
    return (this.fd ??= openSync(this.walPath, 'r+'));
  }
}
