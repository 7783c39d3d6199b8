import type { StatementCache } from './statements.ts';
import { blobToSeries, seriesToBlob } from './series.ts';
import type { NewObservations, ObservationChunk } from './types.ts';

/**
 * Appended observations, one row per append: an append writes only its own points (plus a key), so
 * storage grows with the points appended, never with the series. A version's current series is its
 * training series followed by its chunks in `end_obs` order.
 */
export class ObservationStore {
  constructor(private readonly statements: StatementCache) {}

  /** Writes every append of the batch in one transaction (group commit): all land, or none. */
  append(batch: readonly NewObservations[]): void {
    const insert = this.statements.get(`INSERT INTO observations (model, version, end_obs, points) VALUES (?, ?, ?, ?)`);
    this.statements.db.transaction(() => {
      for (const o of batch) insert.run(o.model, o.version, o.endObs, seriesToBlob(o.points));
    })();
  }

  /** The chunks appended to a version with afterObs < endObs <= upToObs, oldest first. */
  chunks(model: string, version: number, afterObs = 0, upToObs = Number.MAX_SAFE_INTEGER): ObservationChunk[] {
    const rows = this.statements
      .get(`SELECT end_obs, points FROM observations WHERE model = ? AND version = ? AND end_obs > ? AND end_obs <= ? ORDER BY end_obs`)
      .all(model, version, afterObs, upToObs) as { end_obs: number; points: Buffer }[];
    return rows.map((r) => ({ endObs: r.end_obs, points: blobToSeries(r.points) }));
  }
}

/** The training series followed by the appended chunks. */
export function concatSeries(base: Float64Array, chunks: readonly { points: Float64Array }[]): Float64Array {
  if (chunks.length === 0) return base;
  const out = new Float64Array(chunks.reduce((n, c) => n + c.points.length, base.length));
  out.set(base);
  let at = base.length;
  for (const c of chunks) {
    out.set(c.points, at);
    at += c.points.length;
  }
  return out;
}
