import type { StatementCache } from './statements.ts';
import type { ModelEntry } from './types.ts';

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
  /** Models skipped before the page (the status snapshot's pages); keyset `after` is the way for clients. */
  offset?: number;
}

/** A version's observations now: the last appended chunk's end, found through the primary key, or its training series. */
export const nObsColumn = (t: string) =>
  `coalesce((SELECT max(o.end_obs) FROM observations o WHERE o.model = ${t}.model AND o.version = ${t}.version), length(${t}.series) / 8)`;

// Only what a registry row shows, read as arrays: at 100 rows a page, turning rows into objects and
// reading summary columns no row shows (hash, times, errors) was half the statement's cost.
const COLUMNS = `m.name, m.current_version, m.refit_policy, m.created_at, m.updated_at,
    (SELECT count(*) FROM versions c WHERE c.model = m.name),
    (SELECT json_group_object(l.key, l.value) FROM (SELECT key, value FROM labels WHERE model = m.name ORDER BY key) l),
    v.version, v.kind, v.spec, v.metrics, ${nObsColumn('v')}, v.fit_ms`;

type PageRow = [
  name: string, currentVersion: number | null, refit: string | null, createdAt: string, updatedAt: string, versions: number, labels: string,
  version: number | null, kind: string | null, spec: string | null, metrics: string | null, nObs: number | null, fitMs: number | null,
];

function toEntry(r: PageRow): ModelEntry {
  const [name, currentVersion, refit, createdAt, updatedAt, versions, labels, version, kind, spec, metrics, nObs, fitMs] = r;
  return {
    name,
    labels: labels === '{}' ? {} : JSON.parse(labels),
    currentVersion,
    refitPolicy: refit ? JSON.parse(refit) : null,
    versions,
    createdAt,
    updatedAt,
    current: version === null ? null : { version, kind: kind!, spec: JSON.parse(spec!), metrics: metrics === null ? null : JSON.parse(metrics), nObs: nObs!, fitMs },
  };
}

/**
 * One page of models with their labels and current version, in name order, in one statement. Label
 * pairs are matched through the (key, value, model) index; the query is plain SQL that a PostgreSQL store
 * can run as it is.
 */
export function queryModelPage(sql: StatementCache, q: ModelQuery): ModelEntry[] {
  const where = ['m.deleted_at IS NULL'];
  const args: unknown[] = [];
  for (const [key, value] of q.labels ?? []) {
    where.push(`EXISTS (SELECT 1 FROM labels l WHERE l.model = m.name AND l.key = ? AND l.value = ?)`);
    args.push(key, value);
  }
  if (q.kind !== undefined) {
    where.push('v.kind = ?');
    args.push(q.kind);
  }
  if (q.state !== undefined) {
    where.push(`${q.state === 'ready' ? 'NOT ' : ''}EXISTS (SELECT 1 FROM versions f WHERE f.model = m.name AND f.state = 'fitting')`);
  }
  if (q.after !== undefined) {
    where.push('m.name > ?');
    args.push(q.after);
  }
  args.push(q.limit, q.offset ?? 0);
  const statement = sql.get(
    `SELECT ${COLUMNS} FROM models m LEFT JOIN versions v ON v.model = m.name AND v.version = m.current_version
     WHERE ${where.join(' AND ')} ORDER BY m.name LIMIT ? OFFSET ?`,
  );
  return (statement.raw(true).all(...args) as PageRow[]).map(toEntry);
}
