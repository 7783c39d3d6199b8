import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { createInterface, type Interface } from 'node:readline';

/** A started child: the first URL it printed on stdout, and how long it took to print it. */
export interface Started {
  url: string;
  child: ChildProcess;
  startMs: number;
  /** The child's stdout after its URL, line by line. */
  lines: Interface;
}

/**
 * The first URL a child prints on stdout: the first line, unless node flags such as --trace-gc print
 * lines before it (the lines after the URL are the caller's to read).
 */
async function firstUrl(lines: Interface, child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    const onLine = (line: string) => {
      const m = /(http:\/\/\S+)/.exec(line);
      if (m) {
        lines.off('line', onLine);
        resolve(m[1]!);
      }
    };
    lines.on('line', onLine);
    child.once('exit', (code) => reject(new Error(`exited with ${code} before printing its URL`)));
  });
}

/**
 * The benchmarks' child processes (the daemon, the bare reference server) and their temporary directory:
 * started, then all stopped and the directory removed.
 */
export class BenchProcesses {
  readonly root = new URL('../../', import.meta.url).pathname;
  readonly dir = mkdtempSync(join(tmpdir(), 'modelapi-bench-'));
  private readonly children: ChildProcess[] = [];

  /** Starts `node <cmd…>` and resolves once it prints its URL. */
  async spawn(cmd: string[], env: Record<string, string> = {}): Promise<Started> {
    const t0 = performance.now();
    const child = spawn(process.execPath, cmd, { cwd: this.root, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...env } });
    this.children.push(child);
    const lines = createInterface({ input: child.stdout! });
    const url = await firstUrl(lines, child);
    return { url, child, startMs: performance.now() - t0, lines };
  }

  /** Starts `node <cmd…>` and resolves with the URL on its first line of stdout. */
  async start(cmd: string[], env: Record<string, string> = {}): Promise<string> {
    return (await this.spawn(cmd, env)).url;
  }

  /** `modelapi serve --port 0` on `<dir>/<db>`, logging errors only, with more flags after (and node's before). */
  daemon(db: string, flags: string[] = [], nodeFlags: string[] = []): Promise<Started> {
    return this.spawn([...nodeFlags, 'bin/modelapi.mjs', 'serve', '--port', '0', '--db', join(this.dir, db), '--log-level', 'error', ...flags]);
  }

  /** The reference: a bare node:http server answering `body` to every request. */
  async bare(body: string): Promise<string> {
    return (await this.bareProcess(body)).url;
  }

  /** The same reference server, with its process. */
  bareProcess(body: string): Promise<Started> {
    return this.spawn(['bench/support/bare-server.mjs', body]);
  }

  async stop(child: ChildProcess): Promise<void> {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  }

  async stopAll(): Promise<void> {
    await Promise.all(this.children.map((c) => this.stop(c)));
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export const postJson = (url: string, body: unknown) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

/** Runs `fit(i)` once a second (the i-th time) until `stop()`; counts fits and those not answered 201. */
export function fitEverySecond(fit: (i: number) => Promise<Response>): { stop(): Promise<{ fits: number; fitErrors: number }> } {
  let fits = 0;
  let fitErrors = 0;
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const next = Date.now() + 1000;
      const r = await fit(fits);
      await r.body?.cancel();
      if (r.status !== 201) fitErrors++;
      fits++;
      await new Promise((res) => setTimeout(res, Math.max(0, next - Date.now())));
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      return { fits, fitErrors };
    },
  };
}
