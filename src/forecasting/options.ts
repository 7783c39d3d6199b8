import { invalidSpec } from './errors.ts';

/**
 * Helpers for parseSpec: every kind validates its own options and must name the offending field,
 * including unknown ones (a typo like `perod` must not be silently ignored).
 */
export type Options = Record<string, unknown>;

export function rejectUnknown(input: Options, allowed: readonly string[]): void {
  for (const key of Object.keys(input)) {
    if (!allowed.includes(key)) {
      throw invalidSpec(key, `unknown option '${key}' (allowed here: ${allowed.join(', ') || 'none'})`);
    }
  }
}

export interface IntRule {
  min: number;
  max: number;
}

export function intOption(input: Options, name: string, rule: IntRule, fallback: number): number;
export function intOption(input: Options, name: string, rule: IntRule, fallback?: undefined): number | undefined;
export function intOption(input: Options, name: string, rule: IntRule, fallback?: number): number | undefined {
  const v = input[name];
  if (v === undefined || v === null) return fallback;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < rule.min || v > rule.max) {
    throw invalidSpec(name, `${name} must be an integer from ${rule.min} to ${rule.max}`);
  }
  return v;
}

export function boolOption(input: Options, name: string, fallback: boolean): boolean {
  const v = input[name];
  if (v === undefined || v === null) return fallback;
  if (typeof v !== 'boolean') throw invalidSpec(name, `${name} must be true or false`);
  return v;
}

export function intTupleOption(
  input: Options,
  name: string,
  length: number,
  rule: IntRule,
  fallback: number[],
): number[] {
  const v = input[name];
  if (v === undefined || v === null) return fallback;
  if (!Array.isArray(v) || v.length !== length) {
    throw invalidSpec(name, `${name} must be an array of ${length} integers`);
  }
  for (const x of v) {
    if (typeof x !== 'number' || !Number.isInteger(x) || x < rule.min || x > rule.max) {
      throw invalidSpec(name, `${name} entries must be integers from ${rule.min} to ${rule.max}`);
    }
  }
  return v as number[];
}

/** Seasonal period: 1 means none. Shared by every kind so the limit is the same everywhere. */
export const MAX_PERIOD = 10_000;

/** The kinds that model several or non-integer periods, named in the refusals of the others. */
export const MULTI_PERIOD_KINDS = 'mstl or harmonic';

/**
 * `period` as a number or an array of numbers (`12`, `[48, 336]`, `[7, 365.25]`, `52.18`): the
 * seasonal periods in ascending order, each > 1 and at most MAX_PERIOD, non-integers allowed;
 * 1 (or []) means none. Duplicates are refused: a period given twice is a mistake, not a wish.
 */
export function periodsOption(input: Options, fallback: number[] = []): number[] {
  const v = input.period;
  if (v === undefined || v === null) return fallback;
  const list = Array.isArray(v) ? v : [v];
  for (const p of list) {
    if (typeof p !== 'number' || !Number.isFinite(p) || p < 1 || p > MAX_PERIOD) {
      throw invalidSpec('period', `period must be a number from 1 to ${MAX_PERIOD}, or an array of them`);
    }
  }
  const periods = (list as number[]).filter((p) => p > 1).sort((a, b) => a - b);
  for (let i = 1; i < periods.length; i++) {
    if (periods[i] === periods[i - 1]) throw invalidSpec('period', `period ${periods[i]} is given twice`);
  }
  return periods;
}

/**
 * One integer period, for the kinds that model one season (1 means none). Several periods or a
 * non-integer one are refused with the kinds that can use them; a one-element array is that period.
 */
export function periodOption(input: Options, fallback = 1): number {
  const periods = periodsOption(input, fallback > 1 ? [fallback] : []);
  if (periods.length > 1) {
    throw invalidSpec('period', `this kind models one seasonal period; for several (${periods.join(', ')}) use kind ${MULTI_PERIOD_KINDS}`);
  }
  const period = periods[0] ?? 1;
  if (!Number.isInteger(period)) {
    throw invalidSpec('period', `this kind needs an integer period; for ${period} use kind ${MULTI_PERIOD_KINDS}`);
  }
  return period;
}
