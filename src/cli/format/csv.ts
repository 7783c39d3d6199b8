/**
 * Machine-readable forecast output. Numbers are printed with String(), the shortest text that parses
 * back to the identical float64, so piping the CSV into another tool loses nothing.
 */
import { levelLabel, sortedIntervals, type ForecastResult } from './table.ts';

export function forecastCsv(fc: ForecastResult): string {
  const intervals = sortedIntervals(fc);
  const times = fc.timestamps;
  const header = ['step', ...(times ? ['timestamp'] : []), 'forecast', ...intervals.flatMap((iv) => [`lo${levelLabel(iv.level)}`, `hi${levelLabel(iv.level)}`])];
  const lines = [header.join(',')];
  for (let i = 0; i < fc.forecast.length; i++) {
    const cells = [String(i + 1), ...(times ? [times[i] ?? ''] : []), num(fc.forecast[i])];
    for (const iv of intervals) cells.push(num(iv.lower[i]), num(iv.upper[i]));
    lines.push(cells.join(','));
  }
  return `${lines.join('\n')}\n`;
}

// NaN (or the null JSON makes of it) becomes an empty cell, the usual CSV spelling of "missing".
function num(v: number | null | undefined): string {
  if (typeof v !== 'number' || Number.isNaN(v)) return '';
  return String(v);
}
