import type { StatementCache } from './statements.ts';

export type Labels = Record<string, string>;
/** A change to a model's labels: a string sets the key, null removes it. */
export type LabelChanges = Record<string, string | null>;

/** Labels of models: `key = value` pairs, indexed by pair so a filter is a lookup, not a scan. */
export class LabelRepo {
  constructor(private readonly sql: StatementCache) {}

  apply(model: string, changes: LabelChanges): void {
    for (const [key, value] of Object.entries(changes)) {
      if (value === null) this.sql.get(`DELETE FROM labels WHERE model = ? AND key = ?`).run(model, key);
      else
        this.sql
          .get(`INSERT INTO labels (model, key, value) VALUES (?, ?, ?) ON CONFLICT(model, key) DO UPDATE SET value = excluded.value`)
          .run(model, key, value);
    }
  }

  get(model: string): Labels {
    const rows = this.sql.get(`SELECT key, value FROM labels WHERE model = ? ORDER BY key`).all(model) as { key: string; value: string }[];
    return Object.fromEntries(rows.map((r) => [r.key, r.value]));
  }

  removeAll(model: string): void {
    this.sql.get(`DELETE FROM labels WHERE model = ?`).run(model);
  }
}
