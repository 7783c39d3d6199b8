import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { projectRoot } from '../bundles.mjs';

/** What a checkpoint reported: frames in the WAL and frames copied into the database. */
export interface CheckpointReport {
  busy: number;
  log: number;
  checkpointed: number;
}

/**
 * Copies the WAL into the database on a thread of its own. SQLite's automatic checkpoint runs inside
 * the commit that crosses 1000 WAL pages, on the committing thread: for the daemon that is the event
 * loop, stalled ~10 ms each time (1000 pages written, two fsyncs) — under a stream of appends, every
 * second or so. This thread's own connection runs a PASSIVE checkpoint (it never blocks the writer or the
 * readers) every `intervalMs`; the writer's automatic checkpoint stays as a backstop at a far larger WAL
 * (db.ts), should this thread ever fall behind or die.
 */
export class Checkpointer {
  private readonly worker: Worker;
  private readonly closed = new Int32Array(new SharedArrayBuffer(4));
  /**
   * Checkpoints that copied something, and the last failure (for tests). A failing thread loses nothing:
   * the writer's own backstop checkpoint then keeps the WAL bounded.
   */
  checkpoints = 0;
  lastError: string | undefined;

  constructor(dbPath: string, intervalMs = 200, onReport: (r: CheckpointReport) => void = () => {}) {
    this.worker = new Worker(join(projectRoot, 'src', 'store', 'checkpoint-thread.mjs'), { workerData: { dbPath, intervalMs, closed: this.closed } });
    // The thread must not keep a stopping process alive, nor take the daemon down with it.
    this.worker.unref();
    this.worker.on('message', (m: CheckpointReport | { error: string }) => {
      if ('error' in m) {
        this.lastError = m.error;
        return;
      }
      this.checkpoints++;
      onReport(m);
    });
    this.worker.on('error', (err) => (this.lastError = err.message));
  }

  /**
   * Closes the thread's connection and waits (at most a second) until it has, so that the writer's
   * close, last in the process, can checkpoint and remove the WAL; a checkpoint under way finishes first.
   */
  stop(): void {
    this.worker.postMessage('stop');
    Atomics.wait(this.closed, 0, 0, 1000);
  }
}
