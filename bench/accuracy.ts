/**
 * Out-of-sample accuracy of auto_arima on the dev series beside R's forecast::auto.arima forecasts
 * stored in the same fixtures:  node --import tsx bench/accuracy.ts
 * MASE is scaled by the in-sample MAE of the seasonal naive forecast (lag = frequency); sMAPE in
 * percent; coverage is the share of test values inside the 95% interval.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { autoArimaKind } from '../src/forecasting/arima/index.ts';

const dir = new URL('../fixtures/forecast-dev/', import.meta.url);

function scores(train: number[], test: number[], freq: number, mean: ArrayLike<number>, lo: ArrayLike<number>, hi: ArrayLike<number>) {
  let scale = 0;
  for (let t = freq; t < train.length; t++) scale += Math.abs(train[t]! - train[t - freq]!);
  scale /= train.length - freq;
  let mae = 0;
  let smape = 0;
  let inside = 0;
  for (let i = 0; i < test.length; i++) {
    const e = Math.abs(test[i]! - mean[i]!);
    mae += e;
    smape += (200 * e) / (Math.abs(test[i]!) + Math.abs(mean[i]!));
    if (test[i]! >= lo[i]! && test[i]! <= hi[i]!) inside++;
  }
  return { mase: mae / test.length / scale, smape: smape / test.length, coverage: (100 * inside) / test.length };
}

const rows: { name: string; ours: ReturnType<typeof scores>; r: ReturnType<typeof scores> | null; model: string; rModel: string }[] = [];
for (const f of readdirSync(dir).sort()) {
  const d = JSON.parse(readFileSync(new URL(f, dir), 'utf8'));
  const model = autoArimaKind.fit(Float64Array.from(d.train), autoArimaKind.parseSpec({ period: d.frequency }), {});
  const fc = autoArimaKind.forecast(model, d.h, [95]);
  const ours = scores(d.train, d.test, d.frequency, fc.mean, fc.intervals[0]!.lower, fc.intervals[0]!.upper);
  const ra = d.r.auto_arima;
  const r = ra ? scores(d.train, d.test, d.frequency, ra.mean, ra.lo95, ra.hi95) : null;
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
