import { execFileSync } from 'node:child_process';
import type { TestContext } from 'node:test';
import { waitFor } from './http.ts';

/** A command running in a real terminal (a detached tmux session on its own server socket). */
export interface Terminal {
  screen(): string;
  send(...keys: string[]): void;
  /** Waits until the screen matches `pattern` (polled with a deadline), returns the screen. */
  waitForScreen(pattern: RegExp, what: string, timeoutMs?: number): Promise<string>;
  alive(): boolean;
}

export function openTerminal(t: TestContext, command: string, size = { columns: 120, rows: 40 }): Terminal {
  try {
    execFileSync('tmux', ['-V']);
  } catch {
    throw new Error('tmux is needed for terminal tests: apt-get install -y tmux (.ci/run does this)');
  }
  const socket = `modelapi-test-${process.pid}-${Math.random().toString(36).slice(2)}`;
  const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
  tmux('new-session', '-d', '-s', 'main', '-x', String(size.columns), '-y', String(size.rows), command);
  // Keep the pane after the command exits, so its last screen can still be read.
  tmux('set-option', '-t', 'main', 'remain-on-exit', 'on');
  t.after(() => {
    try {
      tmux('kill-server');
    } catch {
      // already gone
    }
  });
  const term: Terminal = {
    screen: () => tmux('capture-pane', '-p', '-t', 'main'),
    send: (...keys) => void tmux('send-keys', '-t', 'main', ...keys),
    async waitForScreen(pattern, what, timeoutMs = 20_000) {
      return waitFor(what, async () => {
        const s = term.screen();
        return pattern.test(s) ? s : undefined;
      }, timeoutMs);
    },
    alive: () => tmux('display-message', '-p', '-t', 'main', '#{pane_dead}').trim() === '0',
  };
  return term;
}
