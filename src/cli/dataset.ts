/**
 * Reads the dataset file given to `modelapi fit`. The format is detected from the content, not the
 * file name, so `curl … > data.txt` works too. Every failure is a DatasetError whose message names the
 * file and the line or index, because the user has to go and fix that file by hand.
 */

export interface ParseDatasetOptions {
  /** CSV column to use (header name, or 1-based position when the file has no header). */
  column?: string;
  /** CSV column holding the timestamps (header name, or 1-based position). */
  dateColumn?: string;
  /** Shown in error messages, usually the path as the user typed it. */
  source: string;
}

export interface ParsedDataset {
  data: (number | null)[];
  /** Other keys of a JSON object file (`kind`, `period`, …); the CLI merges them under its flags. */
  options: Record<string, unknown>;
  /** From `dateColumn`: one per value (epoch numbers as numbers, dates as written). */
  timestamps?: (string | number)[];
}

export class DatasetError extends Error {
  readonly code = 'MODELAPI_ERR_DATASET' as const;
  readonly source: string;
  readonly line: number | undefined;
  readonly index: number | undefined;
  constructor(source: string, detail: string, at: { line?: number; index?: number } = {}) {
    super(`${source}${at.line !== undefined ? ` line ${at.line}` : ''}: ${detail}`);
    this.name = 'DatasetError';
    this.source = source;
    this.line = at.line;
    this.index = at.index;
  }
}

// Deliberately stricter than Number(): no hex, no '', no 'Infinity', no thousands separators.
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const MISSING = new Set(['', 'na', 'nan', 'null']);
const isNumeric = (cell: string): boolean => NUMBER.test(cell);
const isMissing = (cell: string): boolean => MISSING.has(cell.toLowerCase());

export function parseDataset(text: string, opts: ParseDatasetOptions): ParsedDataset {
  const src = opts.source;
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const first = body.trimStart()[0];
  if (first === undefined) throw new DatasetError(src, 'the file is empty');
  const json = first === '{' || first === '[';
  if (json && opts.dateColumn !== undefined) throw new DatasetError(src, '--date-column is for CSV files; a JSON file gives "timestamps" beside "data"');
  const parsed = json ? parseJson(body, src) : parseDelimited(body, opts);
  if (!parsed.data.some((v) => v !== null)) {
    const why = parsed.data.length === 0 ? 'no values' : `all ${parsed.data.length} values are missing`;
    throw new DatasetError(src, `no numeric values at all (${why})`);
  }
  return parsed;
}

function parseJson(body: string, src: string): ParsedDataset {
  let doc: unknown;
  try {
    doc = JSON.parse(body);
  } catch (e) {
    throw jsonSyntaxError(body, src, e instanceof Error ? e.message : String(e));
  }
  let values: unknown;
  let options: Record<string, unknown> = {};
  if (Array.isArray(doc)) {
    values = doc;
  } else {
    const { data, ...rest } = doc as Record<string, unknown>;
    if (data === undefined) throw new DatasetError(src, 'missing "data": expected {"data": [numbers…], …}');
    values = data;
    options = rest;
  }
  if (!Array.isArray(values)) throw new DatasetError(src, `"data" must be an array, not ${typeName(values)}`);
  const out = values.map((v: unknown, i: number): number | null => {
    if (v === null) return null;
    if (typeof v === 'number') {
      // JSON.parse turns 1e400 into Infinity rather than failing.
      if (!Number.isFinite(v)) throw new DatasetError(src, `data[${i}] is beyond the float64 range`, { index: i });
      return v;
    }
    // Quoted numbers are refused, not coerced: they usually mean a broken export upstream.
    const shown = typeof v === 'string' ? ` (${JSON.stringify(clip(v))})` : '';
    throw new DatasetError(src, `data[${i}] is ${typeName(v)}${shown}; expected a number or null`, { index: i });
  });
  return { data: out, options };
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  const t = typeof v;
  return t === 'object' || t === 'undefined' ? `an ${t}` : `a ${t}`;
}

/** V8 leaves the position out of some messages, so find it: the shortest prefix that is already invalid. */
function jsonSyntaxError(body: string, src: string, message: string): DatasetError {
  const broken = (k: number): boolean => {
    try {
      JSON.parse(body.slice(0, k));
      return false;
    } catch (e) {
      const msg = e instanceof Error ? e.message : '';
      const pos = /at position (\d+)/.exec(msg);
      // An error at the very end of the prefix only means "cut short", not "wrong".
      return !/end of JSON input/.test(msg) && !(pos && Number(pos[1]) >= k);
    }
  };
  const reason = message.replace(/, (?:\.\.\.)?".*is not valid JSON$/s, '').replace(/ in JSON at position \d+.*$/s, '');
  if (!broken(body.length)) {
    return new DatasetError(src, `invalid JSON: the file ends early (${reason})`, { line: body.trimEnd().split('\n').length });
  }
  let lo = 1;
  let hi = body.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (broken(mid)) hi = mid;
    else lo = mid + 1;
  }
  const before = body.slice(0, lo - 1);
  const line = before.split('\n').length;
  const column = lo - before.lastIndexOf('\n') - 1;
  return new DatasetError(src, `invalid JSON at column ${column} (${reason})`, { line });
}

function parseDelimited(body: string, opts: ParseDatasetOptions): ParsedDataset {
  const src = opts.source;
  const lines = body.split(/\r\n|\r|\n/);
  while (lines.length > 0 && lines[lines.length - 1]!.trim() === '') lines.pop();
  const delim = detectDelimiter(lines[0]!);
  const rows = lines.map((l) => splitRow(l, delim));
  const first = rows[0]!;
  // A header has names and no numbers; '12a' on line 1 is a typo to report, not a column name.
  const hasHeader = first.some((c) => !isMissing(c) && !/^[+-]?[\d.]/.test(c)) && !first.some(isNumeric);
  const header = hasHeader ? first : undefined;
  const width = first.length;
  const start = hasHeader ? 1 : 0;
  for (let i = start; i < rows.length; i++) {
    const n = rows[i]!.length;
    if (n !== width && lines[i]!.trim() !== '') {
      throw new DatasetError(src, `expected ${width} ${width === 1 ? 'cell' : 'cells'}, found ${n}`, { line: i + 1 });
    }
  }
  const dateCol = opts.dateColumn === undefined ? undefined : findColumn(opts.dateColumn, header, width, src);
  // The date column is not a candidate for the values, so "a date column beside one numeric" still works.
  const col = pickColumn(rows.slice(start), header, width, opts, dateCol);
  const label = width > 1 ? ` (${header ? header[col] : `column ${col + 1}`})` : '';
  const data = rows.slice(start).map((r, j) => parseCell(r[col] ?? '', src, start + j + 1, label));
  if (dateCol === undefined) return { data, options: {} };
  const timestamps = rows.slice(start).map((r, j) => {
    const cell = r[dateCol] ?? '';
    if (cell === '') throw new DatasetError(src, `the date column is empty`, { line: start + j + 1 });
    return isNumeric(cell) ? Number(cell) : cell;
  });
  return { data, options: {}, timestamps };
}

/** The commonest of , tab ; on the first line; '\n' (never inside a line) means a single column. */
function detectDelimiter(line: string): string {
  let best = '\n';
  let most = 0;
  for (const d of [',', '\t', ';']) {
    const n = line.split(d).length - 1;
    if (n > most) [best, most] = [d, n];
  }
  return best;
}

function splitRow(line: string, delim: string): string[] {
  const cells: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c !== '"') cur += c;
      else if (line[i + 1] === '"') cur += line[++i];
      else quoted = false;
    } else if (c === '"') {
      quoted = true;
    } else if (c === delim) {
      cells.push(cur.trim());
      cur = '';
    } else {
      cur += c;
    }
  }
  cells.push(cur.trim());
  return cells;
}

function columnNames(header: string[] | undefined, width: number): string {
  const names = header ?? Array.from({ length: width }, (_, i) => `column ${i + 1}`);
  return names.map((n) => (n === '' ? '(unnamed)' : n)).join(', ');
}

/** A column by header name (exact, then case-insensitive) or 1-based position. */
function findColumn(want: string, header: string[] | undefined, width: number, src: string): number {
  let i = header ? header.indexOf(want) : -1;
  if (i < 0 && header) i = header.findIndex((h) => h.toLowerCase() === want.trim().toLowerCase());
  if (i < 0 && /^\d+$/.test(want) && Number(want) >= 1 && Number(want) <= width) i = Number(want) - 1;
  if (i < 0) throw new DatasetError(src, `no column "${want}"; the columns are: ${columnNames(header, width)}`);
  return i;
}

function pickColumn(rows: string[][], header: string[] | undefined, width: number, opts: ParseDatasetOptions, dateCol?: number): number {
  if (opts.column !== undefined) return findColumn(opts.column, header, width, opts.source);
  if (width === 1) return 0;
  const list = columnNames(header, width);
  // A date/label column next to one numeric column is the common case: take the numeric one.
  const numeric = Array.from({ length: width }, (_, i) => i)
    .filter((i) => i !== dateCol)
    .filter((i) => rows.every((r) => isNumeric(r[i] ?? '') || isMissing(r[i] ?? '')) && rows.some((r) => isNumeric(r[i] ?? '')));
  if (numeric.length === 1) return numeric[0]!;
  throw new DatasetError(opts.source, `has ${width} columns (${list}); choose one with --column`);
}

function parseCell(cell: string, src: string, line: number, label: string): number | null {
  if (isMissing(cell)) return null;
  if (!isNumeric(cell)) throw new DatasetError(src, `'${clip(cell)}'${label} is not a number`, { line });
  const v = Number(cell);
  // Both overflow (1e400 → Infinity) and underflow (1e-400 → 0) silently change the value.
  const mantissa = cell.split(/[eE]/)[0]!;
  if (!Number.isFinite(v) || (v === 0 && /[1-9]/.test(mantissa))) {
    throw new DatasetError(src, `'${clip(cell)}'${label} is beyond the float64 range`, { line });
  }
  return v;
}

function clip(s: string): string {
  return s.length > 40 ? `${s.slice(0, 37)}…` : s;
}
