export type { FitContext, Fitted, Forecast, Interval, ModelKind } from './types.ts';
export { EngineError, invalidSpec, unfittable } from './errors.ts';
export type { EngineErrorCode } from './errors.ts';
export { getKind, kindNames, registerKind, DEFAULT_KIND } from './registry.ts';
export { rejectUnknown, intOption, boolOption, intTupleOption, periodOption } from './options.ts';
