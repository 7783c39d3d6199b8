import { ApiError } from '../errors.ts';
import type { ModelService } from '../models/model-service.ts';

export interface BulkForecastRequest {
  /** Explicit models, or all models matching the label filters (and kind). */
  models?: string[];
  labels: [string, string][];
  kind?: string;
  h: number;
  levels: number[];
}

/** Forecasts computed at once: enough to keep the forecast pool busy, few enough to keep memory flat. */
const WINDOW = 64;
/** Models read from the registry a page at a time, so 100,000 models are never listed at once. */
const PAGE = 500;

const JSEND_PREFIX = '{"status":"success","data":';

/** The names to forecast, a page at a time (in name order for a label query). */
async function* modelNames(service: ModelService, req: BulkForecastRequest): AsyncGenerator<string[]> {
  if (req.models) {
    for (let i = 0; i < req.models.length; i += PAGE) yield req.models.slice(i, i + PAGE);
    return;
  }
  let after: string | undefined;
  for (;;) {
    const page = service.queryModels({ labels: req.labels, kind: req.kind, after, limit: PAGE });
    if (page.models.length > 0) yield page.models.map((m) => m.name);
    if (!page.more) return;
    after = page.models.at(-1)!.name;
  }
}

export type BulkForecastLine = { model: string; data: string } | { model: string; error: { code: string; message: string } };

/**
 * Every model's forecast, in order, as the data part of its ordinary answer (the same cache and lock as
 * GET /forecast). A sliding window: up to WINDOW forecasts are in flight, and the next one starts as the
 * oldest is handed on — not a batch that drains before the next begins, which left the worker idle
 * while this thread wrote the batch out, and this thread idle while the worker computed the next one
 * (each was idle ~55–60% of a 10,000-model bulk forecast). Lines are produced as the consumer reads them:
 * a stream to a slow client holds at most one window of answers in memory, whatever the number of models.
 */
export async function* bulkForecasts(service: ModelService, req: BulkForecastRequest): AsyncGenerator<BulkForecastLine> {
  const inFlight: Promise<BulkForecastLine>[] = [];
  for await (const names of modelNames(service, req)) {
    for (const model of names) {
      inFlight.push(forecastLine(service, model, req));
      if (inFlight.length >= WINDOW) yield await inFlight.shift()!;
    }
  }
  while (inFlight.length > 0) yield await inFlight.shift()!;
}

/** One model's line; never rejects (a failure is that model's error line). */
async function forecastLine(service: ModelService, model: string, req: BulkForecastRequest): Promise<BulkForecastLine> {
  try {
    const answer = await service.forecast(model, { h: req.h, levels: req.levels, history: 0 });
    return { model, data: answer.body.slice(JSEND_PREFIX.length, -1) };
  } catch (err) {
    const e = err instanceof ApiError ? err : new ApiError('MODELAPI_ERR_INTERNAL', (err as Error).message);
    return { model, error: { code: e.code, message: e.message } };
  }
}

interface ForecastData {
  version: number;
  forecast: (number | null)[];
  intervals: { level: number; lower: (number | null)[]; upper: (number | null)[] }[];
  timestamps?: (string | number)[];
}

const csvCell = (v: string | number | null | undefined) => {
  if (v === null || v === undefined) return '';
  // Numbers (nearly every cell) never need quotes.
  if (typeof v === 'number') return String(v);
  return /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
};

/** Long format, one row a step: what statsforecast and spreadsheets read. */
export function csvHeader(levels: number[]): string {
  return ['model', 'version', 'step', 'timestamp', 'mean', ...levels.flatMap((l) => [`lo${l}`, `hi${l}`]), 'error'].join(',') + '\n';
}

export function csvRows(line: BulkForecastLine, levels: number[]): string {
  if ('error' in line) return [csvCell(line.model), '', '', '', '', ...levels.flatMap(() => ['', '']), csvCell(`${line.error.code}: ${line.error.message}`)].join(',') + '\n';
  const d = JSON.parse(line.data) as ForecastData;
  let out = '';
  for (let s = 0; s < d.forecast.length; s++) {
    const bands = d.intervals.flatMap((iv) => [csvCell(iv.lower[s]), csvCell(iv.upper[s])]);
    out += [csvCell(line.model), d.version, s + 1, csvCell(d.timestamps?.[s]), csvCell(d.forecast[s]), ...bands, ''].join(',') + '\n';
  }
  return out;
}

export function ndjsonRow(line: BulkForecastLine): string {
  if ('error' in line) return JSON.stringify({ model: line.model, error: line.error }) + '\n';
  return line.data + '\n';
}
