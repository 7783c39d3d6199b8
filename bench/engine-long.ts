/**
 * Long seasons at scale (part of bench:engine): every long-period kind on n = 60,000 observations with
 * m = 336 (half-hourly: taylor's weeks repeated with noise) and m = 365 (daily: melbourne's years
 * repeated with noise), each fit in a child process of its own so its wall time and peak RSS are its
 * own (targets: < 5 s, < 500 MB; wall and CPU time, the CPU figure being the one to trust on a loaded
 * machine). With Rscript installed, R's stlf (ETS and ARIMA), mstl + forecast, tbats and
 * auto.arima(xreg = fourier(K = 5)) run on the same data in the same run (bench/r/engine-long.R), each in
 * its own Rscript killed after R_LIMIT seconds. Two ratios, R's time over ours (target >= 10x): against
 * the R method that does the same thing, and against the fastest R method. A stopped R counts as its
 * limit, so its ratio is a lower bound ("> "). "warm" is the same fit run a second time in its process,
 * as a daemon's long-lived worker runs it; the first run includes V8 compiling the hot loops. "daemon"
 * is the first fit in a process that first ran the engine's warm-up (src/forecasting/warm-up.ts), as
 * a daemon's fit thread does after start-up: what the first fit sent to a daemon costs.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { exerciseEngine, getKind, WARM_UP_STEPS } from '../src/forecasting/index.ts';

const N = 60_000;
const R_LIMIT = 120;
const root = new URL('../fixtures/', import.meta.url);

function lcg(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32) - 0.5;
}

/** A base series repeated to n values, plus noise of a tenth of its spread. */
function tiled(base: number[], n: number, seed: number): Float64Array {
  const rnd = lcg(seed);
  const sd = Math.sqrt(base.reduce((s, v) => s + v * v, 0) / base.length - (base.reduce((s, v) => s + v, 0) / base.length) ** 2);
  return Float64Array.from({ length: n }, (_, i) => base[i % base.length]! + 0.1 * sd * rnd());
}

export const LONG_DATA = {
  'm = 336': { y: () => tiled(JSON.parse(readFileSync(new URL('forecast-dev/forecast__taylor.json', root), 'utf8')).train.slice(0, 3360), N, 1), periods: [48, 336], h: 336 },
  'm = 365': { y: () => tiled(JSON.parse(readFileSync(new URL('melbourne_min_temp.json', root), 'utf8')).data.slice(0, 3650), N, 2), periods: [365], h: 365 },
} as const;
type DataName = keyof typeof LONG_DATA;

/** Each of ours with the R method that does the same (null: none does; then only the fastest R compares). */
const OURS: { label: string; kind: string; same: string | null; options: (periods: readonly number[]) => Record<string, unknown> }[] = [
  { label: 'mstl (ETS)', kind: 'mstl', same: 'stlf', options: (p) => ({ period: [...p] }) },
  { label: 'mstl (ARIMA)', kind: 'mstl', same: 'stlf arima', options: (p) => ({ period: [...p], method: 'arima' }) },
  { label: 'harmonic, K = 5', kind: 'harmonic', same: 'fourier ARIMA', options: (p) => ({ period: [...p], K: p.map(() => 5) }) },
  { label: 'harmonic, K chosen', kind: 'harmonic', same: null, options: (p) => ({ period: [...p] }) },
  { label: 'auto, periods given', kind: 'auto', same: null, options: (p) => ({ period: [...p] }) },
  { label: 'auto, nothing given', kind: 'auto', same: null, options: () => ({}) },
];

if (process.argv[2] === '--one') {
  const data = LONG_DATA[process.argv[3] as DataName];
  const run = OURS[Number(process.argv[4])]!;
  if (process.argv[5] === 'exercised') for (let step = 0; step < WARM_UP_STEPS; step++) exerciseEngine(step);
  const y = data.y();
  const kind = getKind(run.kind);
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const model = kind.fit(y, kind.parseSpec(run.options(data.periods)), {});
  kind.forecast(model, data.h, [80, 95]);
  const secs = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  const cpu = (c.user + c.system) / 1e6;
  const rssMB = process.resourceUsage().maxRSS / 1024;
  // The same fit again in the same process: what a daemon's worker thread, already compiled by V8 from
  // earlier fits, spends on it. The first figure includes V8 compiling the engine's hot loops.
  const t1 = performance.now();
  kind.forecast(kind.fit(y, kind.parseSpec(run.options(data.periods)), {}), data.h, [80, 95]);
  const warm = (performance.now() - t1) / 1000;
  process.stdout.write(JSON.stringify({ secs, cpu, warm, rssMB, model: model.metrics.model }));
  process.exit(0);
}

const R_METHODS = ['stlf', 'stlf arima', 'mstl+forecast', 'fourier ARIMA', 'tbats'];

/** One Rscript per method, killed at R_LIMIT seconds (R's own time limits do not stop its C code). */
function runR(name: DataName): Map<string, number> {
  const data = LONG_DATA[name];
  const series = Array.from(data.y(), String).join(',');
  const out = new Map<string, number>();
  for (const method of R_METHODS) {
    const started = performance.now();
    const r = spawnSync('Rscript', [fileURLToPath(new URL('r/engine-long.R', import.meta.url)), '-'], {
      input: `${method}\t${data.periods.join(',')}\t${data.h}\t${series}\n`,
      encoding: 'utf8',
      maxBuffer: 1 << 26,
      timeout: R_LIMIT * 1000,
      stdio: ['pipe', 'pipe', 'ignore'],
    });
    const line = (r.stdout ?? '').split('\n').find((l) => l.startsWith(`${method}\t`));
    out.set(method, line ? Number(line.split('\t')[1]) : Math.max(R_LIMIT, (performance.now() - started) / 1000));
  }
  return out;
}

export function printLongSeasons(withR: boolean): void {
  console.log(`\nlong seasons at n = ${N} (target per fit: < 5 s, < 500 MB, >= 10x faster than R)`);
  for (const name of Object.keys(LONG_DATA) as DataName[]) {
    const r = withR ? runR(name) : new Map<string, number>();
    if (withR) {
      const rs = [...r].map(([m, s]) => `${m} ${s >= R_LIMIT ? `> ${R_LIMIT}` : s.toFixed(1)} s`).join(', ');
      console.log(`  ${name}, periods ${LONG_DATA[name].periods.join(', ')} — R now: ${rs || 'failed'}`);
    }
    const fastestR = Math.min(...r.values());
    OURS.forEach((run, i) => {
      const one = (...extra: string[]) => {
        const args = ['--import', 'tsx', fileURLToPath(import.meta.url), '--one', name, String(i), ...extra];
        return JSON.parse(execFileSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 24 }));
      };
      const o = one();
      const exercised = one('exercised');
      const daemon = Math.min(exercised.secs, exercised.cpu);
      const ours = Math.min(o.secs, o.cpu);
      const rSame = run.same ? r.get(run.same) : undefined;
      const same = rSame !== undefined ? `  R ${run.same} / ours ${fmtRatio(rSame, ours)} (daemon ${fmtRatio(rSame, daemon)}, warm ${fmtRatio(rSame, o.warm)})` : '';
      const fastest = r.size ? `  fastest R / ours ${fmtRatio(fastestR, ours)}` : '';
      console.log(`    ${run.label.padEnd(22)} wall ${o.secs.toFixed(2).padStart(6)} s  cpu ${o.cpu.toFixed(2).padStart(6)} s  daemon ${daemon.toFixed(2).padStart(5)} s  warm ${o.warm.toFixed(2).padStart(5)} s  ${o.rssMB.toFixed(0).padStart(4)} MB${same}${fastest}  ${o.model}`);
    });
  }
}

/** R's time over ours; an R run stopped at its limit gives a lower bound. */
function fmtRatio(rSecs: number, ours: number): string {
  return `${rSecs >= R_LIMIT ? '> ' : ''}${(rSecs / ours).toFixed(1)}x`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1] && process.argv[2] !== '--one') printLongSeasons(process.argv[2] !== '--no-r');
