/**
 * ETS fit time per dev series (median CPU and wall of several runs) with the chosen model and its AICc:
 *   node --import tsx bench/ets-series.ts [--save FILE | --compare FILE]
 * --save writes the fitted criteria so a later run can --compare (results must agree to optimiser tolerance).
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { getKind } from '../src/forecasting/index.ts';

const dir = new URL('../fixtures/forecast-dev/', import.meta.url);
const ets = getKind('ets');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const out: Record<string, { model: string; aicc: number }> = {};
const [flag, file] = process.argv.slice(2);
const prev = flag === '--compare' ? JSON.parse(readFileSync(file!, 'utf8')) : null;
for (const f of readdirSync(dir).sort()) {
  const d = JSON.parse(readFileSync(new URL(f, dir), 'utf8'));
  const y = Float64Array.from(d.train);
  const spec = ets.parseSpec({ period: d.frequency });
  let m: any;
  const runs = d.train.length > 1000 ? 3 : 9;
  m = ets.fit(y, spec, {});
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    m = ets.fit(y, spec, {});
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1e3);
  }
  const w = median(wall);
  const c = median(cpu);
  const r = d.r.ets.seconds * 1000;
  out[d.name] = { model: m.metrics.model, aicc: m.metrics.aicc };
  const p = prev?.[d.name];
  const cmp = p ? `  was ${p.model} ${p.aicc.toFixed(3)} (Δ ${(m.metrics.aicc - p.aicc).toFixed(4)})` : '';
  console.log(
    `${d.name.padEnd(24)} wall ${w.toFixed(1).padStart(7)} ms cpu ${c.toFixed(1).padStart(7)} ms  R ${r.toFixed(0).padStart(5)} ms  ratio ${(Math.min(w, c) / r).toFixed(3)}  ${m.metrics.model} aicc ${m.metrics.aicc.toFixed(3)}${cmp}`,
  );
}
if (flag === '--save') writeFileSync(file!, JSON.stringify(out, null, 1));
