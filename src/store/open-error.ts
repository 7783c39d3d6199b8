import { statSync } from 'node:fs';

/**
 * The database could not be opened or used for a reason the operator can fix: the message names the
 * file, says what is wrong with it and what to do. The daemon reports it in one line (exit code 2).
 */
export class StoreOpenError extends Error {
  readonly code = 'MODELAPI_ERR_DB_OPEN';
  constructor(
    readonly dbPath: string,
    message: string,
  ) {
    super(`${dbPath}: ${message}`);
    this.name = 'StoreOpenError';
  }
}

/** Thrown by migrate() when the file was written by a newer modelapi. */
export class SchemaTooNewError extends Error {
  constructor(
    readonly found: number,
    readonly known: number,
  ) {
    super(`database schema version ${found} is newer than this modelapi understands (${known})`);
    this.name = 'SchemaTooNewError';
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Turns what SQLite or the file system threw while opening `dbPath` into a StoreOpenError, if it is one. */
export function explainOpenError(dbPath: string, err: unknown): Error {
  if (err instanceof StoreOpenError) return err;
  if (err instanceof SchemaTooNewError) {
    return new StoreOpenError(dbPath, `was written by a newer modelapi (schema ${err.found}; this one knows ${err.known}); upgrade modelapi or give --db another file`);
  }
  const code = String((err as { code?: string }).code ?? '');
  if (isDirectory(dbPath)) return new StoreOpenError(dbPath, `is a directory; give --db a file path, e.g. ${dbPath.replace(/\/$/, '')}/modelapi.db`);
  if (code === 'SQLITE_NOTADB') return new StoreOpenError(dbPath, 'is not a SQLite database (another kind of file?); give --db a new path or the right file');
  if (code.startsWith('SQLITE_CORRUPT')) return new StoreOpenError(dbPath, 'is corrupt; restore it from a backup (modelapi backup) or give --db another file');
  if (code.startsWith('SQLITE_READONLY') || code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return new StoreOpenError(dbPath, 'cannot be written (read-only file, directory or disk); fix the permissions or give --db a writable path');
  }
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') return new StoreOpenError(dbPath, 'the disk is full; free space or give --db another disk');
  if (code === 'MODELAPI_DANGLING_SYMLINK') {
    const link = (err as { path?: string }).path ?? 'a parent';
    return new StoreOpenError(dbPath, `${link} is a symbolic link to something that does not exist; create its target or give --db another path`);
  }
  if (code === 'EEXIST' || code === 'ENOTDIR') return new StoreOpenError(dbPath, 'a parent of this path is a file, not a directory; give --db a path in a directory');
  if (code === 'ENOENT') {
    // mkdir refused a directory whose parent exists: a pseudo file system (/proc, /sys) or a vanished mount.
    const dir = (err as { path?: string }).path ?? 'its directory';
    return new StoreOpenError(dbPath, `${dir} cannot be created here; give --db a path in a writable directory`);
  }
  if (code.startsWith('SQLITE_CANTOPEN')) return new StoreOpenError(dbPath, 'cannot be opened; check that its directory exists and is writable');
  return err as Error;
}
