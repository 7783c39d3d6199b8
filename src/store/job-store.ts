import { StatementCache } from './statements.ts';
import type { JobError, JobRecord, JobState } from './types.ts';

interface JobRow {
  id: string;
  type: string;
  model: string | null;
  state: JobState;
  progress: string | null;
  result?: string | null;
  error: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  expires_at: string | null;
}

const COLUMNS = 'id, type, model, state, progress, error, created_at, started_at, finished_at, expires_at';

function toRecord(row: JobRow): JobRecord {
  const record: JobRecord = {
    id: row.id,
    type: row.type,
    model: row.model,
    state: row.state,
    progress: row.progress === null ? null : JSON.parse(row.progress),
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    expiresAt: row.expires_at,
  };
  if (row.error !== null) record.error = JSON.parse(row.error) as JobError;
  if (row.result != null) record.result = JSON.parse(row.result);
  return record;
}

export interface JobFilter {
  state?: JobState;
  model?: string;
  type?: string;
  limit: number;
}

/**
 * Jobs: work that outlives its request. A row is written before the client is told the job exists, and
 * its end state (with the result) in one statement, so a restart finds every acknowledged job.
 */
export class JobStore {
  constructor(private readonly sql: StatementCache) {}

  insert(job: { id: string; type: string; model: string | null; createdAt: string }): void {
    this.sql
      .get(`INSERT INTO jobs (id, type, model, state, created_at) VALUES (?, ?, ?, 'queued', ?)`)
      .run(job.id, job.type, job.model, job.createdAt);
  }

  markRunning(id: string, at: string): void {
    this.sql.get(`UPDATE jobs SET state = 'running', started_at = ? WHERE id = ? AND state = 'queued'`).run(at, id);
  }

  setProgress(id: string, progress: Record<string, unknown>): void {
    this.sql.get(`UPDATE jobs SET progress = ? WHERE id = ? AND state IN ('queued', 'running')`).run(JSON.stringify(progress), id);
  }

  finish(
    id: string,
    end: { state: 'succeeded' | 'failed'; result?: unknown; error?: JobError; progress: Record<string, unknown> | null; at: string; expiresAt: string },
  ): void {
    this.sql
      .get(
        `UPDATE jobs SET state = ?, result = ?, error = ?, progress = ?, finished_at = ?, expires_at = ?,
         started_at = coalesce(started_at, ?) WHERE id = ?`,
      )
      .run(
        end.state,
        end.result === undefined ? null : JSON.stringify(end.result),
        end.error === undefined ? null : JSON.stringify(end.error),
        end.progress === null ? null : JSON.stringify(end.progress),
        end.at,
        end.expiresAt,
        end.at,
        id,
      );
  }

  /** One job with its result. */
  get(id: string): JobRecord | undefined {
    const row = this.sql.get(`SELECT ${COLUMNS}, result FROM jobs WHERE id = ?`).get(id) as JobRow | undefined;
    return row && toRecord(row);
  }

  /**
   * Newest first, without results (they can be large; GET /v1/jobs/:id has them). Jobs submitted in the
   * same millisecond keep their submission order through the rowid (ids are random UUIDs, so ordering
   * by id put them in a random order).
   */
  list(filter: JobFilter): JobRecord[] {
    const rows = this.sql
      .get(
        `SELECT ${COLUMNS} FROM jobs
         WHERE (:state IS NULL OR state = :state) AND (:model IS NULL OR model = :model) AND (:type IS NULL OR type = :type)
         ORDER BY created_at DESC, rowid DESC LIMIT :limit`,
      )
      .all({ state: filter.state ?? null, model: filter.model ?? null, type: filter.type ?? null, limit: filter.limit }) as JobRow[];
    return rows.map(toRecord);
  }

  /** Jobs that were queued or running when the process died can never finish: they fail, with that reason. */
  failInterrupted(at: string, expiresAt: string): number {
    const error: JobError = { code: 'MODELAPI_ERR_INTERRUPTED', message: 'interrupted: the daemon stopped before this job finished' };
    return this.sql
      .get(
        `UPDATE jobs SET state = 'failed', error = ?, finished_at = ?, expires_at = ? WHERE state IN ('queued', 'running')`,
      )
      .run(JSON.stringify(error), at, expiresAt).changes;
  }

  /** Finished jobs past their time to live; returns how many were removed. */
  deleteExpired(now: string): number {
    return this.sql.get(`DELETE FROM jobs WHERE expires_at IS NOT NULL AND expires_at <= ?`).run(now).changes;
  }
}
