/**
 * ETS's structure search on long series (n > SEARCH_WINDOW, searched on its last values; select.ts),
 * compared between two checkouts in one process:
 *   node --import tsx bench/ets-window-search.ts <other checkout>
 * 41 series of 12,000–40,000 values: simulated ETS processes of every non-seasonal structure, random
 * walks with drift, AR(1), a trend plus AR(1), and each dev series (fixtures/forecast-dev and
 * long-period-dev) tiled to 20,000 values more than its length with noise of a fifth of its spread and a
 * slow drift. Non-seasonal series are fitted by `ets` (model ZZN), seasonal ones by `mstl` (its ETS
 * sees the seasonally adjusted series). Each fit runs once in each checkout to compile, then is timed.
 * Prints per series the model each checkout chose, this checkout's AICc minus the other's (the
 * seasonally adjusted series' ETS fit for mstl), the times, and a summary line.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { getKind } from '../src/forecasting/index.ts';
import { normals } from '../test/support/random.ts';

const other = resolve(process.argv[2] ?? '');
const otherEngine = (await import(join(other, 'src/forecasting/index.ts'))) as { getKind: typeof getKind };

type Series = { name: string; y: Float64Array; kind: 'ets' | 'mstl'; period?: number[] };

/** ETS processes: [structure, α, β, φ, multiplicative error]. */
const SIMULATED: [string, number, number, number, boolean][] = [
  ['ANN', 0.1, 0, 1, false], ['ANN', 0.5, 0, 1, false], ['ANN', 0.95, 0, 1, false],
  ['AAN', 0.3, 0.01, 1, false], ['AAN', 0.6, 0.1, 1, false], ['AAdN', 0.4, 0.05, 0.9, false],
  ['MNN', 0.2, 0, 1, true], ['MNN', 0.7, 0, 1, true], ['MAN', 0.3, 0.02, 1, true], ['MAdN', 0.5, 0.1, 0.95, true],
];

function simulated(seedFrom: number): Series[] {
  const out: Series[] = [];
  let seed = seedFrom;
  for (const [code, alpha, beta, phi, mult] of SIMULATED) {
    for (const n of [12_000, 25_000]) {
      const z = normals(seed++);
      const y = new Float64Array(n);
      let level = 1000;
      let slope = mult ? 0.5 : 2;
      const trended = code[1] === 'A';
      for (let t = 0; t < n; t++) {
        const f = level + phi * slope;
        const e = mult ? 0.01 * z() : 5 * z();
        y[t] = mult ? f * (1 + e) : f + e;
        const err = mult ? f * e : e;
        level = Math.max(mult ? 10 : -Infinity, f + alpha * err);
        slope = trended ? phi * slope + beta * err : 0;
      }
      out.push({ name: `${code} α ${alpha} β ${beta} φ ${phi}, n ${n}`, y, kind: 'ets' });
    }
  }
  return out;
}

function processes(): Series[] {
  const out: Series[] = [];
  for (let k = 0; k < 6; k++) {
    const z = normals(100 + k);
    const n = 15_000 + 3000 * k;
    const y = new Float64Array(n);
    let v = 500;
    let ar = 0;
    for (let t = 0; t < n; t++) {
      if (k % 3 === 0) v += 0.05 * k + z();
      else if (k % 3 === 1) v = 500 + (ar = 0.8 * ar + z());
      else v = 500 + 0.01 * t + (ar = 0.5 * ar + z());
      y[t] = v;
    }
    out.push({ name: `${['random walk, drift', 'AR(1)', 'trend + AR(1)'][k % 3]}, n ${n}`, y, kind: 'ets' });
  }
  return out;
}

function tiledDevSeries(seedFrom: number): Series[] {
  const out: Series[] = [];
  let seed = seedFrom;
  for (const folder of ['forecast-dev', 'long-period-dev']) {
    const dir = new URL(`../fixtures/${folder}/`, import.meta.url);
    for (const f of readdirSync(dir).sort()) {
      const d = JSON.parse(readFileSync(new URL(f, dir), 'utf8'));
      const base: number[] = d.train;
      const mean = base.reduce((a, v) => a + v, 0) / base.length;
      const sd = Math.sqrt(base.reduce((a, v) => a + (v - mean) ** 2, 0) / base.length);
      const periods = ((d.periods as number[] | undefined) ?? [d.frequency ?? 1]).filter((p) => p > 1);
      const z = normals(seed++);
      const y = Float64Array.from({ length: 20_000 + base.length }, (_, i) => base[i % base.length]! + 0.2 * sd * z() + 0.0005 * i * sd);
      out.push({ name: `${folder}/${f.replace('.json', '')} tiled`, y, kind: periods.length ? 'mstl' : 'ets', period: periods.length ? periods : undefined });
    }
  }
  return out;
}

/** The fit's AICc: the ETS fit's own, or (mstl) that of its fit to the seasonally adjusted series. */
function aiccOf(fitted: { metrics: Record<string, unknown>; params: unknown }): number {
  const adjusted = (fitted.params as { adjusted?: { metrics: Record<string, unknown> } }).adjusted;
  const aicc = (adjusted?.metrics ?? fitted.metrics).aicc;
  return typeof aicc === 'number' ? aicc : NaN;
}

const series = [...simulated(1), ...processes(), ...tiledDevSeries(21)];
let same = 0;
let oursMs = 0;
let otherMs = 0;
const diffs: number[] = [];
for (const s of series) {
  const fit = (engine: { getKind: typeof getKind }) => {
    const kind = engine.getKind(s.kind);
    const spec = kind.parseSpec(s.kind === 'mstl' ? { period: s.period } : { model: 'ZZN' });
    const t0 = performance.now();
    const m = kind.fit(s.y, spec, {});
    return { metrics: m.metrics as Record<string, unknown>, aicc: aiccOf(m as never), ms: performance.now() - t0 };
  };
  fit({ getKind });
  fit(otherEngine);
  const a = fit({ getKind });
  const b = fit(otherEngine);
  if (a.metrics.model === b.metrics.model) same++;
  oursMs += a.ms;
  otherMs += b.ms;
  const d = a.aicc - b.aicc;
  if (Number.isFinite(d)) diffs.push(d);
  console.log(`${s.name.padEnd(46)} ${String(a.metrics.model).padEnd(20)} ${String(b.metrics.model).padEnd(20)} ΔAICc ${d.toFixed(3).padStart(7)}  ${a.ms.toFixed(0).padStart(4)} ms / ${b.ms.toFixed(0).padStart(4)} ms`);
}
diffs.sort((x, y) => x - y);
console.log(
  `same structure ${same}/${series.length}; fits ${(oursMs / 1000).toFixed(2)} s here, ${(otherMs / 1000).toFixed(2)} s in ${other}; ` +
    `ΔAICc (here − there) min ${diffs[0]!.toFixed(3)}, median ${diffs[diffs.length >> 1]!.toFixed(3)}, max ${diffs.at(-1)!.toFixed(3)} over ${diffs.length}`,
);
