import type { StatementCache } from './statements.ts';

/** The first answer given to a request that carried an Idempotency-Key. */
export interface StoredAnswer {
  fingerprint: string;
  status: number;
  body: string;
  jobId: string | null;
}

/** Idempotency keys per model, kept until they expire; one row per key. */
export class IdempotencyStore {
  constructor(private readonly sql: StatementCache) {}

  get(model: string, key: string, now: string): StoredAnswer | undefined {
    const row = this.sql
      .get(`SELECT fingerprint, status, body, job_id FROM idempotency WHERE model = ? AND key = ? AND expires_at > ?`)
      .get(model, key, now) as { fingerprint: string; status: number; body: string; job_id: string | null } | undefined;
    return row && { fingerprint: row.fingerprint, status: row.status, body: row.body, jobId: row.job_id };
  }

  /** Replaces an expired row with the same key, if there is one. */
  put(model: string, key: string, answer: StoredAnswer, expiresAt: string): void {
    this.sql
      .get(`INSERT OR REPLACE INTO idempotency (model, key, fingerprint, status, body, job_id, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)`)
      .run(model, key, answer.fingerprint, answer.status, answer.body, answer.jobId, expiresAt);
  }

  deleteExpired(now: string): number {
    return this.sql.get(`DELETE FROM idempotency WHERE expires_at <= ?`).run(now).changes;
  }
}
