/**
 * Human-readable tables for the terminal. Widths are counted in UTF-16 code units, which is right for
 * the ASCII and `·` we print; callers should not pass wide (CJK, emoji) text.
 */

/** A forecast as the CLI receives it from the daemon (JSON, so plain arrays). */
export interface ForecastResult {
  model: string;
  version: number;
  /** Observations the forecast used (training data plus appended ones). */
  nObs?: number;
  kind: string;
  h: number;
  forecast: number[];
  intervals: { level: number; lower: number[]; upper: number[] }[];
  /** The time of each step, for models fitted with timestamps. */
  timestamps?: string[];
}

export type Align = 'l' | 'r';

/**
 * Pads every column to its widest cell, two spaces apart. Without `align`, columns whose cells all
 * look numeric are right-aligned so that digits line up, the rest left-aligned. Trailing spaces are
 * trimmed so that copy-pasting a table doesn't carry invisible padding.
 */
export function alignedTable(headers: string[], rows: string[][], align?: Align[]): string {
  // reduce, not Math.max(...spread): a 100k-step forecast would overflow the argument limit.
  const ncol = rows.reduce((m, r) => Math.max(m, r.length), headers.length);
  const cell = (r: string[], i: number): string => r[i] ?? '';
  const widths = Array.from({ length: ncol }, (_, i) => rows.reduce((m, r) => Math.max(m, cell(r, i).length), cell(headers, i).length));
  const aligns = Array.from({ length: ncol }, (_, i) => align?.[i] ?? guessAlign(rows.map((r) => cell(r, i))));
  const render = (r: string[]): string =>
    widths
      .map((w, i) => (aligns[i] === 'r' ? cell(r, i).padStart(w) : cell(r, i).padEnd(w)))
      .join('  ')
      .trimEnd();
  return [headers, ...rows].map(render).join('\n');
}

function guessAlign(cells: string[]): Align {
  const filled = cells.filter((c) => c !== '' && c !== '-');
  return filled.length > 0 && filled.every((c) => /^[+-]?[\d.,]+(?:e[+-]?\d+)?%?$/i.test(c)) ? 'r' : 'l';
}

/** Column label for an interval level, accepting both 95 and 0.95. */
export function levelLabel(level: number): string {
  const pct = level <= 1 ? level * 100 : level;
  return String(Number(pct.toFixed(2)));
}

/** Intervals narrowest first, the order people read lo80 … hi95 in. */
export function sortedIntervals(fc: ForecastResult): ForecastResult['intervals'] {
  return [...fc.intervals].sort((a, b) => a.level - b.level);
}

export function forecastTable(fc: ForecastResult): string {
  const intervals = sortedIntervals(fc);
  const times = fc.timestamps;
  const headers = times ? ['step', 'time', 'forecast'] : ['step', 'forecast'];
  const columns: number[][] = [fc.forecast];
  for (const iv of intervals) {
    headers.push(`lo${levelLabel(iv.level)}`, `hi${levelLabel(iv.level)}`);
    columns.push(iv.lower, iv.upper);
  }
  const n = fc.forecast.length;
  const formatted = columns.map((c) => formatColumn(c.slice(0, n)));
  const rows = Array.from({ length: n }, (_, i) => [String(i + 1), ...(times ? [times[i] ?? ''] : []), ...formatted.map((c) => c[i] ?? '')]);
  const steps = `${fc.h} ${fc.h === 1 ? 'step' : 'steps'}`;
  const nObs = fc.nObs === undefined ? '' : ` · from ${fc.nObs} observations`;
  const title = `model ${fc.model} · version ${fc.version} · ${fc.kind} · ${steps}${nObs}`;
  return `${title}\n${alignedTable(headers, rows, headers.map((hd) => (hd === 'time' ? 'l' : 'r')))}`;
}

/**
 * Same decimals for the whole column so the points line up, chosen to show about five significant
 * digits of the column's largest value: 812.34, 17.123, 0.012345. Extreme magnitudes go exponential.
 */
export function formatColumn(values: number[]): string[] {
  const scale = values.reduce((m, v) => (Number.isFinite(v) ? Math.max(m, Math.abs(v)) : m), 0);
  if (scale >= 1e12 || (scale > 0 && scale < 1e-4)) return values.map((v) => (Number.isFinite(v) ? v.toExponential(4) : special(v)));
  const magnitude = scale === 0 ? 0 : Math.floor(Math.log10(scale));
  const decimals = Math.min(6, Math.max(0, 4 - magnitude));
  return values.map((v) => {
    if (!Number.isFinite(v)) return special(v);
    const s = v.toFixed(decimals);
    // toFixed keeps the sign of tiny negatives: -0.00 reads as a real negative value.
    return /^-0\.?0*$/.test(s) ? s.slice(1) : s;
  });
}

// The daemon's JSON turns NaN into null, so a runtime null is possible despite the type.
function special(v: number | null): string {
  if (typeof v !== 'number' || Number.isNaN(v)) return 'NaN';
  return v > 0 ? 'Inf' : '-Inf';
}
