import { statSync } from 'node:fs';

/**
 * The database can no longer be used as it was opened: the file was deleted or replaced under the
 * daemon. Writes would go to a file no one will open again, so they are refused with this reason.
 */
export class StoreUnavailableError extends Error {
  readonly code = 'MODELAPI_STORE_UNAVAILABLE';
  constructor(message: string) {
    super(message);
    this.name = 'StoreUnavailableError';
  }
}

/** Remembers which file was opened (device and inode) so that a deleted or replaced file is noticed. */
export class FileIdentity {
  private readonly dev: number;
  private readonly ino: number;

  constructor(private readonly path: string) {
    const st = statSync(path);
    this.dev = st.dev;
    this.ino = st.ino;
  }

  /** What happened to the file since it was opened, or undefined while it is the same file. */
  problem(): string | undefined {
    let st;
    try {
      st = statSync(this.path);
    } catch {
      return `the database file ${this.path} was deleted while the daemon ran; stop the daemon, restore the file from a backup (modelapi backup) and start again`;
    }
    if (st.dev !== this.dev || st.ino !== this.ino) {
      return `the database file ${this.path} was replaced by another file while the daemon ran; restart the daemon to open the new file`;
    }
    return undefined;
  }

  assertIntact(): void {
    const problem = this.problem();
    if (problem) throw new StoreUnavailableError(problem);
  }
}

/** SQLite's result codes that mean "the store cannot do this now", with what to tell the operator. */
export function storeFailure(err: unknown): { busy: boolean; message: string } | undefined {
  if (err instanceof StoreUnavailableError) return { busy: false, message: err.message };
  const code = String((err as { code?: unknown }).code ?? '');
  if (!code.startsWith('SQLITE_')) return undefined;
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return { busy: true, message: 'the database is locked by another connection (a backup or another process); retry shortly' };
  }
  if (code.startsWith('SQLITE_READONLY')) return { busy: false, message: 'the database file cannot be written (read-only file, directory or disk)' };
  if (code === 'SQLITE_FULL') return { busy: false, message: 'the disk holding the database is full' };
  if (code.startsWith('SQLITE_IOERR') || code.startsWith('SQLITE_CANTOPEN')) {
    return { busy: false, message: `the database file cannot be read or written (${code}); check the disk` };
  }
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return { busy: false, message: 'the database file is corrupt; restore it from a backup' };
  return undefined;
}
