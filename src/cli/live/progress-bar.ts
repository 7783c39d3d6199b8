const EIGHTHS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

const count = (n: number) => n.toLocaleString('en-US');

function clock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** A bar in eighths of a cell: `▕██████▋   ▏`. */
export function bar(fraction: number, width: number): string {
  const cells = Math.max(0, Math.min(1, fraction)) * width;
  const full = Math.floor(cells);
  const part = EIGHTHS[Math.floor((cells - full) * 8)] ?? '';
  return `▕${'█'.repeat(full)}${part}${' '.repeat(Math.max(0, width - full - (part ? 1 : 0)))}▏`;
}

export interface BulkProgress {
  total: number;
  done: number;
  failed: number;
  seriesPerSecond: number;
}

/** `fitting 10,000 series ▕██████▋   ▏ 6,412/10,000 · 58/s · 1:02 left · 3 failed`; width 0 leaves the bar out. */
export function progressLine(p: BulkProgress, width = 20): string {
  const drawn = width > 0 ? ` ${bar(p.total > 0 ? p.done / p.total : 0, width)}` : '';
  const left = p.seriesPerSecond > 0 ? ` · ${clock((p.total - p.done) / p.seriesPerSecond)} left` : '';
  const failed = p.failed > 0 ? ` · ${count(p.failed)} failed` : '';
  return `fitting ${count(p.total)} series${drawn} ${count(p.done)}/${count(p.total)} · ${p.seriesPerSecond}/s${left}${failed}`;
}
