import { forecastScores, meanScores, type Scores } from './accuracy.ts';
import { EngineError, invalidSpec, unfittable } from './errors.ts';
import { getKind } from './registry.ts';
import type { FitContext, ModelKind } from './types.ts';

/** One candidate: a kind and the options it would be fitted with. */
export interface Candidate {
  kind: string;
  options: Record<string, unknown>;
}

export interface WindowResult extends Scores {
  /** Observations the fit saw (the test window follows them). */
  trainEnd: number;
  fitMs: number;
}

export interface CandidateResult {
  kind: string;
  spec: Record<string, unknown> | null;
  /** Mean over the windows; null when the kind could not be fitted. */
  scores: Scores | null;
  windows: WindowResult[];
  error: { code: string; message: string } | null;
}

export interface BacktestPlan {
  h: number;
  windows: number;
  period: number;
  /** Coverage is measured for this interval level (percent). */
  level: number;
}

/**
 * Rolling-origin evaluation: window i fits on y[0 .. n - (windows - i)·h) and forecasts the next h
 * values. Each candidate is scored on every window; a candidate that fails is reported, not fatal.
 */
export function backtest(y: Float64Array, plan: BacktestPlan, candidates: Candidate[], ctx: FitContext = {}, clock = () => performance.now()): CandidateResult[] {
  return backtestKinds(y, plan, candidates.map((c) => ({ kind: getKind(c.kind), options: c.options })), ctx, clock);
}

/** The same, with the kinds given as objects (the auto kind uses this; it cannot import the registry). */
export function backtestKinds(
  y: Float64Array,
  plan: BacktestPlan,
  candidates: { kind: ModelKind<any, any>; options: Record<string, unknown> }[],
  ctx: FitContext = {},
  clock = () => performance.now(),
): CandidateResult[] {
  const { h, windows } = plan;
  if (y.length - windows * h < 2) {
    throw unfittable(`${windows} windows of ${h} need more than ${windows * h + 1} values; the series has ${y.length}`);
  }
  return candidates.map((c) => {
    const kind = c.kind;
    let spec: Record<string, unknown> | null = null;
    const results: WindowResult[] = [];
    try {
      spec = kind.parseSpec(c.options) as Record<string, unknown>;
      for (let w = 0; w < windows; w++) {
        ctx.checkpoint?.();
        const trainEnd = y.length - (windows - w) * h;
        const train = y.subarray(0, trainEnd);
        const test = y.subarray(trainEnd, trainEnd + h);
        kind.check(train, spec);
        const started = clock();
        const fc = kind.forecast(kind.fit(train, spec, ctx), h, [plan.level]);
        const band = fc.intervals[0]!;
        results.push({ trainEnd, fitMs: clock() - started, ...forecastScores(train, test, plan.period, fc.mean, band.lower, band.upper) });
      }
      return { kind: kind.name, spec, scores: meanScores(results), windows: results, error: null };
    } catch (err) {
      if (!(err instanceof EngineError)) throw err;
      return { kind: kind.name, spec, scores: null, windows: results, error: { code: err.code, message: err.message } };
    }
  });
}

export function checkPlan(plan: BacktestPlan): void {
  if (!Number.isInteger(plan.h) || plan.h < 1 || plan.h > 10_000) throw invalidSpec('h', 'h must be an integer from 1 to 10000');
  if (!Number.isInteger(plan.windows) || plan.windows < 1 || plan.windows > 50) throw invalidSpec('windows', 'windows must be an integer from 1 to 50');
  if (!(plan.level > 0 && plan.level < 100)) throw invalidSpec('level', 'level must be strictly between 0 and 100');
}
