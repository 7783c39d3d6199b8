import { CliError, EXIT } from '../exit.ts';

/**
 * Rows for `modelapi predict`: CSV (an optional header line of names, then one row of numbers per line)
 * or JSON (an array of rows, or `{"rows": […]}`). Every row must have the same number of columns.
 */
export function parseRows(text: string, source: string): number[][] {
  const trimmed = text.trim();
  if (trimmed === '') throw new CliError(`${source}: no rows`, EXIT.usage);
  const rows = trimmed.startsWith('[') || trimmed.startsWith('{') ? jsonRows(trimmed, source) : csvRows(trimmed, source);
  const width = rows[0]!.length;
  rows.forEach((r, i) => {
    if (r.length !== width) throw new CliError(`${source}: row ${i + 1} has ${r.length} values, the first has ${width}`, EXIT.usage);
  });
  return rows;
}

function jsonRows(text: string, source: string): number[][] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new CliError(`${source}: not valid JSON: ${(err as Error).message}`, EXIT.usage);
  }
  const rows = Array.isArray(value) ? value : (value as { rows?: unknown }).rows;
  if (!Array.isArray(rows) || rows.length === 0 || !rows.every((r) => Array.isArray(r) && r.length > 0 && r.every((v) => typeof v === 'number'))) {
    throw new CliError(`${source}: expected a non-empty array of rows of numbers, or {"rows": [...]}`, EXIT.usage);
  }
  return rows as number[][];
}

function csvRows(text: string, source: string): number[][] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const cells = lines.map((l) => l.split(',').map((c) => c.trim()));
  // A first line that is not all numbers is the header.
  const start = cells[0]!.some((c) => c === '' || Number.isNaN(Number(c))) ? 1 : 0;
  const rows = cells.slice(start).map((row, i) =>
    row.map((c, j) => {
      const v = Number(c);
      if (c === '' || Number.isNaN(v)) throw new CliError(`${source}: line ${i + start + 1}, column ${j + 1}: '${c}' is not a number`, EXIT.usage);
      return v;
    }),
  );
  if (rows.length === 0) throw new CliError(`${source}: a header but no rows`, EXIT.usage);
  return rows;
}
