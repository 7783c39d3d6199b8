import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { ROOT } from './daemon.ts';
import { waitFor } from './http.ts';

/** A command running in a real terminal: a detached tmux session on a private server. */
export interface Terminal {
  screen(): string;
  send(...keys: string[]): void;
  /** Polls the screen (with a deadline) until it matches; returns that screen. */
  waitForScreen(pattern: RegExp, what: string, timeoutMs?: number): Promise<string>;
  /** Waits for the command to end; resolves with its exit status. */
  exitStatus(timeoutMs?: number): Promise<number>;
}

const EXITED = /\[command exited: (\d+)\]/;

export function openTerminal(t: TestContext, command: string, size = { columns: 120, rows: 40 }): Terminal {
  const probe = spawnSync('tmux', ['-V']);
  if (probe.error || probe.status !== 0) throw new Error('terminal tests need tmux: apt-get install -y tmux (.ci/run does this)');
  // A socket in a directory of our own: a private server that leaves no file behind. The server is
  // killed before the directory goes, or kill-server could no longer reach it.
  const dir = mkdtempSync(join(tmpdir(), 'modelapi-tty-'));
  const socket = join(dir, 'tmux.sock');
  const tmux = (...args: string[]) => spawnSync('tmux', ['-S', socket, '-f', '/dev/null', ...args], { encoding: 'utf8' });
  t.after(() => {
    tmux('kill-server');
    rmSync(dir, { recursive: true, force: true });
  });
  // CI=0: ink draws only a final frame when it believes it runs in CI. The shell prints the exit status
  // and keeps the pane open, because tmux's own record of a dead pane's status is not reliable (3.3a).
  const wrapped = `env CI=0 ${command}; echo "[command exited: $?]"; sleep 600`;
  const started = tmux('new-session', '-d', '-s', 'main', '-x', String(size.columns), '-y', String(size.rows), '-c', ROOT, wrapped);
  if (started.status !== 0) throw new Error(`tmux new-session failed: ${started.stderr}`);
  const term: Terminal = {
    screen: () => tmux('capture-pane', '-p', '-t', 'main').stdout,
    send: (...keys) => void tmux('send-keys', '-t', 'main', ...keys),
    waitForScreen: (pattern, what, timeoutMs = 30_000) =>
      waitFor(what, async () => {
        const s = term.screen();
        return pattern.test(s) ? s : undefined;
      }, timeoutMs, 50),
    exitStatus: async (timeoutMs = 15_000) => Number(EXITED.exec(await term.waitForScreen(EXITED, 'the command to exit', timeoutMs))![1]),
  };
  return term;
}
