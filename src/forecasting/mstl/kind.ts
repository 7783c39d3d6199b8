/**
 * The `mstl` kind: forecast(mstl(y)) of R's forecast package (stlf with one period). The series is
 * decomposed by MSTL; the seasonally adjusted series (trend + remainder) is forecast by ETS without a
 * season (R's etsmodel "ZZN", on the interpolated series) or a non-seasonal auto ARIMA, and each
 * seasonal component by its seasonal naive forecast (its last cycle repeated), added to the mean and
 * to both interval bounds. With no period given, periods are detected (season/detect.ts).
 */
import { autoArimaKind } from '../arima/index.ts';
import { assertSeries } from '../baseline/common.ts';
import { unfittable } from '../errors.ts';
import { guardedFit } from '../guarded-fit.ts';
import { etsKind } from '../ets/index.ts';
import { decideSeasons } from '../season/detect.ts';
import { interpolate } from '../season/interpolate.ts';
import { mstl, mstlStrengths, seasonallyAdjusted } from '../season/mstl.ts';
import type { FitContext, Fitted, Forecast, ModelKind } from '../types.ts';
import { parseMstlSpec, type MstlSpec } from './spec.ts';

/** A member model stored inside another kind's params. */
export interface StoredFit {
  kind: string;
  spec: unknown;
  params: unknown;
  metrics: Fitted['metrics'];
}

export interface MstlParams {
  periods: number[];
  /** The last floor(period) values of each seasonal component, oldest first. */
  lastSeasons: number[][];
  adjusted: StoredFit;
}

const memberKind = (method: MstlSpec['method']) => (method === 'ets' ? etsKind : autoArimaKind);

function check(y: Float64Array): void {
  assertSeries(y);
  let observed = 0;
  for (const v of y) if (!Number.isNaN(v)) observed++;
  if (observed < 4) throw unfittable(`mstl needs at least 4 observed values; the series has ${observed}`);
}

export function fitMstl(y: Float64Array, spec: MstlSpec, ctx: FitContext): Fitted<MstlParams> {
  check(y);
  const decision = spec.period === null ? decideSeasons(y, { given: [], intervalSeconds: spec.intervalSeconds ?? undefined }) : null;
  const d = mstl(y, spec.period ?? decision!.periods);
  ctx.checkpoint?.();
  const kind = memberKind(spec.method);
  const adjusted = seasonallyAdjusted(y, d);
  const memberSpec = kind.parseSpec(spec.method === 'ets' ? { model: 'ZZN' } : {});
  const member = kind.fit(spec.method === 'ets' ? interpolate(adjusted) : adjusted, memberSpec as never, ctx);
  const lastSeasons = d.periods.map((m, i) => Array.from(d.seasonals[i]!.subarray(y.length - Math.floor(m))));
  const metrics: Fitted['metrics'] = {
    model: `STL + ${member.metrics.model ?? spec.method}`,
    periods: d.periods.join(', ') || 'none',
    periodSource: decision ? decision.source : 'given',
    n: y.length,
  };
  mstlStrengths(d).forEach((s, i) => (metrics[`strength.${d.periods[i]}`] = Math.round(s * 1000) / 1000));
  const stored: StoredFit = { kind: kind.name, spec: member.spec, params: member.params, metrics: member.metrics };
  return { kind: 'mstl', spec, params: { periods: d.periods, lastSeasons, adjusted: stored }, metrics };
}

export function forecastMstl(model: Fitted<MstlParams>, h: number, levels: number[]): Forecast {
  const { adjusted, lastSeasons } = model.params;
  const kind = adjusted.kind === etsKind.name ? etsKind : autoArimaKind;
  const base = kind.forecast({ ...adjusted, spec: kind.parseSpec(adjusted.spec as Record<string, unknown>) } as never, h, levels);
  const seasonal = new Float64Array(h);
  for (const last of lastSeasons) for (let i = 0; i < h; i++) seasonal[i]! += last[i % last.length]!;
  const shift = (x: Float64Array) => x.map((v, i) => v + seasonal[i]!);
  return { mean: shift(base.mean), intervals: base.intervals.map((b) => ({ level: b.level, lower: shift(b.lower), upper: shift(b.upper) })) };
}

export const mstlKind: ModelKind<MstlSpec, MstlParams> = {
  name: 'mstl',
  parseSpec: parseMstlSpec,
  check,
  fit: (y, spec, ctx) => guardedFit(ctx, 'MSTL', (checkpoint) => fitMstl(y, spec, { checkpoint })),
  forecast: forecastMstl,
};
