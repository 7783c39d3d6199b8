/**
 * Out-of-sample accuracy of auto_arima on the dev series beside R's forecast::auto.arima forecasts
 * stored in the same fixtures:  node --import tsx bench/accuracy.ts
 * MASE is scaled by the in-sample MAE of the seasonal naive forecast (lag = frequency); sMAPE in
 * percent; coverage is the share of test values inside the 95% interval.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { autoArimaKind } from '../src/forecasting/arima/index.ts';
import { forecastScores, type Scores } from '../src/forecasting/index.ts';

const dir = new URL('../fixtures/forecast-dev/', import.meta.url);

const rows: { name: string; ours: Scores; r: Scores | null; model: string; rModel: string }[] = [];
for (const f of readdirSync(dir).sort()) {
  const d = JSON.parse(readFileSync(new URL(f, dir), 'utf8'));
  const model = autoArimaKind.fit(Float64Array.from(d.train), autoArimaKind.parseSpec({ period: d.frequency }), {});
  const fc = autoArimaKind.forecast(model, d.h, [95]);
  const ours = forecastScores(d.train, d.test, d.frequency, fc.mean, fc.intervals[0]!.lower, fc.intervals[0]!.upper);
  const ra = d.r.auto_arima;
  const r = ra ? forecastScores(d.train, d.test, d.frequency, ra.mean, ra.lo95, ra.hi95) : null;
  rows.push({ name: d.name, ours, r, model: String(model.metrics.model), rModel: ra?.model ?? '(R fails)' });
}

const f2 = (v: number) => v.toFixed(3).padStart(7);
const f1 = (v: number) => v.toFixed(1).padStart(6);
console.log('series                       MASE ours     R   sMAPE ours     R   cover95 ours    R   model ours / R');
for (const row of rows) {
  const r = row.r;
  console.log(
    `${row.name.padEnd(26)} ${f2(row.ours.mase)} ${r ? f2(r.mase) : '      -'}   ${f1(row.ours.smape)} ${r ? f1(r.smape) : '     -'}   ${f1(row.ours.coverage)} ${r ? f1(r.coverage) : '     -'}   ${row.model} / ${row.rModel}`,
  );
}
const both = rows.filter((row) => row.r);
const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
console.log(
  `\nmean over the ${both.length} series R finishes: MASE ours ${avg(both.map((b) => b.ours.mase)).toFixed(3)}  R ${avg(both.map((b) => b.r!.mase)).toFixed(3)}` +
    `   sMAPE ours ${avg(both.map((b) => b.ours.smape)).toFixed(2)}  R ${avg(both.map((b) => b.r!.smape)).toFixed(2)}` +
    `   coverage ours ${avg(both.map((b) => b.ours.coverage)).toFixed(1)}%  R ${avg(both.map((b) => b.r!.coverage)).toFixed(1)}%`,
);
console.log(
  `mean over all ${rows.length} (ours): MASE ${avg(rows.map((b) => b.ours.mase)).toFixed(3)}  sMAPE ${avg(rows.map((b) => b.ours.smape)).toFixed(2)}  coverage ${avg(rows.map((b) => b.ours.coverage)).toFixed(1)}%`,
);
