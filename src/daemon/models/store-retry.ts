import { setTimeout as delay } from 'node:timers/promises';
import { storeFailure } from '../../store/index.ts';

/**
 * Runs a store write, retrying while another connection holds the database's lock, up to `waitMs`.
 * SQLite's own busy wait would block the event loop (better-sqlite3 is synchronous), so the store's
 * busy_timeout is short and the waiting happens here, between attempts, with the loop free. Past the
 * wait the last SQLITE_BUSY is thrown (the error handler answers 503 with Retry-After).
 */
export async function withBusyRetry<T>(write: () => T, waitMs: number): Promise<T> {
  const deadline = performance.now() + waitMs;
  for (let attempt = 0; ; attempt++) {
    try {
      return write();
    } catch (err) {
      if (!storeFailure(err)?.busy || performance.now() >= deadline) throw err;
      await delay(Math.min(10 * 2 ** attempt, 200, Math.max(1, deadline - performance.now())));
    }
  }
}
