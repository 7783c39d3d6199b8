/** Loads the series a season-reference case names: the first n values of a fixture. */
import { readFileSync } from 'node:fs';

const root = new URL('../../fixtures/', import.meta.url);
const json = (path: string) => JSON.parse(readFileSync(new URL(path, root), 'utf8'));

export const seasonReference = json('season-reference.json');

export function inputSeries(input: { file: string; n: number }): Float64Array {
  const values: number[] = input.file === 'melbourne' ? json('melbourne_min_temp.json').data : json(`forecast-dev/${input.file}.json`).train;
  return Float64Array.from(values.slice(0, input.n));
}

/** Largest |a_i - b_i| / max(1, |b_i|) over the recorded indices (1-based). */
export function maxRelError(ours: ArrayLike<number>, idx: number[], ref: number[]): number {
  let worst = 0;
  idx.forEach((i, k) => {
    worst = Math.max(worst, Math.abs(ours[i - 1]! - ref[k]!) / Math.max(1, Math.abs(ref[k]!)));
  });
  return worst;
}
