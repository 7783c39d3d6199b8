import { invalidSpec } from '../errors.ts';
import { intervalOption } from '../mstl/spec.ts';
import { intOption, periodsOption, rejectUnknown, type Options } from '../options.ts';
import { medianSpacing } from './period.ts';

export type AutoMethod = 'validate' | 'combine' | 'select';

export interface AutoSpec {
  /** Periods the caller gave (each still tested for strength); null: none given. Named as the option so a parsed spec parses again to itself. */
  period: number[] | null;
  /** Seconds between observations (given, or the median gap of `timestamps`): calendar candidates. */
  intervalSeconds: number | null;
  /**
   * validate: rolling-origin validation on the training tail picks the combination or one kind;
   * combine: always the equal-weight combination; select: always the single best-validated kind.
   */
  method: AutoMethod;
  /** The horizon forecasts will be asked for: validation forecasts that far (null: one season). */
  horizon: number | null;
}

const METHODS: AutoMethod[] = ['validate', 'combine', 'select'];

/** ISO-8601 strings or epoch numbers (seconds, or milliseconds when ≥ 1e11) → epoch seconds. */
function epochSeconds(values: unknown[]): number[] {
  return values.map((v, i) => {
    const s = typeof v === 'number' ? (Math.abs(v) >= 1e11 ? v / 1000 : v) : typeof v === 'string' ? Date.parse(v) / 1000 : Number.NaN;
    if (!Number.isFinite(s)) throw invalidSpec(`timestamps[${i}]`, 'must be an ISO-8601 date-time or an epoch number');
    return s;
  });
}

export function parseAutoSpec(input: Options): AutoSpec {
  rejectUnknown(input, ['period', 'timestamps', 'intervalSeconds', 'method', 'horizon']);
  const horizon = intOption(input, 'horizon', { min: 1, max: 100_000 }) ?? null;
  const method = (input.method ?? 'validate') as AutoMethod;
  if (!METHODS.includes(method)) throw invalidSpec('method', `method must be one of ${METHODS.join(', ')}`);
  const period = input.period === undefined || input.period === null ? null : periodsOption(input);
  let intervalSeconds = intervalOption(input);
  if (intervalSeconds === null && input.timestamps !== undefined && input.timestamps !== null) {
    if (!Array.isArray(input.timestamps)) throw invalidSpec('timestamps', 'timestamps must be an array, one per value');
    const spacing = medianSpacing(epochSeconds(input.timestamps));
    if (spacing === undefined) throw invalidSpec('timestamps', 'need at least 3 increasing timestamps');
    intervalSeconds = spacing;
  }
  return { period, intervalSeconds, method, horizon };
}
