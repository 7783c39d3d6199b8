import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { createInterface } from 'node:readline';

/**
 * The benchmarks' child processes (the daemon, the bare reference server) and their temporary directory:
 * started, then all stopped and the directory removed.
 */
export class BenchProcesses {
  readonly root = new URL('../', import.meta.url).pathname;
  readonly dir = mkdtempSync(join(tmpdir(), 'modelapi-bench-'));
  private readonly children: ChildProcess[] = [];

  /** Starts `node <cmd…>` and resolves with the URL on its first line of stdout. */
  async start(cmd: string[], env: Record<string, string> = {}): Promise<string> {
    const child = spawn(process.execPath, cmd, { cwd: this.root, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...env } });
    this.children.push(child);
    const [line] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string];
    return /(http:\/\/\S+)/.exec(line)![1]!;
  }

  async stopAll(): Promise<void> {
    await Promise.all(this.children.map(async (c) => { if (c.exitCode === null) { c.kill('SIGTERM'); await once(c, 'exit'); } }));
    rmSync(this.dir, { recursive: true, force: true });
  }
}

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
