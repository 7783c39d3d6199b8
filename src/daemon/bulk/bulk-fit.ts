import { ApiError } from '../errors.ts';
import type { JobContext } from '../jobs/index.ts';
import type { FitRequest, ModelService } from '../models/model-service.ts';

/** One series of a bulk fit: its model name, its data and any options of its own. */
export interface BulkSeries {
  model: unknown;
  data?: unknown;
  labels?: unknown;
  /** Set by the long-format reader when a value could not be read: the series fails with it. */
  error?: string;
  [option: string]: unknown;
}

export type BulkItem =
  | { model: string; version: number; reused: boolean }
  | { model: string; error: { code: string; message: string; field?: string } };

export interface BulkFitResult {
  total: number;
  done: number;
  failed: number;
  seriesPerSecond: number;
  cancelled: boolean;
  items: BulkItem[];
}

function itemError(err: unknown): { code: string; message: string; field?: string } {
  if (err instanceof ApiError) {
    const field = Object.keys(err.fields)[0];
    return { code: err.code, message: err.message, ...(field === undefined ? {} : { field }) };
  }
  return { code: 'MODELAPI_ERR_INTERNAL', message: (err as Error).message };
}

/** The fit request of one series: the defaults, then its own options; labels are merged key by key. */
function requestOf(defaults: Record<string, unknown>, s: BulkSeries): FitRequest {
  const { model: _model, error: _error, labels, ...own } = s;
  const defaultLabels = (defaults.labels ?? {}) as Record<string, unknown>;
  const merged = { ...defaults, ...own } as FitRequest;
  if (defaults.labels !== undefined || labels !== undefined) {
    merged.labels = typeof labels === 'object' && labels !== null && !Array.isArray(labels) ? { ...defaultLabels, ...labels } : (labels ?? defaultLabels);
  }
  return merged;
}

/**
 * Fits many series as one job. Each series is an ordinary fit (its own validation, version, lock and
 * reuse by hash) in the bulk pool, `concurrency` at a time; one that fails is recorded and the rest go
 * on. Cancelling stops between series: fits already running finish, and the result says what was done.
 */
export async function runBulkFit(
  service: ModelService,
  ctx: JobContext,
  defaults: Record<string, unknown>,
  series: BulkSeries[],
  concurrency: number,
): Promise<BulkFitResult> {
  ctx.running();
  const started = performance.now();
  const items: BulkItem[] = new Array(series.length);
  const seen = new Set<string>();
  let done = 0;
  let failed = 0;
  let next = 0;
  const progress = () => {
    const seconds = (performance.now() - started) / 1000;
    return { total: series.length, done, failed, seriesPerSecond: seconds > 0 ? Math.round((done / seconds) * 10) / 10 : 0 };
  };
  const record = (i: number, item: BulkItem) => {
    items[i] = item;
    done++;
    if ('error' in item) failed++;
    ctx.progress(progress());
  };
  const fitOne = async (i: number) => {
    const s = series[i]!;
    const model = typeof s.model === 'string' ? s.model : String(s.model ?? '');
    if (typeof s.model !== 'string' || s.model === '') {
      return record(i, { model, error: { code: 'MODELAPI_ERR_VALIDATION', message: `series[${i}].model must be a model name`, field: 'model' } });
    }
    if (seen.has(model)) {
      return record(i, { model, error: { code: 'MODELAPI_ERR_VALIDATION', message: `model '${model}' appears more than once in this bulk fit`, field: 'model' } });
    }
    seen.add(model);
    if (s.error) return record(i, { model, error: { code: 'MODELAPI_ERR_VALIDATION', message: s.error, field: 'data' } });
    try {
      const fit = await service.fit(model, requestOf(defaults, s), { pool: 'bulk' });
      record(i, { model, version: fit.version, reused: fit.reused });
    } catch (err) {
      record(i, { model, error: itemError(err) });
    }
  };
  const lane = async () => {
    while (next < series.length && !ctx.signal.aborted) await fitOne(next++);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, series.length)) }, lane));
  const cancelled = ctx.signal.aborted;
  const result: BulkFitResult = { ...progress(), cancelled, items: cancelled ? items.filter(Boolean) : items };
  if (cancelled) {
    ctx.partial(result);
    throw ctx.signal.reason;
  }
  return result;
}
