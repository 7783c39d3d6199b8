export type { FitContext, Fitted, Forecast, ForecastInputs, Interval, ModelKind } from './types.ts';
export { EngineError, invalidSpec, unfittable } from './errors.ts';
export type { EngineErrorCode } from './errors.ts';
export { getKind, kindNames, registerKind, DEFAULT_KIND } from './registry.ts';
export { rejectUnknown, intOption, boolOption, intTupleOption, periodOption, periodsOption } from './options.ts';
export { backtest, checkPlan } from './backtest.ts';
export type { BacktestPlan, Candidate, CandidateResult, WindowResult } from './backtest.ts';
export { forecastScores, naiveScale, meanScores } from './accuracy.ts';
export type { Scores } from './accuracy.ts';
