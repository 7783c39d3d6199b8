import Database from 'better-sqlite3';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { ensureDir } from './ensure-dir.ts';
import { explainOpenError } from './open-error.ts';

/** Who holds a database's writer lock, as that holder recorded it when it took the lock. */
export interface LockHolder {
  pid: number;
  host: string;
  startedAt: string;
}

/** Another live process holds the database: the daemon must not start. */
export class DatabaseLockedError extends Error {
  readonly code = 'MODELAPI_ERR_DB_LOCKED';
  constructor(
    readonly dbPath: string,
    readonly holder: LockHolder | undefined,
  ) {
    const who = holder ? `process ${holder.pid} on ${holder.host} (since ${holder.startedAt})` : 'another process';
    super(`${dbPath} is already served by ${who}; stop that daemon first, or give this one another --db`);
    this.name = 'DatabaseLockedError';
  }
}

export interface WriterLock {
  /** The holder that had the lock before us and never released it (it crashed), if any. */
  readonly previous: LockHolder | undefined;
  release(): void;
}

/**
 * One writer per database, by construction. The lock is SQLite's own file lock on a sidecar database
 * (`<db>.lock`): the holder keeps a `BEGIN IMMEDIATE` transaction open for its whole life, which holds
 * the file's RESERVED lock. A second writer's `BEGIN IMMEDIATE` fails at once; readers can still read
 * the committed holder row, which names the holder. The OS drops the lock when the process dies, so a
 * crashed holder is taken over without guessing from timestamps. Read-only users of the main database
 * (backups, workers) never touch the lock.
 */
export function acquireWriterLock(dbPath: string): WriterLock {
  let db: Database.Database;
  try {
    ensureDir(dirname(dbPath));
    db = new Database(`${dbPath}.lock`);
  } catch (err) {
    throw explainOpenError(dbPath, err);
  }
  try {
    db.pragma('busy_timeout = 0');
    db.pragma('journal_mode = DELETE');
    db.exec(`CREATE TABLE IF NOT EXISTS holder (id INTEGER PRIMARY KEY CHECK (id = 1), pid INTEGER, host TEXT, started_at TEXT)`);
    const me: LockHolder = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString() };
    let previous: LockHolder | undefined;
    // Record ourselves, then hold the lock. Between the two commits another starter may slip in; then
    // our second BEGIN fails and we report it: exactly one of the two ends up holding the lock.
    db.transaction(() => {
      previous = readHolder(db);
      db.prepare(`INSERT OR REPLACE INTO holder (id, pid, host, started_at) VALUES (1, ?, ?, ?)`).run(me.pid, me.host, me.startedAt);
    }).immediate();
    db.exec('BEGIN IMMEDIATE');
    return {
      previous,
      release() {
        if (!db.open) return;
        // Still inside our transaction: the row goes with the lock, so a clean stop leaves no "previous".
        // If the lock file is gone (its directory was removed), there is nothing left to clean up.
        try {
          db.exec('DELETE FROM holder; COMMIT');
        } catch {
          try {
            if (db.inTransaction) db.exec('ROLLBACK');
          } catch {}
        }
        db.close();
      },
    };
  } catch (err) {
    const busy = (err as { code?: string }).code?.startsWith('SQLITE_BUSY');
    const holder = busy ? safeReadHolder(db) : undefined;
    db.close();
    if (busy) throw new DatabaseLockedError(dbPath, holder);
    throw explainOpenError(dbPath, err);
  }
}

function readHolder(db: Database.Database): LockHolder | undefined {
  const row = db.prepare(`SELECT pid, host, started_at FROM holder WHERE id = 1`).get() as
    | { pid: number; host: string; started_at: string }
    | undefined;
  return row && { pid: row.pid, host: row.host, startedAt: row.started_at };
}

function safeReadHolder(db: Database.Database): LockHolder | undefined {
  try {
    return readHolder(db);
  } catch {
    return undefined;
  }
}
