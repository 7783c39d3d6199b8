import { invalidSpec, unfittable } from '../errors.ts';
import { periodOption, rejectUnknown, type Options } from '../options.ts';
import { qnorm } from '../stats.ts';
import type { Interval } from '../types.ts';

/** Every baseline kind takes only `period`; the non-seasonal ones accept it so a client can send one spec to all. */
export interface BaselineSpec {
  period: number;
}

export function parseBaselineSpec(input: Options): BaselineSpec {
  rejectUnknown(input, ['period']);
  return { period: periodOption(input) };
}

/** NaN marks a missing value; infinities are not data, and would poison every sum downstream. */
export function assertSeries(y: Float64Array): void {
  for (let i = 0; i < y.length; i++) {
    const v = y[i]!;
    if (v === Infinity || v === -Infinity) throw unfittable(`value at index ${i} is not finite`);
  }
}

export function countMissing(y: Float64Array): number {
  let k = 0;
  for (let i = 0; i < y.length; i++) if (Number.isNaN(y[i]!)) k++;
  return k;
}

export function assertForecastArgs(h: number, levels: number[]): void {
  if (!Number.isInteger(h) || h < 1) throw invalidSpec('h', 'h must be a positive integer');
  for (const level of levels) {
    if (typeof level !== 'number' || !(level > 0 && level < 100)) {
      throw invalidSpec('levels', 'levels are percentages strictly between 0 and 100');
    }
  }
}

/** Symmetric normal intervals mean ± z·se, as R's forecast builds them for the random-walk family. */
export function normalIntervals(mean: Float64Array, se: Float64Array, levels: number[]): Interval[] {
  return levels.map((level) => {
    const z = qnorm(0.5 + level / 200);
    const lower = new Float64Array(mean.length);
    const upper = new Float64Array(mean.length);
    for (let i = 0; i < mean.length; i++) {
      lower[i] = mean[i]! - z * se[i]!;
      upper[i] = mean[i]! + z * se[i]!;
    }
    return { level, lower, upper };
  });
}
