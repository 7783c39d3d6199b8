import { ApiError } from '../errors.ts';

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** Epoch numbers below this are seconds (it is March 1973 in milliseconds, year 5138 in seconds). */
const SECONDS_BELOW = 1e11;

/**
 * One timestamp → epoch milliseconds (UTC). ISO 8601 dates or date-times (no offset means UTC, so no
 * daylight-saving surprises), or epoch seconds / milliseconds told apart by size.
 */
export function parseTimestamp(value: unknown, field: string): number {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw ApiError.field('MODELAPI_ERR_VALIDATION', field, 'must be a finite epoch number');
    return Math.abs(value) < SECONDS_BELOW ? value * 1000 : value;
  }
  const m = typeof value === 'string' ? ISO.exec(value.trim()) : null;
  if (!m) throw ApiError.field('MODELAPI_ERR_VALIDATION', field, `'${String(value)}' is not an ISO 8601 date or date-time, nor epoch seconds or milliseconds`);
  const [, y, mo, d, hh = '00', mm = '00', ss = '00', frac = '', zone = 'Z'] = m;
  const ms = Date.parse(`${y}-${mo}-${d}T${hh}:${mm}:${ss}.${frac.padEnd(3, '0').slice(0, 3)}${zone}`);
  // Date.parse rolls 2024-02-30 over to March 1st; a real date reads back the same day.
  const local = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  if (Number.isNaN(ms) || local.getUTCDate() !== Number(d) || local.getUTCMonth() !== Number(mo) - 1) {
    throw ApiError.field('MODELAPI_ERR_VALIDATION', field, `'${value}' is not a valid date`);
  }
  return ms;
}

const DAY_MS = 86_400_000;

/** ISO 8601 in UTC: a plain date when the instant is a midnight and `dateOnly` allows it. */
export function formatTimestamp(ms: number, dateOnly: boolean): string {
  const iso = new Date(ms).toISOString();
  return dateOnly && ms % DAY_MS === 0 ? iso.slice(0, 10) : iso;
}
