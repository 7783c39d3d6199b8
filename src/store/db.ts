import Database from 'better-sqlite3';
import { dirname } from 'node:path';
import { migrate } from './migrations.ts';
import { ensureDir } from './ensure-dir.ts';
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
  ensureDir(dirname(path));
  const db = new Database(path);
  try {
    configureWriter(db, opts.busyTimeoutMs ?? 250);
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
  useIncrementalVacuum(db);
  db.pragma('journal_mode = WAL');
  // NORMAL: commits do not fsync on this thread; the daemon fsyncs the WAL off the event loop before it
  // answers (wal-sync.ts), so an acknowledged write still survives power loss, as with FULL.
  db.pragma('synchronous = NORMAL');
  // Checkpoints run on their own thread (checkpointer.ts); this one, on the writer's thread, is a
  // backstop at ten times SQLite's default WAL size (40 MB), should that thread fall behind.
  db.pragma('wal_autocheckpoint = 10000');
  db.pragma('foreign_keys = ON');
  db.pragma(`busy_timeout = ${Math.round(busyTimeoutMs)}`);
  migrate(db);
}

/**
 * Deleted models and pruned versions must shrink the file: with incremental auto-vacuum, freed pages
 * can be handed back after each deletion. The mode can only be chosen before the first table exists, so
 * an older file is converted once, at its first open by this version, with a VACUUM (a rewrite of the file).
 */
function useIncrementalVacuum(db: Db): void {
  const INCREMENTAL = 2;
  if ((db.pragma('auto_vacuum', { simple: true }) as number) === INCREMENTAL) return;
  db.pragma('auto_vacuum = INCREMENTAL');
  const empty = (db.prepare(`SELECT count(*) AS n FROM sqlite_schema`).get() as { n: number }).n === 0;
  if (!empty) db.exec('VACUUM');
}
