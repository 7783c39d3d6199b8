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
export function periodOption(input: Options, fallback = 1): number {
  return intOption(input, 'period', { min: 1, max: MAX_PERIOD }, fallback);
}
