/**
 * Panel sizes for a terminal of `columns` × `rows`. The frame stays one row short of the terminal:
 * ink clears the whole screen before each frame that is as tall as the terminal, which flickers.
 */
export interface Layout {
  width: number;
  top: number; // models table and chart, borders included
  middle: number; // workers and requests
  log: number;
  left: number; // models and workers width
  right: number;
}

export const MIN_COLUMNS = 60;
export const MIN_ROWS = 20;

export function layout(columns: number, rows: number, routes: number): Layout {
  const width = Math.max(MIN_COLUMNS, columns || 100);
  const height = Math.max(MIN_ROWS, (rows || 30) - 1);
  const body = height - 2; // header and footer lines
  // Requests panel: border (2) + title + column headings + one line a route, at least two shown.
  const middle = 4 + Math.max(2, Math.min(routes, 6));
  const top = Math.max(9, Math.round((body - middle) * 0.6));
  const log = Math.max(4, body - middle - top);
  const left = Math.min(60, Math.max(36, Math.round(width * 0.38)));
  return { width, top, middle, log, left, right: width - left };
}
