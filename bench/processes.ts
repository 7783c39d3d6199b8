import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';

/** The benchmarks' child processes (the daemon, the bare reference server): started, then all stopped. */
export class BenchProcesses {
  private readonly children: ChildProcess[] = [];
  constructor(private readonly root: string) {}

  /** Starts `node <cmd…>` and resolves with the URL on its first line of stdout. */
  async start(cmd: string[], env: Record<string, string> = {}): Promise<string> {
    const child = spawn(process.execPath, cmd, { cwd: this.root, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...env } });
    this.children.push(child);
    const [line] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string];
    return /(http:\/\/\S+)/.exec(line)![1]!;
  }

  async stopAll(): Promise<void> {
    await Promise.all(this.children.map(async (c) => { if (c.exitCode === null) { c.kill('SIGTERM'); await once(c, 'exit'); } }));
  }
}
