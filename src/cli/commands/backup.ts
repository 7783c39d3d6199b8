import { statSync } from 'node:fs';
import { backupDatabase, defaultDbPath, StoreOpenError } from '../../daemon/index.ts';
import { CliError, EXIT } from '../exit.ts';

/** `modelapi backup <file>`: a consistent copy of the database, safe while the daemon runs. */
export async function backup(destination: string, flags: { db?: string }): Promise<void> {
  const source = flags.db || process.env.MODELAPI_DB || defaultDbPath();
  try {
    await backupDatabase(source, destination);
  } catch (err) {
    if (err instanceof StoreOpenError) throw new CliError(err.message, EXIT.usage);
    const code = (err as { code?: string }).code ?? '';
    if (code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_READONLY') || code === 'EACCES') {
      throw new CliError(`${destination}: cannot be written; give the backup a path in a writable directory`, EXIT.usage);
    }
    throw new CliError((err as Error).message, EXIT.usage);
  }
  process.stdout.write(`backed up ${source} to ${destination} (${statSync(destination).size} bytes)\n`);
}
