import type { StatementCache } from './statements.ts';

/** Which models a registry page holds; every condition is optional. */
export interface ModelQuery {
  /** All of these `key = value` pairs. */
  labels?: [string, string][];
  /** The kind of the current version. */
  kind?: string;
  /** `fitting`: a version is being made; `ready`: none is. */
  state?: 'ready' | 'fitting';
  /** Keyset pagination: names after this one (the order is by name, so pages never repeat or skip a model). */
  after?: string;
  limit: number;
}

/**
 * The names of one page of models, in name order. Label pairs are matched through the (key, value, model)
 * index; the query is plain SQL that a PostgreSQL store can run as it is.
 */
export function queryModelNames(sql: StatementCache, q: ModelQuery): string[] {
  const where = ['m.deleted_at IS NULL'];
  const args: unknown[] = [];
  for (const [key, value] of q.labels ?? []) {
    where.push(`EXISTS (SELECT 1 FROM labels l WHERE l.model = m.name AND l.key = ? AND l.value = ?)`);
    args.push(key, value);
  }
  if (q.kind !== undefined) {
    where.push(`EXISTS (SELECT 1 FROM versions v WHERE v.model = m.name AND v.version = m.current_version AND v.kind = ?)`);
    args.push(q.kind);
  }
  if (q.state !== undefined) {
    where.push(`${q.state === 'ready' ? 'NOT ' : ''}EXISTS (SELECT 1 FROM versions v WHERE v.model = m.name AND v.state = 'fitting')`);
  }
  if (q.after !== undefined) {
    where.push('m.name > ?');
    args.push(q.after);
  }
  args.push(q.limit);
  const rows = sql.get(`SELECT m.name FROM models m WHERE ${where.join(' AND ')} ORDER BY m.name LIMIT ?`).all(...args) as { name: string }[];
  return rows.map((r) => r.name);
}
