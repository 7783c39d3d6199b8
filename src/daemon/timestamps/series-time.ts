import type { TimeIndex } from '../../store/index.ts';
import { describeStep, fillGaps, formatRange, indexTimestamps } from './time-index.ts';

/** A fit's series on its time index: values moved to their positions, gaps filled with missing values. */
export function placeOnIndex(y: Float64Array, timestamps: readonly unknown[]): { series: Float64Array; timeIndex: TimeIndex } {
  const { index, positions } = indexTimestamps(timestamps, y.length);
  return { series: fillGaps(y, positions, 0), timeIndex: index };
}

/** What answers show of a model's time axis: its first and last timestamp and the spacing. */
export interface TimeSummary {
  first: string;
  last: string;
  spacing: string;
}

export function timeSummary(index: TimeIndex | null, nObs: number): TimeSummary | null {
  if (!index) return null;
  return { first: formatRange(index, 0, 1)[0]!, last: formatRange(index, nObs - 1, 1)[0]!, spacing: describeStep(index) };
}
