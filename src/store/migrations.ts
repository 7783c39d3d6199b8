import type Database from 'better-sqlite3';

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
  // Jobs (async fits, big infers, bulk work). `model` is a name, not a foreign key: a job for a model
  // whose first fit is refused has no model row, and a job's record outlives a deleted model.
  `CREATE TABLE jobs (
     id          TEXT PRIMARY KEY,
     type        TEXT NOT NULL,
     model       TEXT,
     state       TEXT NOT NULL CHECK (state IN ('queued', 'running', 'succeeded', 'failed')),
     progress    TEXT,
     result      TEXT,
     error       TEXT,
     created_at  TEXT NOT NULL,
     started_at  TEXT,
     finished_at TEXT,
     expires_at  TEXT
   );
   CREATE INDEX jobs_by_state ON jobs (state, created_at);
   CREATE INDEX jobs_by_model ON jobs (model, created_at);
   CREATE INDEX jobs_by_expiry ON jobs (expires_at) WHERE expires_at IS NOT NULL;`,
  // Labels to find models by (many series), and deletion that keeps a name's numbering: a deleted
  // model keeps its row (deleted_at set, next_version kept), so a model created again under the name
  // continues after the deleted one's last number.
  `CREATE TABLE labels (
     model TEXT NOT NULL REFERENCES models(name),
     key   TEXT NOT NULL,
     value TEXT NOT NULL,
     PRIMARY KEY (model, key)
   );
   CREATE INDEX labels_by_pair ON labels (key, value, model);
   ALTER TABLE models ADD COLUMN deleted_at TEXT;`,
];

export const SCHEMA_VERSION = migrations.length;

export function migrate(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > migrations.length) {
    throw new Error(
      `database schema version ${current} is newer than this modelapi understands (${migrations.length})`,
    );
  }
  for (let v = current; v < migrations.length; v++) {
    db.transaction(() => {
      db.exec(migrations[v]!);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}
