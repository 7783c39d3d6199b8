import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { explainOpenError } from './open-error.ts';

/**
 * Copies a live database with SQLite's online backup API: a consistent snapshot taken through a
 * read-only connection, page by page, while the daemon keeps serving (it never takes the writer lock).
 */
export async function backupDatabase(source: string, destination: string): Promise<{ pages: number }> {
  if (existsSync(destination)) throw new Error(`${destination} already exists; give the backup a new file name`);
  let db: Database.Database;
  try {
    db = new Database(source, { readonly: true, fileMustExist: true });
    db.pragma('busy_timeout = 5000');
  } catch (err) {
    throw explainOpenError(source, err);
  }
  try {
    const { totalPages } = await db.backup(destination);
    return { pages: totalPages };
  } finally {
    db.close();
  }
}
