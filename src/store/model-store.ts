import type { Db } from './db.ts';
import { openDb } from './db.ts';
import { IdempotencyStore } from './idempotency-store.ts';
import { JobStore } from './job-store.ts';
import { LabelRepo, type LabelChanges } from './labels.ts';
import { nObsColumn, queryModelPage, type ModelQuery } from './model-query.ts';
import { concatSeries, ObservationStore } from './observation-store.ts';
import { StatementCache } from './statements.ts';
import { blobToSeries, seriesToBlob } from './series.ts';
import { FileIdentity } from './store-errors.ts';
import { WalSync } from './wal-sync.ts';
import { Checkpointer } from './checkpointer.ts';
import { acquireWriterLock, type LockHolder, type WriterLock } from './writer-lock.ts';
import type { ModelEntry, ModelRecord, NewDeployment, NewVersion, PublishedFit, TimeIndex, VersionRecord, VersionSummary } from './types.ts';

/**
 * The counts behind /v1/status and /metrics: scans of the partial indexes models_live and versions_onnx
 * (schema version 9), never a join of every model to its current version.
 */
export const COUNT_SQL = {
  live: `SELECT count(*) AS n FROM models WHERE deleted_at IS NULL`,
  ready: `SELECT count(*) AS n FROM models WHERE deleted_at IS NULL AND current_version IS NOT NULL`,
  onnx: `SELECT count(*) AS n FROM versions v JOIN models m ON m.name = v.model AND m.current_version = v.version
         WHERE v.kind = 'onnx' AND m.deleted_at IS NULL`,
};

const SUMMARY_COLUMNS = `versions.model, versions.version, versions.kind, versions.spec, versions.state, versions.error,
  versions.metrics, length(versions.series) / 8 AS n_fit, ${nObsColumn('versions')} AS n_obs, versions.ts_start_ms,
  versions.ts_step, versions.ts_unit, versions.fit_ms, versions.hash, versions.created_at, versions.finished_at`;

interface VersionRow {
  model: string;
  version: number;
  kind: string;
  spec: string;
  state: VersionSummary['state'];
  error: string | null;
  metrics: string | null;
  n_obs: number;
  n_fit: number;
  ts_start_ms: number | null;
  ts_step: number | null;
  ts_unit: TimeIndex['unit'] | null;
  fit_ms: number | null;
  hash: string;
  created_at: string;
  finished_at: string | null;
  params?: string | null;
  series?: Buffer;
}

interface ModelRow {
  name: string;
  current_version: number | null;
  refit_policy: string | null;
  versions: number;
  created_at: string;
  updated_at: string;
}

function toSummary(row: VersionRow): VersionSummary {
  return {
    model: row.model,
    version: row.version,
    kind: row.kind,
    spec: JSON.parse(row.spec),
    state: row.state,
    error: row.error,
    metrics: row.metrics === null ? null : JSON.parse(row.metrics),
    nObs: row.n_obs,
    nFit: row.n_fit,
    timeIndex: row.ts_start_ms === null ? null : { startMs: row.ts_start_ms, step: row.ts_step!, unit: row.ts_unit! },
    fitMs: row.fit_ms,
    hash: row.hash,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
  };
}

function toModel(row: ModelRow, labels: ModelRecord['labels']): ModelRecord {
  return {
    name: row.name,
    labels,
    currentVersion: row.current_version,
    refitPolicy: row.refit_policy ? JSON.parse(row.refit_policy) : null,
    versions: row.versions,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

const now = () => new Date().toISOString();

/**
 * Models and their numbered versions. One writer (the daemon) and any number of read-only readers
 * (the workers). Every state change is one transaction, so a crash never leaves half a version.
 */
export class ModelStore {
  readonly path: string;
  /** The jobs table, on the same connection (one writer). */
  readonly jobs: JobStore;
  private readonly labels: LabelRepo;
  /** Appended observations, on the same connection. */
  readonly observations: ObservationStore;
  readonly idempotency: IdempotencyStore;
  private readonly db: Db;
  // Forecasts look versions up per request: statements are compiled once.
  private readonly statements: StatementCache;
  // Live models, once counted (the writer only): a scan of 100,000 took 2 ms of every status snapshot.
  private liveModels?: number;

  // The writer notices when its file is deleted or replaced (see fileProblem) and then refuses writes.
  private readonly identity: FileIdentity | undefined;
  /** The writer's commits become durable here, off the event loop (see wal-sync.ts). */
  private readonly wal: WalSync | undefined;
  /** The writer's WAL is copied into the database on another thread (see checkpointer.ts). */
  readonly checkpointer: Checkpointer | undefined;

  private constructor(
    path: string,
    db: Db,
    private readonly writerLock?: WriterLock,
  ) {
    this.path = path;
    this.db = db;
    this.statements = new StatementCache(db);
    this.jobs = new JobStore(this.statements);
    this.labels = new LabelRepo(this.statements);
    this.observations = new ObservationStore(this.statements);
    this.idempotency = new IdempotencyStore(this.statements);
    this.identity = writerLock ? new FileIdentity(path) : undefined;
    if (writerLock) {
      const totalChanges = db.prepare('SELECT total_changes()').pluck();
      this.wal = new WalSync(`${path}-wal`, () => totalChanges.get() as number);
      // What opening wrote (migrations) is made durable before anything is served.
      this.wal.durableNow();
      this.checkpointer = new Checkpointer(path);
    }
  }

  /** True when a committed write is not yet known to be on disk: an answer must wait for durable(). */
  hasUnsyncedWrites(): boolean {
    return this.wal?.pending() ?? false;
  }

  /** Resolves once every write committed so far is on disk (one shared fsync of the WAL). */
  durable(): Promise<void> {
    return this.wal?.durable() ?? Promise.resolve();
  }

  /** A mark of the writes committed so far (durableUpTo waits for those alone); 0 without a writer. */
  writeMark(): number {
    return this.wal?.mark() ?? 0;
  }

  isDurable(mark: number): boolean {
    return this.wal?.isDurable(mark) ?? true;
  }

  /** Resolves once the writes committed before `mark` was taken are on disk. */
  durableUpTo(mark: number): Promise<void> {
    return this.wal?.durableUpTo(mark) ?? Promise.resolve();
  }

  /** fsyncs of the WAL run so far. */
  get walSyncs(): number {
    return this.wal?.syncs ?? 0;
  }

  /** Why the store cannot be used as opened (the file deleted or replaced), or undefined. */
  fileProblem(): string | undefined {
    return this.identity?.problem();
  }

  /** A writer that took the database over from a holder that died without releasing it. */
  get previousHolder(): LockHolder | undefined {
    return this.writerLock?.previous;
  }

  private stmt(sql: string) {
    return this.statements.get(sql);
  }

  /**
   * Read-only stores may be many; a writer first takes the database's writer lock (one per file, see
   * writer-lock.ts), so the daemon's in-memory view of current versions cannot be raced by another.
   */
  static open(path: string, opts: { readonly?: boolean; busyTimeoutMs?: number } = {}): ModelStore {
    if (opts.readonly) return new ModelStore(path, openDb(path, opts));
    const lock = acquireWriterLock(path);
    try {
      return new ModelStore(path, openDb(path, opts), lock);
    } catch (err) {
      lock.release();
      throw err;
    }
  }

  /** A model that exists (has not been deleted), with its labels. */
  getModel(name: string): ModelRecord | undefined {
    const row = this
      .stmt(
        `SELECT m.*, (SELECT count(*) FROM versions v WHERE v.model = m.name) AS versions
         FROM models m WHERE m.name = ? AND m.deleted_at IS NULL`,
      )
      .get(name) as ModelRow | undefined;
    return row && toModel(row, this.labels.get(name));
  }

  /** The summary of a model's current version; undefined when the model is missing or has none ready. */
  currentSummary(name: string): VersionSummary | undefined {
    // One statement: a bulk forecast of models no forecast has touched yet runs this once per model.
    const row = this
      .stmt(`SELECT ${SUMMARY_COLUMNS} FROM models m JOIN versions ON versions.model = m.name AND versions.version = m.current_version WHERE m.name = ? AND m.deleted_at IS NULL`)
      .get(name) as VersionRow | undefined;
    return row && toSummary(row);
  }

  /** Models in name order; `page` reads a slice of them (the status snapshot at 100,000 models). */
  listModels(page: { limit: number; offset: number } = { limit: -1, offset: 0 }): ModelEntry[] {
    return queryModelPage(this.statements, page);
  }

  /** One page of models matching the query, in name order, with their labels and current version. */
  queryModels(q: ModelQuery): ModelEntry[] {
    return queryModelPage(this.statements, q);
  }

  /** Sets (string) or removes (null) labels of an existing model; false when there is no such model. */
  setLabels(model: string, changes: LabelChanges): boolean {
    return this.db.transaction(() => {
      if (!this.getModel(model)) return false;
      this.labels.apply(model, changes);
      this.stmt(`UPDATE models SET updated_at = ? WHERE name = ?`).run(now(), model);
      return true;
    })();
  }

  /**
   * Removes a model's versions and labels. The row stays, marked deleted, so that the name's version
   * numbers are never handed out again; a fit under the name brings the model back.
   */
  deleteModel(model: string): boolean {
    const deleted = this.db.transaction(() => {
      const ts = now();
      const changed = this
        .stmt(`UPDATE models SET deleted_at = ?, current_version = NULL, refit_policy = NULL, updated_at = ? WHERE name = ? AND deleted_at IS NULL`)
        .run(ts, ts, model).changes;
      if (changed === 0) return false;
      // Everything keyed by the model goes; a retried request must not replay an answer about it.
      this.stmt(`DELETE FROM observations WHERE model = ?`).run(model);
      this.stmt(`DELETE FROM idempotency WHERE model = ?`).run(model);
      this.stmt(`DELETE FROM versions WHERE model = ?`).run(model);
      this.labels.removeAll(model);
      return true;
    })();
    if (deleted) {
      this.liveModelsChanged(-1);
      this.reclaim();
    }
    return deleted;
  }

  /** Removes one version that is neither current nor being fitted. */
  deleteVersion(model: string, version: number): 'deleted' | 'missing' | 'current' | 'fitting' {
    const outcome = this.db.transaction(() => {
      const m = this.getModel(model);
      const v = m && this.getVersionSummary(model, version);
      if (!m || !v) return 'missing' as const;
      if (m.currentVersion === version) return 'current' as const;
      if (v.state === 'fitting') return 'fitting' as const;
      this.stmt(`DELETE FROM observations WHERE model = ? AND version = ?`).run(model, version);
      this.stmt(`DELETE FROM versions WHERE model = ? AND version = ?`).run(model, version);
      return 'deleted' as const;
    })();
    if (outcome === 'deleted') this.reclaim();
    return outcome;
  }

  /** Keeps the model's newest `keep` versions, and the current and any fitting one whatever their age; returns how many went. */
  pruneVersions(model: string, keep: number): number {
    const doomed = `model = :model AND state != 'fitting'
           AND version != coalesce((SELECT current_version FROM models WHERE name = :model), -1)
           AND version NOT IN (SELECT version FROM versions WHERE model = :model ORDER BY version DESC LIMIT :keep)`;
    const removed = this.db.transaction(() => {
      this.stmt(`DELETE FROM observations WHERE model = :model AND version IN (SELECT version FROM versions WHERE ${doomed})`).run({ model, keep });
      return this.stmt(`DELETE FROM versions WHERE ${doomed}`).run({ model, keep }).changes;
    })();
    if (removed > 0) this.reclaim();
    return removed;
  }

  /** Gives the pages freed by deletions back to the file system, so the file follows the data kept. */
  private reclaim(): void {
    // ONNX files no version names any more (kept once per hash, so only now unused).
    this.stmt(`DELETE FROM model_artifacts WHERE hash NOT IN (SELECT artifact FROM versions WHERE artifact IS NOT NULL)`).run();
    this.db.pragma('incremental_vacuum');
  }

  /** Models with a ready version, ONNX apart from forecasting (the metrics' modelapi_models{kind}). */
  countReadyModels(): { forecast: number; onnx: number } {
    const onnx = this.count(COUNT_SQL.onnx);
    return { forecast: this.count(COUNT_SQL.ready) - onnx, onnx };
  }

  countModels(): number {
    if (this.liveModels !== undefined) return this.liveModels;
    const n = this.count(COUNT_SQL.live);
    // Only the writer adds and removes models, so only the writer may keep the count.
    if (this.writerLock) this.liveModels = n;
    return n;
  }

  private count(sql: string): number {
    return (this.stmt(sql).get() as { n: number }).n;
  }

  /**
   * Moves the kept count once a change to it has committed. Inside an enclosing transaction (one that
   * may still roll back) the count is dropped instead, and the next countModels scans again.
   */
  private liveModelsChanged(delta: number): void {
    if (this.liveModels === undefined || delta === 0) return;
    this.liveModels = this.db.inTransaction ? undefined : this.liveModels + delta;
  }

  listVersions(model: string): VersionSummary[] {
    const rows = this
      .stmt(`SELECT ${SUMMARY_COLUMNS} FROM versions WHERE model = ? ORDER BY version`)
      .all(model) as VersionRow[];
    return rows.map(toSummary);
  }

  getVersionSummary(model: string, version: number): VersionSummary | undefined {
    const row = this
      .stmt(`SELECT ${SUMMARY_COLUMNS} FROM versions WHERE model = ? AND version = ?`)
      .get(model, version) as VersionRow | undefined;
    return row && toSummary(row);
  }

  getVersion(model: string, version: number): VersionRecord | undefined {
    const row = this
      .stmt(`SELECT ${SUMMARY_COLUMNS}, params, series FROM versions WHERE model = ? AND version = ?`)
      .get(model, version) as VersionRow | undefined;
    if (!row) return undefined;
    return {
      ...toSummary(row),
      params: row.params == null ? null : JSON.parse(row.params),
      paramsLength: row.params?.length ?? 0,
      series: blobToSeries(row.series!),
    };
  }

  /** The version's series now: the training series followed by every appended point. */
  currentSeries(model: string, version: number, upToObs?: number): Float64Array | undefined {
    const v = this.getVersion(model, version);
    return v && concatSeries(v.series, this.observations.chunks(model, version, 0, upToObs));
  }

  /** Allocates the model's next version number and records the fit as `fitting`, atomically. */
  beginVersion(v: NewVersion): number {
    this.identity?.assertIntact();
    let added = 0;
    const version = this.db.transaction(() => {
      const ts = now();
      added = this
        .stmt(
          `INSERT INTO models (name, created_at, updated_at) VALUES (?, ?, ?)
           ON CONFLICT(name) DO NOTHING`,
        )
        .run(v.model, ts, ts).changes;
      // A fit under a deleted model's name brings the model back; its numbering goes on.
      added += this.stmt(`UPDATE models SET deleted_at = NULL WHERE name = ? AND deleted_at IS NOT NULL`).run(v.model).changes;
      if (v.labels) this.labels.apply(v.model, v.labels);
      const { next_version } = this
        .stmt(`UPDATE models SET next_version = next_version + 1, updated_at = ? WHERE name = ?
                  RETURNING next_version - 1 AS next_version`)
        .get(ts, v.model) as { next_version: number };
      this
        .stmt(
          `INSERT INTO versions (model, version, kind, spec, series, hash, state, created_at, ts_start_ms, ts_step, ts_unit)
           VALUES (?, ?, ?, ?, ?, ?, 'fitting', ?, ?, ?, ?)`,
        )
        .run(v.model, next_version, v.kind, JSON.stringify(v.spec), seriesToBlob(v.series), v.hash, ts,
          v.timeIndex?.startMs ?? null, v.timeIndex?.step ?? null, v.timeIndex?.unit ?? null);
      return next_version;
    })();
    this.liveModelsChanged(added);
    return version;
  }

  /**
   * Marks the version ready and makes it current in the same transaction. `carry`: the observations
   * appended to another version after `afterObs` (while this one was fitted on its first `afterObs`
   * points) move on to this one in that transaction, so none is lost and none applied twice.
   */
  publishVersion(model: string, version: number, fit: PublishedFit, carry?: { fromVersion: number; afterObs: number }): void {
    this.identity?.assertIntact();
    this.db.transaction(() => {
      if (carry) {
        this
          .stmt(`INSERT INTO observations (model, version, end_obs, points)
                 SELECT model, ?, end_obs, points FROM observations WHERE model = ? AND version = ? AND end_obs > ?`)
          .run(version, model, carry.fromVersion, carry.afterObs);
      }
      const ts = now();
      const changed = this
        .stmt(
          `UPDATE versions SET state = 'ready', params = ?, metrics = ?, fit_ms = ?, finished_at = ?
           WHERE model = ? AND version = ? AND state = 'fitting'`,
        )
        .run(JSON.stringify(fit.params), JSON.stringify(fit.metrics), fit.fitMs, ts, model, version).changes;
      if (changed !== 1) throw new Error(`version ${model}@${version} is not fitting`);
      this
        .stmt(`UPDATE models SET current_version = ?, updated_at = ? WHERE name = ?`)
        .run(version, ts, model);
    })();
  }

  setRefitPolicy(model: string, policy: unknown): void {
    this.stmt(`UPDATE models SET refit_policy = ? WHERE name = ?`).run(policy === null ? null : JSON.stringify(policy), model);
  }

  failVersion(model: string, version: number, error: string, fitMs: number | null): void {
    this
      .stmt(
        `UPDATE versions SET state = 'failed', error = ?, fit_ms = ?, finished_at = ?
         WHERE model = ? AND version = ? AND state = 'fitting'`,
      )
      .run(error, fitMs, now(), model, version);
  }

  /** Fits that were running when the process died can never finish: mark them failed, touch nothing else. */
  failInterruptedFits(): number {
    return this
      .stmt(
        `UPDATE versions SET state = 'failed', error = 'interrupted: the daemon stopped during this fit',
         finished_at = ? WHERE state = 'fitting'`,
      )
      .run(now()).changes;
  }

  /** The kind of a model's first version (a model's kind is fixed by it); undefined for an unknown name. */
  modelKind(name: string): string | undefined {
    const row = this.stmt(`SELECT kind FROM versions WHERE model = ? ORDER BY version LIMIT 1`).get(name) as { kind: string } | undefined;
    return row?.kind;
  }

  /**
   * Records a validated deployment as a new ready, current version in one transaction: the version
   * number, the file (stored once per hash) and the move of the current version.
   */
  publishDeployment(d: NewDeployment): number {
    return this.db.transaction(() => {
      const ts = now();
      this.stmt(`INSERT INTO model_artifacts (hash, bytes, created_at) VALUES (?, ?, ?) ON CONFLICT(hash) DO NOTHING`).run(d.hash, d.bytes, ts);
      const version = this.beginVersion({ model: d.model, kind: d.kind, spec: d.spec, series: new Float64Array(0), hash: d.hash });
      this
        .stmt(
          `UPDATE versions SET state = 'ready', artifact = ?, metrics = ?, fit_ms = ?, finished_at = ? WHERE model = ? AND version = ?`,
        )
        .run(d.hash, JSON.stringify(d.metrics), d.loadMs, ts, d.model, version);
      this.stmt(`UPDATE models SET current_version = ?, updated_at = ? WHERE name = ?`).run(version, ts, d.model);
      return version;
    })();
  }

  /** The model file of a deployed version. */
  getArtifact(model: string, version: number): Buffer | undefined {
    const row = this
      .stmt(`SELECT a.bytes FROM versions v JOIN model_artifacts a ON a.hash = v.artifact WHERE v.model = ? AND v.version = ?`)
      .get(model, version) as { bytes: Buffer } | undefined;
    return row?.bytes;
  }

  close(): void {
    this.checkpointer?.stop();
    this.wal?.close();
    this.db.close();
    this.writerLock?.release();
  }
}
