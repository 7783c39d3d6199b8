/**
 * The ets and auto sections of bench/engine.ts: ets (model ZZZ, period = frequency) and auto (default
 * options, period = frequency) fitted to the train part of every dev series, beside R's ets() and
 * auto.arima() + ets() on the same data — R-now when Rscript is present, else the seconds recorded in
 * the fixtures (r.ets.seconds, r.auto_arima.seconds). Targets (issue): ets ≤ 1/5 of R's ets() time on
 * each series; auto on the whole dev set in under half the time R needs for auto.arima + ets together.
 * R's auto.arima does not finish on taylor (> 12 GB), so auto totals are shown over the nine series
 * where it does, and over all ten with R's taylor part being ets() alone (a lower bound on R's time).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { getKind } from '../src/forecasting/index.ts';
import type { RCase, RTiming } from './support/r-runner.ts';
import { best, fmtR, HEAD, time, wc, type Timing } from './support/timing.ts';

interface Row {
  name: string;
  ets: Timing;
  etsModel: string;
  auto: Timing;
  autoModel: string;
  recEts: number;
  recArima: number | null; // null: R's auto.arima does not finish (taylor)
}

export interface EtsAuto {
  rows: Row[];
  rCases: RCase[];
}

/** Times ours on every dev series (before R runs, so the two never share the machine) and lists R's cases. */
export function etsAutoCases(dir: URL): EtsAuto {
  const ets = getKind('ets');
  const auto = getKind('auto');
  const rows: Row[] = [];
  const rCases: RCase[] = [];
  for (const f of readdirSync(dir).sort()) {
    const d = JSON.parse(readFileSync(new URL(f, dir), 'utf8'));
    const y = Float64Array.from(d.train);
    const long = y.length > 1000;
    let etsModel = '';
    let autoModel = '';
    const tEts = time(() => {
      etsModel = String(ets.fit(y, ets.parseSpec({ period: d.frequency }), {}).metrics.model);
    }, long ? 3 : 7);
    const tAuto = time(() => {
      autoModel = String(auto.fit(y, auto.parseSpec({ period: d.frequency }), {}).metrics.model);
    }, long ? 1 : 3);
    rows.push({ name: d.name, ets: tEts, etsModel, auto: tAuto, autoModel, recEts: d.r.ets.seconds, recArima: d.r.auto_arima?.seconds ?? null });
    rCases.push({ kind: 'ets', name: `ets:${d.name}`, frequency: d.frequency, y: d.train });
  }
  return { rows, rCases };
}

const sec = (v: number) => v.toFixed(4).padStart(15);
const ratio = (a: number, b: number) => (Number.isFinite(a / b) ? (a / b).toFixed(3) : '-').padStart(6);
const mark = (r: number, target: number) => (Number.isFinite(r) ? (r <= target ? 'ok  ' : 'MISS') : '    ');

export function printEtsAuto({ rows }: EtsAuto, rNow: Map<string, RTiming> | null): void {
  const rEts = (r: Row) => (rNow ? rNow.get(`ets:${r.name}`) : undefined);
  console.log('\nets (ZZZ, period = frequency) on the dev series (train part; target ratio <= 0.2 on each)');
  console.log(`  ${''.padEnd(24)} ${rNow ? HEAD : `${'ours wall   cpu'.padStart(15)}  ${'R rec'.padStart(6)}  ${'ratio'.padStart(6)}`}  target  model (ours; R's)`);
  for (const r of rows) {
    const now = rEts(r);
    const q = best(r.ets) / (now ? best(now) : r.recEts);
    const cols = rNow ? fmtR(r.ets, now, r.recEts) : `${wc(r.ets)}  ${r.recEts.toFixed(3).padStart(6)}  ${ratio(best(r.ets), r.recEts)}`;
    console.log(`  ${r.name.padEnd(24)} ${cols}  ${mark(q, 0.2)}    ${r.etsModel}; R: ${now?.model ?? '(recorded run)'}`);
  }
  const oursEts = rows.reduce((s, r) => s + best(r.ets), 0);
  const rEtsSum = rows.reduce((s, r) => s + (rEts(r) ? best(rEts(r)!) : r.recEts), 0);
  console.log(`  ${'total'.padEnd(24)} ${sec(oursEts)}  ${sec(rEtsSum)}  ${ratio(oursEts, rEtsSum)}   (R ${rNow ? 'now' : 'recorded'}; sums of min(wall, cpu))`);

  console.log('\nauto (default options, period = frequency) beside R auto.arima() + ets() (target: total ratio < 0.5)');
  console.log(`  ${''.padEnd(24)} ${'ours wall   cpu'.padStart(15)}  ${'R arima+ets'.padStart(15)}  ${'ratio'.padStart(6)}  ${'R rec'.padStart(6)}  ${'ratio'.padStart(6)}  model (ours)`);
  const tot = { ours9: 0, r9: 0, rec9: 0, ours10: 0, r10: 0, rec10: 0 };
  for (const r of rows) {
    const arimaNow = rNow?.get(r.name);
    const etsNow = rEts(r);
    // R-now needs both parts; without R (or if either failed) the recorded seconds stand in.
    const rNowSum = rNow && etsNow && (arimaNow || r.recArima === null) ? best(etsNow) + (arimaNow ? best(arimaNow) : 0) : NaN;
    const rec = r.recEts + (r.recArima ?? 0);
    const rUse = Number.isFinite(rNowSum) ? rNowSum : rec;
    const note = r.recArima === null ? '  [R: ets only, auto.arima does not finish]' : '';
    console.log(`  ${r.name.padEnd(24)} ${wc(r.auto)}  ${Number.isFinite(rNowSum) ? sec(rNowSum) : 'R not run'.padStart(15)}  ${ratio(best(r.auto), rNowSum)}  ${rec.toFixed(3).padStart(6)}  ${ratio(best(r.auto), rec)}  ${r.autoModel}${note}`);
    tot.ours10 += best(r.auto);
    tot.r10 += rUse;
    tot.rec10 += rec;
    if (r.recArima !== null) {
      tot.ours9 += best(r.auto);
      tot.r9 += rUse;
      tot.rec9 += rec;
    }
  }
  const src = rNow ? 'R now' : 'R recorded';
  console.log(`  ${'total, 9 series'.padEnd(24)} ${sec(tot.ours9)}  ${sec(tot.r9)}  ${ratio(tot.ours9, tot.r9)}  ${tot.rec9.toFixed(3).padStart(6)}  ${ratio(tot.ours9, tot.rec9)}  ${mark(tot.ours9 / tot.r9, 0.5)} (${src}; both finish)`);
  console.log(`  ${'total, all 10'.padEnd(24)} ${sec(tot.ours10)}  ${sec(tot.r10)}  ${ratio(tot.ours10, tot.r10)}  ${tot.rec10.toFixed(3).padStart(6)}  ${ratio(tot.ours10, tot.rec10)}  ${mark(tot.ours10 / tot.r10, 0.5)} (${src}; R's taylor = ets only)`);
}
