import { forecastScores } from '../accuracy.ts';
import { EngineError } from '../errors.ts';
import type { FitContext, Forecast, ModelKind } from '../types.ts';
import { combineForecasts } from './combine.ts';

export interface Member {
  kind: ModelKind<any, any>;
  options: Record<string, unknown>;
}

export interface ValidationPlan {
  h: number;
  windows: number;
}

/**
 * Validation windows on the training tail: the horizon the caller will ask for when given (`horizon`),
 * else one season (or ~10% of a non-seasonal series); 1–2 origins.
 */
export function validationPlan(n: number, period: number, horizon: number | null = null): ValidationPlan | null {
  const h = horizon ?? (period > 1 ? period : Math.min(12, Math.max(3, Math.floor(n / 10))));
  // Long series get one window: each window refits every candidate, and one long window is already stable.
  // Two windows measured best on the dev set (one is noisier; more cut too much from short series).
  const windows = n > 1000 ? 1 : 2;
  // Each training cut must still leave the candidates enough data (two seasons plus a margin).
  return n - windows * h >= Math.max(2 * period + 4, 10) ? { h, windows } : null;
}

/** Mean validation MASE of each member and of their equal-weight combination (NaN when a member fails). */
export function validate(y: Float64Array, period: number, plan: ValidationPlan, members: Member[], combineNames: string[], ctx: FitContext) {
  const single = new Map<string, number[]>(members.map((m) => [m.kind.name, []]));
  const combined: number[] = [];
  for (let w = 0; w < plan.windows; w++) {
    const end = y.length - (plan.windows - w) * plan.h;
    const train = y.subarray(0, end);
    const test = y.subarray(end, end + plan.h);
    const forecasts = new Map<string, Forecast>();
    for (const m of members) {
      ctx.checkpoint?.();
      try {
        const spec = m.kind.parseSpec(m.options);
        m.kind.check(train, spec);
        const fc = m.kind.forecast(m.kind.fit(train, spec, ctx), plan.h, [95]);
        forecasts.set(m.kind.name, fc);
        single.get(m.kind.name)!.push(mase(train, test, period, fc));
      } catch (err) {
        if (!(err instanceof EngineError)) throw err;
        single.get(m.kind.name)!.push(Number.NaN);
      }
    }
    const parts = combineNames.map((n) => forecasts.get(n)).filter((f): f is Forecast => f !== undefined);
    combined.push(parts.length === combineNames.length ? mase(train, test, period, combineForecasts(parts)) : Number.NaN);
  }
  const avg = (xs: number[]) => xs.reduce((s, v) => s + v, 0) / xs.length;
  return { single: new Map([...single].map(([k, v]) => [k, avg(v)])), combined: avg(combined) };
}

function mase(train: Float64Array, test: Float64Array, period: number, fc: Forecast): number {
  const band = fc.intervals[0]!;
  return forecastScores(train, test, period, fc.mean, band.lower, band.upper).mase;
}
