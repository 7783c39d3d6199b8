import type { TimeIndex } from '../../store/index.ts';
import { ApiError } from '../errors.ts';
import { formatTimestamp, parseTimestamp } from './timestamp.ts';

const DAY_MS = 86_400_000;
/** The mean Gregorian month in seconds, the engine's interval for monthly data. */
const MONTH_SECONDS = (365.2425 * 86_400) / 12;
/** Gaps are filled with missing values; this bounds the series a few timestamps can ask for. */
const MAX_POINTS = 5_000_000;

const monthNumber = (ms: number) => { const d = new Date(ms); return d.getUTCFullYear() * 12 + d.getUTCMonth(); };
const timeOfDay = (ms: number) => ((ms % DAY_MS) + DAY_MS) % DAY_MS;
const dayOfMonth = (ms: number) => new Date(ms).getUTCDate();
const isMonthEnd = (ms: number) => new Date(ms + DAY_MS).getUTCDate() === 1;

/** Timestamp of point `i` on the index. */
export function timestampAt(index: TimeIndex, i: number): number {
  if (index.unit === 'ms') return index.startMs + i * index.step;
  const start = new Date(index.startMs);
  const month = start.getUTCMonth() + i * index.step;
  const day = index.unit === 'month-end' ? 0 : start.getUTCDate();
  const monthShift = index.unit === 'month-end' ? 1 : 0;
  return Date.UTC(start.getUTCFullYear(), month + monthShift, day) + timeOfDay(index.startMs);
}

/** Where `ms` falls on the index, in steps from its start; NaN when it is off the grid. */
function positionOf(index: TimeIndex, ms: number): number {
  if (index.unit === 'ms') {
    const p = (ms - index.startMs) / index.step;
    return Number.isInteger(p) ? p : Number.NaN;
  }
  const onDay = index.unit === 'month-end' ? isMonthEnd(ms) : dayOfMonth(ms) === dayOfMonth(index.startMs);
  if (!onDay || timeOfDay(ms) !== timeOfDay(index.startMs)) return Number.NaN;
  const p = (monthNumber(ms) - monthNumber(index.startMs)) / index.step;
  return Number.isInteger(p) ? p : Number.NaN;
}

/** Calendar months when every stamp is on one day of the month (or every one a month end) at one time. */
function unitOf(ms: readonly number[]): TimeIndex['unit'] {
  const t = timeOfDay(ms[0]!);
  if (!ms.every((x) => timeOfDay(x) === t)) return 'ms';
  if (ms.every((x) => dayOfMonth(x) === dayOfMonth(ms[0]!)) && dayOfMonth(ms[0]!) <= 28) return 'month';
  if (ms.every(isMonthEnd)) return 'month-end';
  return 'ms';
}

function irregular(i: number, raw: readonly unknown[], why: string): ApiError {
  return ApiError.field('MODELAPI_ERR_IRREGULAR_TIMESTAMPS', 'timestamps',
    `timestamps[${i - 1}] (${String(raw[i - 1])}) and timestamps[${i}] (${String(raw[i])}) ${why}`);
}

/**
 * The regular index of a fit's timestamps, and where each value goes on it: the spacing is the smallest
 * step between neighbours, and every other step must be a whole multiple of it (a gap: missing values).
 */
export function indexTimestamps(raw: readonly unknown[], n: number): { index: TimeIndex; positions: number[] } {
  if (raw.length !== n) throw ApiError.field('MODELAPI_ERR_VALIDATION', 'timestamps', `has ${raw.length} entries for ${n} values in data`);
  if (n < 2) throw ApiError.field('MODELAPI_ERR_UNFITTABLE', 'timestamps', 'at least 2 are needed to give the spacing');
  const ms = raw.map((v, i) => parseTimestamp(v, `timestamps[${i}]`));
  for (let i = 1; i < n; i++) if (ms[i]! <= ms[i - 1]!) throw irregular(i, raw, 'are not increasing');
  const unit = unitOf(ms);
  const gridOf = unit === 'ms' ? ms : ms.map(monthNumber);
  let step = Number.POSITIVE_INFINITY;
  for (let i = 1; i < n; i++) step = Math.min(step, gridOf[i]! - gridOf[i - 1]!);
  const index: TimeIndex = { startMs: ms[0]!, step, unit };
  const positions = ms.map((x) => positionOf(index, x));
  for (let i = 1; i < n; i++) if (Number.isNaN(positions[i])) throw irregular(i, raw, `are not a whole number of the smallest spacing (${describeStep(index)}) apart`);
  if (positions[n - 1]! >= MAX_POINTS) throw ApiError.field('MODELAPI_ERR_UNFITTABLE', 'timestamps', `the gaps would make ${positions[n - 1]! + 1} points (at most ${MAX_POINTS})`);
  return { index, positions };
}

/**
 * Where appended timestamps go after the series' `nObs` points: on the grid, each after the last; a
 * timestamp at or before the last one is a conflict (409) and nothing is stored.
 */
export function continueTimestamps(index: TimeIndex, nObs: number, raw: readonly unknown[]): number[] {
  let last = nObs - 1;
  return raw.map((v, i) => {
    const ms = parseTimestamp(v, `timestamps[${i}]`);
    const p = positionOf(index, ms);
    if (Number.isNaN(p)) throw ApiError.field('MODELAPI_ERR_IRREGULAR_TIMESTAMPS', `timestamps[${i}]`, `${String(v)} is not on the model's spacing of ${describeStep(index)} from ${formatTimestamp(index.startMs, false)}`);
    if (p <= last) {
      const what = p === last ? 'duplicates' : 'is before';
      const lastTs = formatRange(index, last, 1)[0];
      throw ApiError.field('MODELAPI_ERR_TIMESTAMP_CONFLICT', `timestamps[${i}]`, `${String(v)} ${what} the model's last observation at ${lastTs}`);
    }
    last = p;
    return p;
  });
}

/** Values placed at their positions (relative to `offset`), missing values in the gaps. */
export function fillGaps(values: Float64Array, positions: readonly number[], offset: number): Float64Array {
  const out = new Float64Array(positions[positions.length - 1]! - offset + 1).fill(Number.NaN);
  positions.forEach((p, i) => (out[p - offset] = values[i]!));
  return out;
}

export function describeStep(index: TimeIndex): string {
  if (index.unit !== 'ms') return `${index.step} month${index.step === 1 ? '' : 's'}${index.unit === 'month-end' ? ' (month ends)' : ''}`;
  for (const [ms, unit] of [[7 * DAY_MS, 'week'], [DAY_MS, 'day'], [3_600_000, 'hour'], [60_000, 'minute'], [1000, 'second']] as const) {
    if (index.step % ms === 0) return `${index.step / ms} ${unit}${index.step === ms ? '' : 's'}`;
  }
  return `${index.step} ms`;
}

/** Seconds between observations, the fit option the engine derives calendar periods from. */
export function intervalSeconds(index: TimeIndex): number {
  return index.unit === 'ms' ? index.step / 1000 : index.step * MONTH_SECONDS;
}

/** Formatted timestamps of points [from, from + count): plain dates when the index is in whole days. */
export function formatRange(index: TimeIndex, from: number, count: number): string[] {
  const dateOnly = index.unit !== 'ms' || (index.step % DAY_MS === 0);
  const out = new Array<string>(count);
  for (let i = 0; i < count; i++) out[i] = formatTimestamp(timestampAt(index, from + i), dateOnly);
  return out;
}
