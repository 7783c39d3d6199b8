import { invalidSpec } from '../errors.ts';
import { intOption, rejectUnknown, type Options } from '../options.ts';
import { periodFromTimestamps } from './period.ts';

export type AutoMethod = 'validate' | 'combine' | 'select';

export interface AutoSpec {
  /** null: detect from the data at fit time. */
  period: number | null;
  periodSource: 'given' | 'timestamps' | 'detect';
  /**
   * validate: rolling-origin validation on the training tail picks the combination or one kind;
   * combine: always the equal-weight combination; select: always the single best-validated kind.
   */
  method: AutoMethod;
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
  rejectUnknown(input, ['period', 'timestamps', 'method', 'periodSource']);
  const method = (input.method ?? 'validate') as AutoMethod;
  if (!METHODS.includes(method)) throw invalidSpec('method', `method must be one of ${METHODS.join(', ')}`);
  const period = intOption(input, 'period', { min: 1, max: 10_000 });
  if (period !== undefined) {
    // A parsed spec is parsed again by the workers: keep where its period came from.
    const source = input.periodSource === 'timestamps' ? 'timestamps' : 'given';
    return { period, periodSource: source, method };
  }
  if (input.timestamps !== undefined) {
    if (!Array.isArray(input.timestamps)) throw invalidSpec('timestamps', 'timestamps must be an array, one per value');
    const fromTime = periodFromTimestamps(epochSeconds(input.timestamps));
    if (fromTime === undefined) throw invalidSpec('timestamps', 'need at least 3 increasing timestamps');
    return { period: fromTime, periodSource: 'timestamps', method };
  }
  return { period: null, periodSource: 'detect', method };
}
