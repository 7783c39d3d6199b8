/**
 * Runs R (bench/r/engine.R, base R + the forecast package) on the same data as bench/engine.ts, in the
 * same run, when `Rscript` with forecast is installed (Debian: `apt-get install r-cran-forecast`).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface RTiming {
  wall: number;
  cpu: number;
  model: string;
}

export type RCase =
  | { kind: 'arima701_lag365'; name: string; x: ArrayLike<number> }
  | { kind: 'auto' | 'ets'; name: string; frequency: number; y: ArrayLike<number> };

const script = fileURLToPath(new URL('../r/engine.R', import.meta.url));
const nums = (v: ArrayLike<number>) => Array.from(v, String).join(',');

/** `Rscript -e 'library(forecast)'` exits 0; null if not, else the R and forecast versions. */
export function detectR(): string | null {
  const r = spawnSync(
    'Rscript',
    ['-e', 'suppressPackageStartupMessages(library(forecast)); cat(R.version$major, ".", R.version$minor, " forecast ", format(packageVersion("forecast")), sep = "")'],
    { encoding: 'utf8', timeout: 60_000, stdio: ['ignore', 'pipe', 'ignore'] },
  );
  return r.status === 0 ? `R ${r.stdout.trim()}` : null;
}

/** Times every case in one Rscript process (median of `runs`); stderr (R warnings) passes through. */
export function runR(cases: RCase[], runs: number): Map<string, RTiming> {
  const job = [`runs\t${runs}`];
  for (const c of cases) {
    job.push(c.kind === 'arima701_lag365' ? `${c.kind}\t${c.name}\t${nums(c.x)}` : `${c.kind}\t${c.name}\t${c.frequency}\t${nums(c.y)}`);
  }
  const r = spawnSync('Rscript', [script, '-'], {
    input: job.join('\n') + '\n',
    encoding: 'utf8',
    maxBuffer: 1 << 24,
    timeout: 30 * 60_000,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  if (r.status !== 0) throw new Error(`Rscript ${script} failed (status ${r.status}, ${r.error?.message ?? r.signal ?? ''})`);
  const out = new Map<string, RTiming>();
  for (const line of r.stdout.split('\n')) {
    const [name, wall, cpu, model] = line.split('\t');
    if (name && wall && cpu) out.set(name, { wall: Number(wall), cpu: Number(cpu), model: model ?? '' });
  }
  return out;
}
