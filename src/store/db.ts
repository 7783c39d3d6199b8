import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrate } from './migrations.ts';
import { explainOpenError } from './open-error.ts';

export type Db = Database.Database;

/**
 * Opens the model database. The writer (the daemon) applies migrations; readers (workers) open the
 * same file read-only and never write, so WAL lets them read while a fit commits.
 */
export function openDb(path: string, opts: { readonly?: boolean; busyTimeoutMs?: number } = {}): Db {
  try {
    return openOrThrow(path, opts);
  } catch (err) {
    throw explainOpenError(path, err);
  }
}

function openOrThrow(path: string, opts: { readonly?: boolean; busyTimeoutMs?: number }): Db {
  if (opts.readonly) {
    const db = new Database(path, { readonly: true, fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    return db;
  }
  mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  try {
    configureWriter(db, opts.busyTimeoutMs ?? 50);
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}

/**
 * busy: how long SQLite itself waits for another connection's lock; short, because that wait blocks the
 * thread (the daemon retries busy writes without blocking, see withBusyRetry).
 */
function configureWriter(db: Db, busyTimeoutMs: number): void {
  db.pragma('journal_mode = WAL');
  // FULL: an acknowledged fit must survive power loss, not only a killed process; fits are rare.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma(`busy_timeout = ${Math.round(busyTimeoutMs)}`);
  migrate(db);
}
