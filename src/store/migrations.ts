import type Database from 'better-sqlite3';
import { SchemaTooNewError } from './open-error.ts';

/** Schema versions, applied in order; `PRAGMA user_version` records how many have run. */
const migrations: string[] = [
  `CREATE TABLE models (
     name            TEXT PRIMARY KEY,
     current_version INTEGER,
     -- next number to hand out; never decreases, so numbers are not reused after failures or restarts
     next_version    INTEGER NOT NULL DEFAULT 1,
     created_at      TEXT NOT NULL,
     updated_at      TEXT NOT NULL
   );
   CREATE TABLE versions (
     model       TEXT NOT NULL REFERENCES models(name),
     version     INTEGER NOT NULL,
     kind        TEXT NOT NULL,
     spec        TEXT NOT NULL,
     params      TEXT,
     metrics     TEXT,
     series      BLOB NOT NULL,
     hash        TEXT NOT NULL,
     state       TEXT NOT NULL CHECK (state IN ('fitting', 'ready', 'failed')),
     error       TEXT,
     fit_ms      REAL,
     created_at  TEXT NOT NULL,
     finished_at TEXT,
     PRIMARY KEY (model, version)
   );`,
];

export const SCHEMA_VERSION = migrations.length;

export function migrate(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > migrations.length) {
    throw new SchemaTooNewError(current, migrations.length);
  }
  for (let v = current; v < migrations.length; v++) {
    db.transaction(() => {
      db.exec(migrations[v]!);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}
