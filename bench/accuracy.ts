/**
 * Out-of-sample accuracy on the dev series, ours beside R's forecasts stored in the same fixtures:
 *   npm run bench:accuracy [-- auto auto_arima ets theta]
 * Each series: fit on `train` (period = its frequency), forecast `h`, score against `test`. MASE is
 * scaled by the in-sample MAE of the seasonal naive forecast; sMAPE in percent; coverage is the share
 * of test values inside the 95% interval. R's figures are scored the same way from its stored forecasts.
 * First on fixtures/forecast-dev (the ten series issue 10's "not worse than today" refers to), then the
 * same on fixtures/forecast-dev-extra (fifteen more, written by fixtures/r/forecast-dev-extra.R, so that
 * rules are judged on more than ten). Then the long-period section (bench/accuracy-long.ts; with kind
 * arguments, only the runs of those kinds).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { forecastScores, getKind, type Scores } from '../src/forecasting/index.ts';
import { runLongPeriodSection } from './accuracy-long.ts';

const kinds = process.argv.slice(2).length ? process.argv.slice(2) : ['auto', 'auto_arima', 'ets', 'theta'];
// R's methods in the fixtures, matched to our kinds (auto compares against R's two automatic methods).
const R_OF: Record<string, string[]> = { auto: ['auto_arima', 'ets'], auto_arima: ['auto_arima'], ets: ['ets'], theta: ['theta'] };

interface Series {
  name: string;
  frequency: number;
  h: number;
  train: number[];
  test: number[];
  r: Record<string, { mean: number[]; lo95: number[]; hi95: number[]; model: string; seconds: number } | undefined>;
}

const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const f3 = (v: number | undefined) => (v === undefined ? '      -' : v.toFixed(3).padStart(7));

function runShortSection(folder: string): void {
  const dir = new URL(`../fixtures/${folder}/`, import.meta.url);
  const series: Series[] = readdirSync(dir).sort().map((f) => JSON.parse(readFileSync(new URL(f, dir), 'utf8')));
  console.log(`\n#### ${folder}: ${series.length} series`);
  for (const kindName of kinds) {
    const kind = getKind(kindName);
    const rNames = R_OF[kindName] ?? [];
    const rows: { name: string; ours: Scores; ms: number; model: string; r: Record<string, Scores> }[] = [];
    for (const d of series) {
      const started = performance.now();
      const model = kind.fit(Float64Array.from(d.train), kind.parseSpec({ period: d.frequency }), {});
      const ms = performance.now() - started;
      const fc = kind.forecast(model, d.h, [95]);
      const ours = forecastScores(d.train, d.test, d.frequency, fc.mean, fc.intervals[0]!.lower, fc.intervals[0]!.upper);
      const r: Record<string, Scores> = {};
      for (const rn of rNames) {
        const rf = d.r[rn];
        if (rf) r[rn] = forecastScores(d.train, d.test, d.frequency, rf.mean, rf.lo95, rf.hi95);
      }
      rows.push({ name: d.name, ours, ms, model: String(model.metrics.model ?? kindName), r });
    }

    console.log(`\n== ${kindName} (MASE; R: ${rNames.join(', ') || 'none'})`);
    console.log(`${'series'.padEnd(24)}    ours ${rNames.map((n) => `R ${n}`.padStart(13)).join('')}   sMAPE  cover95  fit ms  model`);
    for (const row of rows) {
      const rCols = rNames.map((n) => f3(row.r[n]?.mase).padStart(13)).join('');
      console.log(
        `${row.name.padEnd(24)} ${f3(row.ours.mase)} ${rCols}  ${row.ours.smape.toFixed(1).padStart(6)}  ${row.ours.coverage.toFixed(1).padStart(7)}  ${row.ms.toFixed(0).padStart(6)}  ${row.model}`,
      );
    }
    // R's auto.arima gives up on taylor: means are shown over all and over those it finishes.
    const finished = rows.filter((row) => series.find((s) => s.name === row.name)!.r.auto_arima);
    const sets = [[`all ${rows.length}`, rows], [`the ${finished.length} R's auto.arima finishes`, finished]] as const;
    for (const [label, set] of finished.length < rows.length ? sets : sets.slice(0, 1)) {
      const rMeans = rNames
        .filter((n) => set.every((row) => row.r[n]))
        .map((n) => `R ${n} ${avg(set.map((row) => row.r[n]!.mase)).toFixed(3)}`);
      console.log(
        `mean over ${label}: MASE ours ${avg(set.map((row) => row.ours.mase)).toFixed(3)}  ${rMeans.join('  ')}` +
          `   coverage ours ${avg(set.map((row) => row.ours.coverage)).toFixed(1)}%   fit time ${(set.reduce((s, row) => s + row.ms, 0) / 1000).toFixed(2)} s`,
      );
    }
  }
}

runShortSection('forecast-dev');
runShortSection('forecast-dev-extra');

runLongPeriodSection(process.argv.slice(2).length ? process.argv.slice(2) : undefined);
