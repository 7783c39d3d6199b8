/**
 * What Linux's /proc says of a bench's child processes: resident memory, and the CPU time of the main
 * thread (user + system). The benches compare the latter per request between the daemon and the bare
 * reference, a figure that moves less with this machine's speed than their throughputs do (the other
 * threads, idle workers and V8's helpers, are not in it).
 */
import { readFileSync } from 'node:fs';

/** Resident set size in MB (Linux only: throws elsewhere). */
export const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

/** Clock ticks of /proc/<pid>/stat (USER_HZ, 100 on Linux). */
const TICK_MS = 10;

/** The main thread's CPU time in ms; undefined where there is no /proc. */
export function mainThreadCpuMs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/task/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return undefined;
  }
}

/** Runs `load` and gives its result with the main thread's CPU µs per request (undefined off Linux). */
export async function withCpuPerRequest<T extends { requests: number }>(pid: number, load: () => Promise<T>): Promise<T & { cpuUs?: number }> {
  const before = mainThreadCpuMs(pid);
  const r = await load();
  const after = mainThreadCpuMs(pid);
  return before === undefined || after === undefined || r.requests === 0 ? r : { ...r, cpuUs: ((after - before) * 1000) / r.requests };
}
