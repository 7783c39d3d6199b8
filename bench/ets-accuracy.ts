/**
 * Out-of-sample accuracy and fit time of the `ets` kind (model ZZZ, period = frequency) on the dev
 * series, beside R's forecast::ets figures stored in the same fixtures:
 *   node --import tsx bench/ets-accuracy.ts
 * MASE is scaled by the in-sample MAE of the seasonal naive forecast (lag = frequency, lag 1 when the
 * frequency is 1); sMAPE in percent; coverage is the share of test values inside the 95% interval.
 * Fit times are wall-clock milliseconds of fit() alone, the fastest of three fits (after one warm-up
 * fit so the JIT's first compilation is not charged to the first series): the machine is shared and
 * single fits vary by ±50% with the other users' load; the minimum is the least disturbed figure.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { etsKind } from '../src/forecasting/ets/index.ts';

const dir = new URL('../fixtures/forecast-dev/', import.meta.url);

function scores(train: number[], test: number[], freq: number, mean: ArrayLike<number>, lo: ArrayLike<number>, hi: ArrayLike<number>) {
  const lag = freq > 1 ? freq : 1;
  let scale = 0;
  for (let t = lag; t < train.length; t++) scale += Math.abs(train[t]! - train[t - lag]!);
  scale /= train.length - lag;
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

const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
const load = (f: string) => JSON.parse(readFileSync(new URL(f, dir), 'utf8'));
{
  const w = load(files[0]!);
  etsKind.fit(Float64Array.from(w.train), etsKind.parseSpec({ period: w.frequency }), {});
}

type Row = { name: string; ours: ReturnType<typeof scores>; r: ReturnType<typeof scores>; ms: number; rms: number; model: string; rModel: string; rSeasonal: boolean };
const rows: Row[] = [];
for (const f of files) {
  const d = load(f);
  let ms = Infinity;
  let model!: ReturnType<typeof etsKind.fit>;
  for (let k = 0; k < 3; k++) {
    const t0 = performance.now();
    model = etsKind.fit(Float64Array.from(d.train), etsKind.parseSpec({ period: d.frequency }), {});
    ms = Math.min(ms, performance.now() - t0);
  }
  const fc = etsKind.forecast(model, d.h, [95]);
  const re = d.r.ets;
  rows.push({
    name: d.name,
    ours: scores(d.train, d.test, d.frequency, fc.mean, fc.intervals[0]!.lower, fc.intervals[0]!.upper),
    r: scores(d.train, d.test, d.frequency, re.mean, re.lo95, re.hi95),
    ms,
    rms: re.seconds * 1000,
    model: String(model.metrics.model),
    rModel: re.model,
    rSeasonal: !/,N\)$/.test(re.model),
  });
}

const f3 = (v: number) => v.toFixed(3).padStart(7);
const f1 = (v: number) => v.toFixed(1).padStart(6);
console.log('series                      MASE ours      R  sMAPE ours     R  cover95 ours     R   fit ms ours      R  ratio  model ours / R');
for (const r of rows) {
  console.log(
    `${r.name.padEnd(26)} ${f3(r.ours.mase)} ${f3(r.r.mase)}  ${f1(r.ours.smape)} ${f1(r.r.smape)}   ${f1(r.ours.coverage)} ${f1(r.r.coverage)}  ${r.ms.toFixed(0).padStart(8)} ${r.rms.toFixed(0).padStart(6)}  ${(r.ms / r.rms).toFixed(2).padStart(5)}  ${r.model} / ${r.rModel}`,
  );
}
const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const summary = (label: string, rs: Row[]) =>
  console.log(
    `${label} (${rs.length}): MASE ours ${avg(rs.map((r) => r.ours.mase)).toFixed(3)}  R ${avg(rs.map((r) => r.r.mase)).toFixed(3)}` +
      `   sMAPE ours ${avg(rs.map((r) => r.ours.smape)).toFixed(2)}  R ${avg(rs.map((r) => r.r.smape)).toFixed(2)}` +
      `   coverage ours ${avg(rs.map((r) => r.ours.coverage)).toFixed(1)}%  R ${avg(rs.map((r) => r.r.coverage)).toFixed(1)}%` +
      `   fit ms ours ${avg(rs.map((r) => r.ms)).toFixed(0)}  R ${avg(rs.map((r) => r.rms)).toFixed(0)}`,
  );
console.log('');
summary('mean over all series', rows);
summary('mean where R keeps a season', rows.filter((r) => r.rSeasonal));
console.log(`series fitted within 1/5 of R's time: ${rows.filter((r) => r.ms <= r.rms / 5).length} of ${rows.length}`);
