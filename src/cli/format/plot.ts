/**
 * A terminal chart of the recent history and the forecast with one interval band. The output has
 * exactly `height` chart rows plus two lines: the x-axis (with ┴ under the last observation) and a
 * legend. Width and height below the minimums are raised to them rather than refused, so a tiny
 * terminal still gets something.
 */
import { levelLabel, type ForecastResult } from './table.ts';

export interface PlotOptions {
  /** Total characters per line, y-axis labels included. */
  width: number;
  /** Chart rows, not counting the x-axis and legend lines. */
  height: number;
  /** Interval to shade (80 or 0.8); defaults to the widest available, nearest one if absent. */
  level?: number;
  color?: boolean;
  /** Times of the history values, for models with timestamps (the forecast's own are in `fc`). */
  historyTimestamps?: readonly string[];
}

export const MIN_HEIGHT = 3;
const MIN_PLOT_COLUMNS = 8;
// Caps protect against a typo like --height 1e9 allocating a huge grid.
const MAX_HEIGHT = 500;
const MAX_WIDTH = 2000;

const GLYPH = { history: '•', forecast: '*', band: '░' } as const;
const COLOR: Record<string, string> = { '•': '\x1b[37m', '*': '\x1b[1;36m', '░': '\x1b[34m', '┴': '\x1b[33m' };

interface Column {
  mean: number;
  lo: number;
  hi: number;
}

export function forecastPlot(history: readonly (number | null)[], fc: ForecastResult, opts: PlotOptions): string {
  const width = clampInt(opts.width, MIN_PLOT_COLUMNS + 4, MAX_WIDTH);
  const height = clampInt(opts.height, MIN_HEIGHT, MAX_HEIGHT);
  const band = pickInterval(fc, opts.level);
  const y = history.map((v) => (typeof v === 'number' ? v : NaN));

  // Label width depends on the range, which depends on how many columns are left for data: settle it.
  let gutter = 1;
  let cols = 0;
  let hist: Column[] = [];
  let fut: Column[] = [];
  let per = 1;
  let range: [number, number] = [0, 1];
  let labels: string[] = [];
  for (let pass = 0; pass < 3; pass++) {
    cols = Math.max(MIN_PLOT_COLUMNS, width - gutter - 2);
    ({ hist, fut, per } = columns(y, fc, band, cols));
    range = valueRange([...hist, ...fut]);
    labels = axisLabels(range, height);
    const need = Math.max(...labels.map((l) => l.length));
    if (need === gutter) break;
    gutter = need;
  }

  const grid = Array.from({ length: height }, () => new Array<string>(cols).fill(' '));
  const row = (v: number): number => {
    const [lo, hi] = range;
    return Math.min(height - 1, Math.max(0, Math.round(((hi - v) / (hi - lo)) * (height - 1))));
  };
  fut.forEach((c, k) => {
    const x = hist.length + k;
    if (Number.isFinite(c.lo) && Number.isFinite(c.hi)) {
      for (let r = row(c.hi); r <= row(c.lo); r++) grid[r]![x] = GLYPH.band;
    }
    if (Number.isFinite(c.mean)) grid[row(c.mean)]![x] = GLYPH.forecast;
  });
  hist.forEach((c, x) => {
    if (Number.isFinite(c.mean)) grid[row(c.mean)]![x] = GLYPH.history;
  });

  const paint = opts.color ? colorize : (s: string): string => s;
  const lines = grid.map((cells, r) => {
    const label = labels[r] ?? '';
    return `${label.padStart(gutter)} ${label ? '┤' : '│'}${paint(cells.join(''))}`;
  });
  const axis = Array.from({ length: cols }, (_, x) => (x === hist.length - 1 ? '┴' : '─')).join('');
  lines.push(`${' '.repeat(gutter)} └${paint(axis)}`);
  const timeLine = timeAxis(opts.historyTimestamps?.[0], fc.timestamps, hist.length, cols);
  if (timeLine) lines.push(`${' '.repeat(gutter + 2)}${timeLine}`);
  lines.push(legend(band, hist.length > 0, per, gutter + 2 + cols));
  return lines.join('\n');
}

/**
 * Dates under the axis, for models with timestamps: where the history shown starts (left), the first
 * forecast step (just after ┴, when there is room) and the last forecast step (right).
 */
function timeAxis(first: string | undefined, steps: readonly string[] | undefined, histCols: number, cols: number): string | undefined {
  const last = steps?.[steps.length - 1];
  if (!steps || !last) return undefined;
  const line = new Array<string>(cols).fill(' ');
  const put = (text: string, at: number) => [...text].forEach((ch, i) => { if (at + i >= 0 && at + i < cols) line[at + i] = ch; });
  const left = first ?? '';
  put(left, 0);
  const next = steps[0]!;
  const at = histCols;
  if (at > left.length && at + next.length + 1 < cols - last.length) put(next, at);
  put(last, cols - last.length);
  return line.join('').trimEnd();
}

function clampInt(v: number, min: number, max: number): number {
  return Number.isFinite(v) ? Math.min(max, Math.max(min, Math.floor(v))) : min;
}

function pickInterval(fc: ForecastResult, level: number | undefined): ForecastResult['intervals'][number] | undefined {
  const pct = (l: number): number => Number(levelLabel(l));
  const ivs = fc.intervals;
  if (ivs.length === 0) return undefined;
  const target = level === undefined ? Math.max(...ivs.map((iv) => pct(iv.level))) : pct(level);
  return ivs.reduce((best, iv) => (Math.abs(pct(iv.level) - target) < Math.abs(pct(best.level) - target) ? iv : best));
}

/**
 * One time scale for both parts (`per` steps a column) so the history and forecast are comparable.
 * The finest scale is chosen that still leaves the history up to a third of the columns; a short
 * history leaves the rest to the forecast rather than to blank space.
 */
function columns(y: number[], fc: ForecastResult, band: ForecastResult['intervals'][number] | undefined, cols: number) {
  const h = fc.forecast.length;
  const n = y.length;
  const reserve = (p: number): number => Math.min(Math.ceil(n / p), Math.floor(cols / 3));
  let per = Math.max(1, Math.ceil(h / cols));
  while (Math.ceil(h / per) + reserve(per) > cols) per++;
  const fcCols = Math.ceil(h / per);
  const histCols = Math.min(cols - fcCols, Math.ceil(n / per));
  const hist: Column[] = [];
  for (let j = histCols; j >= 1; j--) {
    const part = y.slice(Math.max(0, n - j * per), n - (j - 1) * per);
    const m = mean(part);
    hist.push({ mean: m, lo: m, hi: m });
  }
  const fut: Column[] = [];
  for (let k = 0; k < fcCols; k++) {
    const [a, b] = [k * per, Math.min(h, (k + 1) * per)];
    // The band over a group of steps is its envelope: widest lower and upper within the group.
    const lo = finite(band?.lower.slice(a, b) ?? []).reduce((m, v) => Math.min(m, v), Infinity);
    const hi = finite(band?.upper.slice(a, b) ?? []).reduce((m, v) => Math.max(m, v), -Infinity);
    fut.push({ mean: mean(fc.forecast.slice(a, b)), lo: lo === Infinity ? NaN : lo, hi: hi === -Infinity ? NaN : hi });
  }
  return { hist, fut, per };
}

function finite(vs: readonly (number | null)[]): number[] {
  return vs.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
}

function mean(vs: readonly (number | null)[]): number {
  const f = finite(vs);
  return f.length === 0 ? NaN : f.reduce((s, v) => s + v, 0) / f.length;
}

function valueRange(cols: Column[]): [number, number] {
  const vs = finite(cols.flatMap((c) => [c.mean, c.lo, c.hi]));
  if (vs.length === 0) return [0, 1];
  const lo = vs.reduce((m, v) => Math.min(m, v), Infinity);
  const hi = vs.reduce((m, v) => Math.max(m, v), -Infinity);
  // A constant series has no range to scale by; centre it in a band of ±10% (or ±1 around zero).
  if (hi - lo <= Math.abs(hi) * 1e-12) {
    const pad = Math.abs(hi) * 0.1 || 1;
    return [lo - pad, hi + pad];
  }
  return [lo, hi];
}

/** Labels for the top, middle and bottom rows; the others stay blank. */
function axisLabels([lo, hi]: [number, number], height: number): string[] {
  const span = hi - lo;
  const scale = Math.max(Math.abs(lo), Math.abs(hi));
  const fmt = (v: number): string => {
    if (scale >= 1e7 || scale < 1e-4) return v.toExponential(2);
    const s = v.toFixed(Math.min(6, Math.max(0, 1 - Math.floor(Math.log10(span)))));
    return /^-0\.?0*$/.test(s) ? s.slice(1) : s;
  };
  const labels = new Array<string>(height).fill('');
  labels[0] = fmt(hi);
  labels[height - 1] = fmt(lo);
  if (height >= 5) {
    const mid = Math.floor((height - 1) / 2);
    labels[mid] = fmt(hi - (span * mid) / (height - 1));
  }
  return labels;
}

function legend(band: ForecastResult['intervals'][number] | undefined, hasHistory: boolean, per: number, width: number): string {
  // [priority, text]: on a narrow terminal the least useful entries go first, whole, not cut mid-word.
  const parts: [number, string][] = [];
  if (hasHistory) parts.push([3, `${GLYPH.history} history`]);
  parts.push([2, `${GLYPH.forecast} forecast`]);
  if (band) parts.push([0, `${GLYPH.band} ${levelLabel(band.level)}%`]);
  if (hasHistory) parts.push([4, '┴ end of data']);
  if (per > 1) parts.push([1, `${per} steps/col`]);
  const join = (): string => parts.map(([, t]) => t).join('  ');
  while (parts.length > 1 && join().length > width) {
    const worst = parts.reduce((w, p, i) => (p[0] > parts[w]![0] ? i : w), 0);
    parts.splice(worst, 1);
  }
  const text = join();
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}

function colorize(s: string): string {
  return s.replace(/(•+|\*+|░+|┴)/g, (run) => `${COLOR[run[0]!] ?? ''}${run}\x1b[0m`);
}
