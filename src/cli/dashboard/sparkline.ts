/** Text gauges for the workers and requests panels. */

const BLOCKS = '▁▂▃▄▅▆▇█';

/**
 * One block per value, scaled to the largest. Zero (or less, or not a number) is the lowest block and
 * any positive value at least the second, so a single request in a quiet minute still shows. The last
 * `width` values are kept: the newest matter most.
 */
export function sparkline(values: readonly number[], width = values.length): string {
  const vs = width <= 0 ? [] : values.slice(-width);
  const max = vs.reduce((m, v) => (v > m ? v : m), 0);
  return vs
    .map((v) => {
      if (!(v > 0) || !(max > 0)) return BLOCKS[0];
      return BLOCKS[Math.max(1, Math.min(7, Math.round((v / max) * 7)))];
    })
    .join('');
}

/**
 * A bar `width` cells wide, filled in proportion to value/max. A positive value fills at least one cell
 * and only value ≥ max fills all of them (except in a one-cell bar, where "some" wins), so "some" and "full"
 * are never confused with "none" and "almost".
 */
export function bar(value: number, max: number, width: number): string {
  const w = Math.max(0, Math.floor(width));
  if (w === 0) return '';
  let filled = 0;
  if (value > 0 && max > 0) {
    filled = value >= max ? w : Math.max(1, Math.min(w - 1, Math.round((value / max) * w)));
  }
  return '█'.repeat(filled) + '░'.repeat(w - filled);
}
