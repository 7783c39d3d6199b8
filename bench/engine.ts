/**
 * Engine timings beside R's (seconds recorded in the fixtures, same 2-core machine class):
 *   node --import tsx bench/engine.ts
 * Median of several runs after a warm-up, wall clock and this process's CPU time (the CPU figure is
 * the one to trust when other work shares the machine). Ratios use the smaller of the two.
 * taylor (m = 336) runs in a child process so its peak RSS is its own.
 * Then ets (ZZZ) and auto (the default kind) on every dev series beside R's ets() and auto.arima() + ets()
 * (bench/engine-ets.ts), and the long-period kinds at n = 60,000 beside R (bench/engine-long.ts).
 * When `Rscript` with the forecast package is installed (bench/support/r-runner.ts), R runs on the same data in the
 * same run (bench/r/engine.R, median of a few runs) and each case shows ours, R-now and ours / R-now, with
 * the recorded figure kept for reference; otherwise ours is printed beside the recorded figures only.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import { arimaKind, autoArimaKind } from '../src/forecasting/arima/index.ts';
import { detectR, runR, type RCase, type RTiming } from './support/r-runner.ts';
import { best, fmt, fmtR, HEAD, time, type Timing } from './support/timing.ts';
import { etsAutoCases, printEtsAuto } from './engine-ets.ts';
import { printLongSeasons } from './engine-long.ts';

const root = new URL('../fixtures/', import.meta.url);

if (process.argv[2] === '--taylor') {
  const d = JSON.parse(readFileSync(new URL('forecast-dev/forecast__taylor.json', root), 'utf8'));
  const t0 = performance.now();
  const m = autoArimaKind.fit(Float64Array.from(d.train), autoArimaKind.parseSpec({ period: d.frequency }), {});
  autoArimaKind.forecast(m, d.h, [80, 95]);
  const secs = (performance.now() - t0) / 1000;
  process.stdout.write(JSON.stringify({ secs, rssMB: process.resourceUsage().maxRSS / 1024, model: m.metrics.model }));
  process.exit(0);
}

const ref = JSON.parse(readFileSync(new URL('reference.json', root), 'utf8')).melbourne_arima_7_0_1_on_lag365_difference;
const x: number[] = JSON.parse(readFileSync(new URL('melbourne_min_temp.json', root), 'utf8')).data;
const dser = Float64Array.from(x.slice(365).map((v, i) => v - x[i]!));
const onD = arimaKind.parseSpec({ order: [7, 0, 1] });
const onX = arimaKind.parseSpec({ order: [7, 0, 1], seasonalOrder: [0, 1, 0], period: 365, includeDrift: true });
const xs = Float64Array.from(x);
const tD = time(() => arimaKind.fit(dser, onD, {}), 15);
const tX = time(() => arimaKind.fit(xs, onX, {}), 15);
const rSec = ref.r_stats_arima_css_ml.seconds_here as number;

const load = os.loadavg()[0]!;
const dir = new URL('forecast-dev/', root);
const rows: { name: string; t: Timing; model: string; rec: number }[] = [];
const rCases: RCase[] = [{ kind: 'arima701_lag365', name: 'melbourne', x }];
for (const f of readdirSync(dir).sort()) {
  if (f.includes('taylor')) continue; // R's auto.arima needs > 12 GB on it and does not finish
  const d = JSON.parse(readFileSync(new URL(f, dir), 'utf8'));
  const y = Float64Array.from(d.train);
  const spec = autoArimaKind.parseSpec({ period: d.frequency });
  let model = '';
  const t = time(() => {
    model = String(autoArimaKind.fit(y, spec, {}).metrics.model);
  }, 9);
  rows.push({ name: d.name, t, model, rec: d.r.auto_arima.seconds as number });
  rCases.push({ kind: 'auto', name: d.name, frequency: d.frequency, y: d.train });
}

const etsAuto = etsAutoCases(dir);
rCases.push(...etsAuto.rCases);

const rVersion = detectR();
let rNow: Map<string, RTiming> | null = null;
if (rVersion) {
  console.log(`${rVersion} found: timing R on the same data (median of 3 runs, bench/r/engine.R) ...`);
  rNow = runR(rCases, 3);
  console.log(`  (load average after R ${os.loadavg()[0]!.toFixed(2)} on ${os.cpus().length} cores)\n`);
}

console.log('ARIMA(7,0,1) on melbourne (target <= 0.080 s, goal 0.030 s)');
if (rNow) {
  const m = rNow.get('melbourne');
  console.log(`${''.padEnd(34)} ${HEAD}`);
  console.log(`  on d = x - lag365 x, with mean   ${fmtR(tD, m, rSec)}`);
  console.log(`  on x, (0,1,0)[365] with drift    ${fmtR(tX, m, rSec)}`);
  console.log(`  (both rows against R-now arima(diff(x, 365), order = c(7,0,1), method = "CSS-ML")${m ? `: ${m.model}` : ''})`);
} else {
  console.log(`  on d = x - lag365 x, with mean   ${fmt(tD, rSec)}`);
  console.log(`  on x, (0,1,0)[365] with drift    ${fmt(tX, rSec)}`);
}

console.log('\nauto_arima on the dev series (train part; target ratio <= 0.2)');
console.log(`  (load average now ${load.toFixed(2)} on ${os.cpus().length} cores)`);
if (rNow) console.log(`  ${''.padEnd(24)} ${HEAD}  model (ours; R-now's if it differs)`);
for (const { name, t, model, rec } of rows) {
  if (!rNow) {
    console.log(`  ${name.padEnd(24)} ${fmt(t, rec)}  ${model}`);
    continue;
  }
  const r = rNow.get(name);
  console.log(`  ${name.padEnd(24)} ${fmtR(t, r, rec)}  ${model}${r && r.model !== model ? `; R: ${r.model}` : ''}`);
}
if (rNow) {
  const sum = (f: (r: (typeof rows)[number]) => number) => rows.reduce((a, r) => a + f(r), 0);
  const rs = sum((r) => (rNow.get(r.name) ? best(rNow.get(r.name)!) : NaN));
  console.log(`  ${'total'.padEnd(24)} ${sum((r) => best(r.t)).toFixed(4).padStart(15)}  ${rs.toFixed(4).padStart(15)}  ${(sum((r) => best(r.t)) / rs).toFixed(3).padStart(6)}  ${sum((r) => r.rec).toFixed(3).padStart(6)}  ${(sum((r) => best(r.t)) / sum((r) => r.rec)).toFixed(3).padStart(6)}   (sums of min(wall, cpu))`);
}

printEtsAuto(etsAuto, rNow);

const out = execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--taylor'], { encoding: 'utf8' });
const tay = JSON.parse(out);
console.log(`\ntaylor (m = 336, n = 3696; R's auto.arima fails): ${tay.secs.toFixed(2)} s, peak RSS ${tay.rssMB.toFixed(0)} MB  (target < 10 s, < 500 MB)  ${tay.model}`);

printLongSeasons(rVersion !== null);
