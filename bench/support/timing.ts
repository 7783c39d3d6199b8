/** Timing helpers shared by bench/engine.ts and bench/engine-ets.ts. */
import type { RTiming } from './r-runner.ts';

export interface Timing {
  wall: number;
  cpu: number;
}

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Median wall and CPU seconds of `runs` calls after two warm-up calls (JIT). */
export function time(fn: () => void, runs: number): Timing {
  fn();
  fn();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    fn();
    wall.push((performance.now() - t0) / 1000);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1e6);
  }
  return { wall: median(wall), cpu: median(cpu) };
}

/** The figure ratios use: min(wall, cpu) (the machine is shared; either can be inflated by others' work). */
export const best = (t: Timing) => Math.min(t.wall, t.cpu);
export const wc = (t: Timing) => `${t.wall.toFixed(4)} ${t.cpu.toFixed(4)}`.padStart(15);
export const HEAD = `${'ours wall   cpu'.padStart(15)}  ${'R-now wall  cpu'.padStart(15)}  ${'ratio'.padStart(6)}  ${'R rec'.padStart(6)}  ${'ratio'.padStart(6)}`;

/** ours, R now, ours / R now, the recorded R seconds and ours / recorded (ratios use min(wall, cpu) on each side). */
export const fmtR = (t: Timing, now: RTiming | undefined, rec: number) =>
  `${wc(t)}  ${now ? wc(now) : 'R failed'.padStart(15)}  ${(now ? (best(t) / best(now)).toFixed(3) : '-').padStart(6)}  ${rec.toFixed(3).padStart(6)}  ${(best(t) / rec).toFixed(3).padStart(6)}`;

/** Without R: ours beside the recorded R seconds. */
export const fmt = (t: Timing, r: number) =>
  `wall ${t.wall.toFixed(4)} s  cpu ${t.cpu.toFixed(4)} s   R ${r.toFixed(3)} s   ratio ${(best(t) / r).toFixed(3)}`;
