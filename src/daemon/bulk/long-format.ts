import { parse } from 'csv-parse/sync';
import { ApiError } from '../errors.ts';

/** One series taken from a long-format body, in the shape of a fit request. */
export interface LongSeries {
  model: string;
  data: (number | null)[];
  timestamps?: (string | number)[];
}

export interface LongColumns {
  id: string;
  date: string;
  value: string;
}

/** statsforecast's names, so its users' files load as they are. */
export const LONG_DEFAULTS: LongColumns = { id: 'unique_id', date: 'ds', value: 'y' };

const MISSING = new Set(['', 'NA', 'NaN', 'nan', 'null', 'NULL']);

const fail = (field: string, message: string) => ApiError.field('MODELAPI_ERR_VALIDATION', field, message);

function cellValue(raw: unknown, where: string): number | null | string {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : null;
  const text = String(raw).trim();
  if (MISSING.has(text)) return null;
  const n = Number(text);
  // A bad value fails its own series only: the caller reports it with the series' id.
  return Number.isFinite(n) ? n : `${where}: '${text}' is not a number`;
}

/**
 * Rows of (id, date?, value) → one series per id, in order of first appearance; within a series rows are
 * sorted by date when there is a date column (files are often sorted by date across series, not by id).
 * A series with a bad value is returned with `error` so it can fail alone.
 */
export function seriesFromRows(rows: Record<string, unknown>[], cols: LongColumns, source: string): (LongSeries & { error?: string })[] {
  if (rows.length === 0) throw fail('body', `has no rows`);
  const first = rows[0]!;
  for (const [what, name] of [['id', cols.id], ['value', cols.value]] as const) {
    if (!(name in first)) throw fail(`${what}_column`, `no column '${name}' in the ${source} (columns: ${Object.keys(first).join(', ')})`);
  }
  const hasDate = cols.date in first;
  const groups = new Map<string, { dates: (string | number)[]; values: (number | null)[]; error?: string }>();
  rows.forEach((row, i) => {
    const id = String(row[cols.id] ?? '').trim();
    if (id === '') throw fail(cols.id, `row ${i + 1} has no id`);
    let g = groups.get(id);
    if (!g) groups.set(id, (g = { dates: [], values: [] }));
    const v = cellValue(row[cols.value], `row ${i + 1}`);
    if (typeof v === 'string') g.error ??= v;
    else g.values.push(v);
    if (hasDate) g.dates.push(row[cols.date] as string | number);
  });
  return [...groups].map(([model, g]) => {
    if (g.error) return { model, data: [], error: g.error };
    if (!hasDate) return { model, data: g.values };
    const order = g.dates.map((_, i) => i).sort((a, b) => dateKey(g.dates[a]!) - dateKey(g.dates[b]!));
    return { model, data: order.map((i) => g.values[i]!), timestamps: order.map((i) => g.dates[i]!) };
  });
}

/** Sort key of a date cell: epoch numbers as they are, anything else as an ISO 8601 string. */
function dateKey(d: string | number): number {
  if (typeof d === 'number') return d;
  const n = Number(d);
  return Number.isFinite(n) ? n : Date.parse(d);
}

export function parseCsv(text: string): Record<string, unknown>[] {
  try {
    return parse(text, { columns: true, skip_empty_lines: true, trim: true, bom: true }) as Record<string, unknown>[];
  } catch (err) {
    throw fail('body', `is not valid CSV: ${(err as Error).message}`);
  }
}

export function parseNdjson(text: string): Record<string, unknown>[] {
  const rows: Record<string, unknown>[] = [];
  let line = 0;
  for (const raw of text.split('\n')) {
    line++;
    const trimmed = raw.trim();
    if (trimmed === '') continue;
    let row: unknown;
    try {
      row = JSON.parse(trimmed);
    } catch (err) {
      throw fail('body', `line ${line} is not JSON: ${(err as Error).message}`);
    }
    if (!row || typeof row !== 'object' || Array.isArray(row)) throw fail('body', `line ${line} is not a JSON object`);
    rows.push(row as Record<string, unknown>);
  }
  return rows;
}
