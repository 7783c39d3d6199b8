import { setPriority } from 'node:os';

/**
 * Lowers the calling thread's CPU priority to `nice` (0–19), so that on a busy machine the OS runs
 * forecasts and the HTTP thread before fits. Linux only: there the nice value belongs to each thread
 * (NPTL), so this worker alone is lowered. Elsewhere the same call would lower the whole daemon, so it
 * does nothing and says so (false).
 */
export function lowerThreadPriority(nice: number): boolean {
  if (process.platform !== 'linux' || nice <= 0) return false;
  try {
    setPriority(0, nice);
    return true;
  } catch {
    // A sandbox may forbid it; the worker then runs at the daemon's priority, as before.
    return false;
  }
}
