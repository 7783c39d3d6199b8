/**
 * The long-period section of bench:accuracy: daily, weekly and half-hourly public series
 * (fixtures/long-period-dev, written by fixtures/r/long-period-dev.R), each with its final season held
 * out, ours beside R forecast 8.20's stlf, tbats, auto.arima(xreg = fourier(K ≤ 5)) and snaive.
 * MASE is scaled by the in-sample seasonal naive MAE at the longest integer period, as for R's.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { forecastScores, getKind, type Scores } from '../src/forecasting/index.ts';

const dir = new URL('../fixtures/long-period-dev/', import.meta.url);
const R_METHODS = ['stlf', 'tbats', 'fourier', 'snaive'] as const;

interface Series {
  name: string;
  periods: number[];
  h: number;
  intervalSeconds: number | null;
  train: number[];
  test: number[];
  r: Record<string, { mean: number[]; lo95: number[]; hi95: number[]; model: string; seconds: number } | undefined>;
}

/** Our configurations: a kind and the options it gets from a series. */
export const LONG_RUNS: { label: string; kind: string; options: (s: Series) => Record<string, unknown> }[] = [
  { label: 'auto, periods given', kind: 'auto', options: (s) => ({ period: s.periods }) },
  { label: 'auto, spacing only (intervalSeconds)', kind: 'auto', options: (s) => (s.intervalSeconds ? { intervalSeconds: s.intervalSeconds } : {}) },
  { label: 'auto, nothing given', kind: 'auto', options: () => ({}) },
  { label: 'mstl (ETS), periods given', kind: 'mstl', options: (s) => ({ period: s.periods }) },
  { label: 'mstl (ARIMA), periods given', kind: 'mstl', options: (s) => ({ period: s.periods, method: 'arima' }) },
  { label: 'harmonic, periods given', kind: 'harmonic', options: (s) => ({ period: s.periods }) },
];

const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const f3 = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? '      -' : v.toFixed(3).padStart(7));

export function runLongPeriodSection(labels?: string[]): void {
  const series: Series[] = readdirSync(dir).filter((f) => f.endsWith('.json')).sort().map((f) => JSON.parse(readFileSync(new URL(f, dir), 'utf8')));
  const scale = (s: Series) => Math.floor(Math.max(...s.periods));
  console.log(`\n== long periods: ${series.length} series, final season held out (MASE; coverage of the 95% interval)`);
  const rScores = series.map((s) => {
    const out: Record<string, Scores> = {};
    for (const m of R_METHODS) {
      const rf = s.r[m];
      if (rf) out[m] = forecastScores(s.train, s.test, scale(s), rf.mean, rf.lo95, rf.hi95);
    }
    return out;
  });
  console.log(`${'R forecast 8.20'.padEnd(40)}${series.map((s) => s.name.slice(0, 14).padStart(15)).join('')}     mean  cover95`);
  for (const m of R_METHODS) {
    const vals = rScores.map((r) => r[m]?.mase);
    const ok = vals.every((v) => v !== undefined);
    const cover = avg(rScores.map((r) => r[m]?.coverage ?? NaN));
    console.log(`${`R ${m}`.padEnd(40)}${vals.map((v) => f3(v).padStart(15)).join('')}  ${ok ? f3(avg(vals as number[])) : '      -'}  ${cover.toFixed(1).padStart(6)}%`);
  }
  for (const run of LONG_RUNS.filter((r) => !labels || labels.includes(r.kind))) {
    const kind = getKind(run.kind);
    const scores: Scores[] = [];
    const ms: number[] = [];
    const models: string[] = [];
    for (const s of series) {
      const started = performance.now();
      const model = kind.fit(Float64Array.from(s.train), kind.parseSpec(run.options(s)), {});
      ms.push(performance.now() - started);
      const fc = kind.forecast(model, s.h, [95]);
      scores.push(forecastScores(s.train, s.test, scale(s), fc.mean, fc.intervals[0]!.lower, fc.intervals[0]!.upper));
      models.push(`${s.name}: ${model.metrics.model} (period ${model.metrics.period ?? model.metrics.periods ?? model.metrics.K})`);
    }
    const cover = avg(scores.map((x) => x.coverage));
    console.log(
      `${run.label.padEnd(40)}${scores.map((x) => f3(x.mase).padStart(15)).join('')}  ${f3(avg(scores.map((x) => x.mase)))}  ${cover.toFixed(1).padStart(6)}%   fit ${(avg(ms) / 1000).toFixed(2)} s/series`,
    );
    for (const m of models) console.log(`    ${m}`);
  }
}
