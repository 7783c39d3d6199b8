import type { Statement } from 'better-sqlite3';
import type { Db } from './db.ts';

/** better-sqlite3 compiles a statement on every prepare(); repositories reuse one per SQL text. */
export class StatementCache {
  private readonly statements = new Map<string, Statement>();

  constructor(readonly db: Db) {}

  get(sql: string): Statement {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }
}
