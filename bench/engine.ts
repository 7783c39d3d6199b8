/**
 * Engine timings beside R's (seconds recorded in the fixtures, same 2-core machine class):
 *   node --import tsx bench/engine.ts
 * Median of several runs after a warm-up, wall clock and this process's CPU time (the CPU figure is
 * the one to trust when other work shares the machine). Ratios use the smaller of the two.
 * taylor (m = 336) runs in a child process so its peak RSS is its own.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import { arimaKind, autoArimaKind } from '../src/forecasting/arima/index.ts';

const root = new URL('../fixtures/', import.meta.url);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

interface Timing {
  wall: number;
  cpu: number;
}

function time(fn: () => void, runs: number): Timing {
  fn(); // warm-up (JIT)
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

const fmt = (t: Timing, r: number) =>
  `wall ${t.wall.toFixed(4)} s  cpu ${t.cpu.toFixed(4)} s   R ${r.toFixed(3)} s   ratio ${(Math.min(t.wall, t.cpu) / r).toFixed(3)}`;

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
console.log('ARIMA(7,0,1) on melbourne (target <= 0.080 s, goal 0.030 s)');
console.log(`  on d = x - lag365 x, with mean   ${fmt(tD, rSec)}`);
console.log(`  on x, (0,1,0)[365] with drift    ${fmt(tX, rSec)}`);

console.log('\nauto_arima on the dev series (train part; target ratio <= 0.2)');
console.log(`  (load average now ${os.loadavg()[0]!.toFixed(2)} on ${os.cpus().length} cores)`);
const dir = new URL('forecast-dev/', root);
for (const f of readdirSync(dir).sort()) {
  if (f.includes('taylor')) continue;
  const d = JSON.parse(readFileSync(new URL(f, dir), 'utf8'));
  const y = Float64Array.from(d.train);
  const spec = autoArimaKind.parseSpec({ period: d.frequency });
  let model = '';
  const t = time(() => {
    model = String(autoArimaKind.fit(y, spec, {}).metrics.model);
  }, 9);
  const r = d.r.auto_arima.seconds as number;
  console.log(`  ${d.name.padEnd(24)} ${fmt(t, r)}  ${model}`);
}

const out = execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--taylor'], { encoding: 'utf8' });
const tay = JSON.parse(out);
console.log(`\ntaylor (m = 336, n = 3696; R's auto.arima fails): ${tay.secs.toFixed(2)} s, peak RSS ${tay.rssMB.toFixed(0)} MB  (target < 10 s, < 500 MB)  ${tay.model}`);
