/** Options of the `mstl` kind. */
import { invalidSpec } from '../errors.ts';
import { periodsOption, rejectUnknown, type Options } from '../options.ts';

export type AdjustedMethod = 'ets' | 'arima';

export interface MstlSpec {
  /**
   * Seasonal periods as given; null: detected at fit time (from `intervalSeconds` when given). Named
   * as the option so a parsed spec parses again to itself (workers re-parse stored specs).
   */
  period: number[] | null;
  /** Seconds between observations, when the caller knows them: the calendar periods to test. */
  intervalSeconds: number | null;
  /** Model of the seasonally adjusted series: ETS without season (R's default) or a non-seasonal auto ARIMA. */
  method: AdjustedMethod;
}

const METHODS: AdjustedMethod[] = ['ets', 'arima'];

/** `intervalSeconds`: positive seconds between observations, or absent. Shared by the kinds that detect periods. */
export function intervalOption(input: Options): number | null {
  const v = input.intervalSeconds;
  if (v === undefined || v === null) return null;
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) throw invalidSpec('intervalSeconds', 'intervalSeconds must be a positive number of seconds');
  return v;
}

export function parseMstlSpec(input: Options): MstlSpec {
  rejectUnknown(input, ['period', 'intervalSeconds', 'method']);
  const method = (input.method ?? 'ets') as AdjustedMethod;
  if (!METHODS.includes(method)) throw invalidSpec('method', `method must be one of ${METHODS.join(', ')}`);
  const given = input.period === undefined || input.period === null ? null : periodsOption(input);
  return { period: given, intervalSeconds: intervalOption(input), method };
}
