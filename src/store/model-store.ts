import type { Db } from './db.ts';
import { openDb } from './db.ts';
import { JobStore } from './job-store.ts';
import { LabelRepo, type LabelChanges } from './labels.ts';
import { queryModelNames, type ModelQuery } from './model-query.ts';
import { StatementCache } from './statements.ts';
import { blobToSeries, seriesToBlob } from './series.ts';
import type { ModelRecord, NewVersion, PublishedFit, VersionRecord, VersionSummary } from './types.ts';

const SUMMARY_COLUMNS = `model, version, kind, spec, state, error, metrics, length(series) / 8 AS n_obs,
  fit_ms, hash, created_at, finished_at`;

interface VersionRow {
  model: string;
  version: number;
  kind: string;
  spec: string;
  state: VersionSummary['state'];
  error: string | null;
  metrics: string | null;
  n_obs: number;
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
  private readonly db: Db;
  // Forecasts look versions up per request: statements are compiled once.
  private readonly statements: StatementCache;

  private constructor(path: string, db: Db) {
    this.path = path;
    this.db = db;
    this.statements = new StatementCache(db);
    this.jobs = new JobStore(this.statements);
    this.labels = new LabelRepo(this.statements);
  }

  private stmt(sql: string) {
    return this.statements.get(sql);
  }

  static open(path: string, opts: { readonly?: boolean } = {}): ModelStore {
    return new ModelStore(path, openDb(path, opts));
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

  listModels(): ModelRecord[] {
    const rows = this
      .stmt(
        `SELECT m.*, (SELECT count(*) FROM versions v WHERE v.model = m.name) AS versions
         FROM models m WHERE m.deleted_at IS NULL ORDER BY m.name`,
      )
      .all() as ModelRow[];
    return rows.map((r) => toModel(r, this.labels.get(r.name)));
  }

  /** One page of models matching the query, in name order. */
  queryModels(q: ModelQuery): ModelRecord[] {
    return queryModelNames(this.statements, q).map((name) => this.getModel(name)!);
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
        .stmt(`UPDATE models SET deleted_at = ?, current_version = NULL, updated_at = ? WHERE name = ? AND deleted_at IS NULL`)
        .run(ts, ts, model).changes;
      if (changed === 0) return false;
      this.stmt(`DELETE FROM versions WHERE model = ?`).run(model);
      this.labels.removeAll(model);
      return true;
    })();
    if (deleted) this.reclaim();
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
      this.stmt(`DELETE FROM versions WHERE model = ? AND version = ?`).run(model, version);
      return 'deleted' as const;
    })();
    if (outcome === 'deleted') this.reclaim();
    return outcome;
  }

  /** Keeps the model's newest `keep` versions, and the current and any fitting one whatever their age; returns how many went. */
  pruneVersions(model: string, keep: number): number {
    const removed = this
      .stmt(
        `DELETE FROM versions WHERE model = :model AND state != 'fitting'
           AND version != coalesce((SELECT current_version FROM models WHERE name = :model), -1)
           AND version NOT IN (SELECT version FROM versions WHERE model = :model ORDER BY version DESC LIMIT :keep)`,
      )
      .run({ model, keep }).changes;
    if (removed > 0) this.reclaim();
    return removed;
  }

  /** Gives the pages freed by deletions back to the file system, so the file follows the data kept. */
  private reclaim(): void {
    this.db.pragma('incremental_vacuum');
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
      series: blobToSeries(row.series!),
    };
  }

  /** Allocates the model's next version number and records the fit as `fitting`, atomically. */
  beginVersion(v: NewVersion): number {
    return this.db.transaction(() => {
      const ts = now();
      this
        .stmt(
          `INSERT INTO models (name, created_at, updated_at) VALUES (?, ?, ?)
           ON CONFLICT(name) DO NOTHING`,
        )
        .run(v.model, ts, ts);
      // A fit under a deleted model's name brings the model back; its numbering goes on.
      this.stmt(`UPDATE models SET deleted_at = NULL WHERE name = ? AND deleted_at IS NOT NULL`).run(v.model);
      if (v.labels) this.labels.apply(v.model, v.labels);
      const { next_version } = this
        .stmt(`UPDATE models SET next_version = next_version + 1, updated_at = ? WHERE name = ?
                  RETURNING next_version - 1 AS next_version`)
        .get(ts, v.model) as { next_version: number };
      this
        .stmt(
          `INSERT INTO versions (model, version, kind, spec, series, hash, state, created_at)
           VALUES (?, ?, ?, ?, ?, ?, 'fitting', ?)`,
        )
        .run(v.model, next_version, v.kind, JSON.stringify(v.spec), seriesToBlob(v.series), v.hash, ts);
      return next_version;
    })();
  }

  /** Marks the version ready and makes it current in the same transaction. */
  publishVersion(model: string, version: number, fit: PublishedFit): void {
    this.db.transaction(() => {
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

  close(): void {
    this.db.close();
  }
}
