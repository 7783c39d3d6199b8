/**
 * The engine's cost per series on bench:scale's series, in one process (no daemon): what a bulk
 * thread spends on each. A bulk fit's rate is about (bulk threads) / (this cost), since the daemon's
 * own share is small (docs/benchmarks.md, "2026-12-03: bulk fit, the engine's share").
 *
 *   node --import tsx bench/fit-cost.ts [series = 300] [kinds = auto,auto_arima,ets] [--seed N]
 *
 * auto is fitted as bench:scale fits it (no options: the period is detected); auto_arima and ets with
 * period 12. The first 20 series are fitted once first, untimed, so V8 has compiled the hot loops.
 * Also prints the mean AICc of the chosen models, so a faster search that finds worse optima shows.
 */
import { parseArgs } from 'node:util';
import { getKind } from '../src/forecasting/index.ts';
import { makeSeries } from './support/scale-series.ts';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { seed: { type: 'string' } } });
const n = Number(positionals[0] ?? 300);
const kinds = (positionals[1] ?? 'auto,auto_arima,ets').split(',');
const series = makeSeries(n, values.seed === undefined ? undefined : Number(values.seed)).map((s) => Float64Array.from(s.data));

for (const name of kinds) {
  const kind = getKind(name);
  const spec = kind.parseSpec(name === 'auto' ? {} : { period: 12 });
  for (const y of series.slice(0, 20)) kind.fit(y, spec, {});
  let aicc = 0;
  let withAicc = 0;
  const t0 = performance.now();
  for (const y of series) {
    const a = kind.fit(y, spec, {}).metrics.aicc;
    if (typeof a === 'number' && Number.isFinite(a)) {
      aicc += a;
      withAicc++;
    }
  }
  const ms = (performance.now() - t0) / series.length;
  console.log(`${name.padEnd(10)} ${ms.toFixed(1).padStart(6)} ms a series over ${series.length}${withAicc ? `; mean AICc ${(aicc / withAicc).toFixed(3)}` : ''}`);
}
