/**
 * The `mstl` kind: forecast(mstl(y)) of R's forecast package (stlf with one period). The series is
 * decomposed by MSTL; the seasonally adjusted series (trend + remainder) is forecast by ETS without a
 * season (R's etsmodel "ZZN", on the interpolated series) or a non-seasonal auto ARIMA, and each
 * seasonal component by its seasonal naive forecast (its last cycle repeated), added to the mean and
 * to both interval bounds. With no period given, periods are detected (season/detect.ts).
 */
import { autoArimaKind } from '../arima/index.ts';
import { assertSeries } from '../baseline/common.ts';
import { EngineError, invalidSpec, unfittable } from '../errors.ts';
import { guardedFit } from '../guarded-fit.ts';
import { countObserved } from '../stats.ts';
import { CHEAP_FORECAST_WORK, forecastNumbers } from '../cheap-forecast.ts';
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
  const observed = countObserved(y);
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

/** The kind that fitted the adjusted series (stored by name). */
const storedKind = (adjusted: StoredFit): ModelKind => (adjusted.kind === etsKind.name ? etsKind : autoArimaKind) as ModelKind;

/** The sum of the seasons' naive continuations over the next h steps: each season's last cycle repeated. */
function seasonalContinuation(lastSeasons: number[][], h: number): Float64Array {
  const seasonal = new Float64Array(h);
  for (const last of lastSeasons) for (let i = 0; i < h; i++) seasonal[i]! += last[i % last.length]!;
  return seasonal;
}

export function forecastMstl(model: Fitted<MstlParams>, h: number, levels: number[]): Forecast {
  const { adjusted, lastSeasons } = model.params;
  const kind = storedKind(adjusted);
  const base = kind.forecast({ ...adjusted, spec: kind.parseSpec(adjusted.spec as Record<string, unknown>) }, h, levels);
  const seasonal = seasonalContinuation(lastSeasons, h);
  const shift = (x: Float64Array) => x.map((v, i) => v + seasonal[i]!);
  return { mean: shift(base.mean), intervals: base.intervals.map((b) => ({ level: b.level, lower: shift(b.lower), upper: shift(b.upper) })) };
}

/**
 * New observations without a new decomposition: each value's seasonal part is the seasons' naive
 * continuation (what forecastMstl adds at that step), the rest goes to the member's own update at its
 * parameters, and each season's last cycle is rotated by k so the next forecast continues in phase.
 * A missing value stays missing for the member: the ETS filter lets its state run on as the one-step
 * prediction, the ARIMA filter skips it exactly. (The fit interpolated gaps linearly before ETS;
 * an append cannot, as the next observed value is not known yet, so a refit would differ there.)
 */
export function updateMstl(model: Fitted<MstlParams>, newY: Float64Array): Fitted<MstlParams> {
  for (let i = 0; i < newY.length; i++) {
    const v = newY[i]!;
    if (v === Infinity || v === -Infinity) throw invalidSpec('data', `value at index ${i} is not finite`);
  }
  const { adjusted, lastSeasons } = model.params;
  const kind = storedKind(adjusted);
  if (!kind.update) throw new EngineError('MODELAPI_ERR_UPDATE_UNSUPPORTED', `mstl: its ${adjusted.kind} model of the adjusted series cannot take new observations`);
  const k = newY.length;
  const seasonal = seasonalContinuation(lastSeasons, k);
  const member = kind.update(
    { ...adjusted, spec: kind.parseSpec(adjusted.spec as Record<string, unknown>) },
    newY.map((v, i) => v - seasonal[i]!),
  );
  const rotated = lastSeasons.map((last) => last.map((_, j) => last[(j + k) % last.length]!));
  const n = typeof model.metrics.n === 'number' ? model.metrics.n + k : null;
  return {
    ...model,
    params: { ...model.params, lastSeasons: rotated, adjusted: { kind: adjusted.kind, spec: member.spec, params: member.params, metrics: member.metrics } },
    metrics: { ...model.metrics, n },
  };
}

export const mstlKind: ModelKind<MstlSpec, MstlParams> = {
  name: 'mstl',
  parseSpec: parseMstlSpec,
  check,
  fit: (y, spec, ctx) => guardedFit(ctx, 'MSTL', (checkpoint) => fitMstl(y, spec, { checkpoint })),
  forecast: forecastMstl,
  // The member's forecast plus each season's last cycle added to h steps of the mean and every bound.
  cheapForecast(model, h, levels) {
    const { adjusted, lastSeasons } = model.params;
    const kind = storedKind(adjusted);
    const member = { ...adjusted, spec: kind.parseSpec(adjusted.spec as Record<string, unknown>) };
    return (kind.cheapForecast?.(member, h, levels) ?? false) && lastSeasons.length * forecastNumbers(h, levels) <= CHEAP_FORECAST_WORK;
  },
  update: updateMstl,
};
