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
  // Appended observations: one row per append (O(new points) per append, never a copy of the series).
  // A version's current series is its training series followed by its chunks in end_obs order. Existing
  // databases need nothing converted: their versions simply have no chunks and no time index yet.
  `CREATE TABLE observations (
     model   TEXT NOT NULL,
     version INTEGER NOT NULL,
     -- the version's series length after this chunk: orders the chunks and gives nObs without a scan
     end_obs INTEGER NOT NULL,
     points  BLOB NOT NULL, -- float64 little-endian, NaN = missing (gap-filled nulls included)
     PRIMARY KEY (model, version, end_obs),
     FOREIGN KEY (model, version) REFERENCES versions(model, version)
   ) WITHOUT ROWID;
   -- A regular time index, when the fit had timestamps: point i is ts_step * i units after ts_start_ms,
   -- the unit being 'ms', or calendar months ('month': same day and time; 'month-end': last day).
   ALTER TABLE versions ADD COLUMN ts_start_ms REAL;
   ALTER TABLE versions ADD COLUMN ts_step REAL;
   ALTER TABLE versions ADD COLUMN ts_unit TEXT CHECK (ts_unit IN ('ms', 'month', 'month-end'));`,
  // Idempotency keys, per model: the first answer to a request, replayed to its retries until expires_at.
  // `job_id` when the answer was a 202: a retry gets that job as it is now.
  `CREATE TABLE idempotency (
     model       TEXT NOT NULL,
     key         TEXT NOT NULL,
     fingerprint TEXT NOT NULL, -- sha256 of the route and the request body
     status      INTEGER NOT NULL,
     body        TEXT NOT NULL,
     job_id      TEXT,
     expires_at  TEXT NOT NULL,
     PRIMARY KEY (model, key)
   );
   CREATE INDEX idempotency_by_expiry ON idempotency (expires_at);`,
  // A model's refit policy ({"every": N} observations or {"after": "24h"}), JSON; NULL: none.
  `ALTER TABLE models ADD COLUMN refit_policy TEXT;`,
  // ONNX deployments: the model file is kept once per content hash; each onnx version names its file.
  `CREATE TABLE model_artifacts (
     hash       TEXT PRIMARY KEY,
     bytes      BLOB NOT NULL,
     created_at TEXT NOT NULL
   );
   ALTER TABLE versions ADD COLUMN artifact TEXT REFERENCES model_artifacts(hash);`,
  // The versions being made, found without reading every version's row (a scan of 100,000 versions
  // with their series took half a second of every start-up, in failInterruptedFits).
  `CREATE INDEX versions_fitting ON versions (model) WHERE state = 'fitting';`,
  // Counts for /v1/status and /metrics without a lookup per model: at 100,000 models, counting the ready
  // ones by kind joined every model to its current version, 250 ms on the event loop per scrape. Live
  // models (and those with a current version) are counted from a small partial index; ONNX models, from
  // an index holding only their versions.
  `CREATE INDEX models_live ON models (current_version) WHERE deleted_at IS NULL;
   CREATE INDEX versions_onnx ON versions (model, version) WHERE kind = 'onnx';`,
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
