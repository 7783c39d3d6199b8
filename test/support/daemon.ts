import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { TestContext } from 'node:test';

export const ROOT = new URL('../../', import.meta.url).pathname;
export const BIN = join(ROOT, 'bin', 'modelapi.mjs');
export const TEST_KINDS = join(ROOT, 'test', 'support', 'test-kinds.ts');

/** A fresh temporary directory, removed when the test ends. */
export function tempDir(t: TestContext): string {
  const dir = mkdtempSync(join(tmpdir(), 'modelapi-test-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export interface RunningDaemon {
  url: string;
  db: string;
  proc: ChildProcess;
  stderr: () => string;
  /** SIGTERM and wait for the exit code. */
  stop(): Promise<number | null>;
  kill9(): Promise<void>;
}

/**
 * Starts the real `modelapi serve --port 0 --db <db>` and waits for its address line; the teardown is
 * registered at once, so a failing test never leaves a daemon behind.
 */
export async function startDaemon(
  t: TestContext,
  opts: { db?: string; args?: string[]; env?: Record<string, string>; testKinds?: boolean } = {},
): Promise<RunningDaemon> {
  const db = opts.db ?? join(tempDir(t), 'models.db');
  // The test kinds (gated, …) by default; without them the workers run the bundled worker code, as users' do.
  const kinds = opts.testKinds === false ? [] : ['--kinds-module', TEST_KINDS];
  const proc = spawn(
    process.execPath,
    [BIN, 'serve', '--port', '0', '--db', db, '--log-level', 'warn', ...kinds, ...(opts.args ?? [])],
    { env: { ...process.env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let err = '';
  proc.stderr!.on('data', (chunk) => (err += chunk));
  const exited = once(proc, 'exit');
  t.after(async () => {
    if (proc.exitCode === null && proc.signalCode === null) {
      proc.kill('SIGKILL');
      await exited;
    }
  });
  const lines = createInterface({ input: proc.stdout! });
  const first = await Promise.race([
    once(lines, 'line').then(([l]) => l as string),
    exited.then(([code]) => {
      throw new Error(`modelapi serve exited (${code}) before listening:\n${err}`);
    }),
  ]);
  const m = /^modelapi listening on (http:\/\/\S+)$/.exec(first);
  if (!m) throw new Error(`unexpected first line from serve: ${first}`);
  return {
    url: m[1]!,
    db,
    proc,
    stderr: () => err,
    async stop() {
      proc.kill('SIGTERM');
      const [code] = await exited;
      return code as number | null;
    },
    async kill9() {
      proc.kill('SIGKILL');
      await exited;
    },
  };
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real CLI as a user would. */
/** `as`: run the command as this user and group (a root test process dropping its privileges). */
export async function runCli(args: string[], opts: { input?: string; env?: Record<string, string>; as?: { uid: number; gid: number } } = {}): Promise<CliResult> {
  const proc = spawn(process.execPath, [BIN, ...args], {
    env: { ...process.env, ...opts.env },
    stdio: ['pipe', 'pipe', 'pipe'],
    ...opts.as,
  });
  let stdout = '';
  let stderr = '';
  proc.stdout.on('data', (c) => (stdout += c));
  proc.stderr.on('data', (c) => (stderr += c));
  proc.stdin.end(opts.input ?? '');
  const [code] = await once(proc, 'exit');
  return { code: code as number | null, stdout, stderr };
}
