import { EngineError, getKind } from '../forecasting/index.ts';
import { VersionGone, type FittedState } from './fitted-state.ts';
import type { ForecastResult, ForecastTask, TaskFailure } from './tasks.ts';

/**
 * A forecast task's answer from a state that is already loaded: the kind's forecast, refused when not
 * finite, as the JSON text the daemon wraps. Forecast workers run it; so does the daemon's own thread
 * for the cheap forecasts of states it holds (see RecentStates), so both give the same bytes.
 */
export function forecastAnswer(state: FittedState, task: ForecastTask): ForecastResult {
  try {
    const { fitted, series } = state;
    const fc = getKind(fitted.kind).forecast(fitted, task.h, task.levels, task.regressors ? { regressors: task.regressors } : undefined);
    const bad = nonFiniteForecast(fc);
    if (bad) return notFinite(bad, `the forecast of ${task.model}@${task.version} is not finite at ${bad} (it overflows float64 at this horizon)`);
    const json = JSON.stringify({
      forecast: jsonNumbers(fc.mean),
      intervals: fc.intervals.map((i) => ({ level: i.level, lower: jsonNumbers(i.lower), upper: jsonNumbers(i.upper) })),
      ...(task.history > 0 ? { history: jsonNumbers(series.subarray(Math.max(0, series.length - task.history))) } : {}),
    });
    return { ok: true, json };
  } catch (err) {
    return failure(err);
  }
}

/** An engine error (or a deleted model) as a task's failure; anything else is a bug and is thrown. */
export function failure(err: unknown): TaskFailure {
  if (err instanceof VersionGone) return { ok: false, code: 'MODELAPI_ERR_MODEL_NOT_FOUND', message: err.message, field: 'model' };
  if (err instanceof EngineError) {
    return { ok: false, code: err.code, message: err.message, ...(err.field ? { field: err.field } : {}) };
  }
  throw err;
}

export function notFinite(field: string, message: string): TaskFailure {
  return { ok: false, code: 'MODELAPI_ERR_NOT_FINITE', field, message };
}

/** The first step at which a forecast's mean or an interval bound is not finite, named as a field. */
function nonFiniteForecast(fc: { mean: Float64Array; intervals: { level: number; lower: Float64Array; upper: Float64Array }[] }): string | undefined {
  const at = (a: Float64Array) => a.findIndex((v) => !Number.isFinite(v));
  let i = at(fc.mean);
  if (i >= 0) return `forecast[${i}]`;
  for (const iv of fc.intervals) {
    if ((i = at(iv.lower)) >= 0) return `intervals[level=${iv.level}].lower[${i}]`;
    if ((i = at(iv.upper)) >= 0) return `intervals[level=${iv.level}].upper[${i}]`;
  }
  return undefined;
}

/** float64 → numbers JSON can hold; NaN and infinities become null. */
function jsonNumbers(a: Float64Array): (number | null)[] {
  const out = new Array<number | null>(a.length);
  for (let i = 0; i < a.length; i++) out[i] = Number.isFinite(a[i]) ? a[i]! : null;
  return out;
}
