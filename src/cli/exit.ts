/** Exit codes of every verb (DESIGN.md "CLI"). */
export const EXIT = { ok: 0, serverSaidNo: 1, usage: 2, noDaemon: 3, dbInUse: 4 } as const;

/** An error that ends the command with a message for the user and a specific exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
