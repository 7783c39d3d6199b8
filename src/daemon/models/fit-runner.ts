import type { WorkerPools } from '../../pool/index.ts';
import { QueueFullError } from '../../pool/index.ts';
import type { ModelStore, VersionSummary } from '../../store/index.ts';
import { ApiError, isErrorCode } from '../errors.ts';
import type { ServiceEventBus } from '../events.ts';

export interface FitJob {
  model: string;
  version: number;
  kind: string;
  spec: Record<string, unknown>;
  series: Float64Array;
  requestId?: string;
  /** Bulk fits run in the bulk pool, never in the interactive fit pool. */
  pool?: 'fit' | 'bulk';
}

/**
 * Runs an allocated version's fit in the fit pool, bounded by the fit timeout, and records the outcome
 * on that version: published (ready and current) or failed with a coded reason. The caller holds the
 * model's write lock throughout.
 */
export class FitRunner {
  private readonly running = new Set<AbortController>();

  constructor(
    private readonly store: ModelStore,
    private readonly pools: WorkerPools,
    private readonly events: ServiceEventBus,
    private readonly fitTimeoutMs: number,
  ) {}

  async run(job: FitJob): Promise<VersionSummary> {
    const { model, version, kind, spec, series, requestId, pool = 'fit' } = job;
    const abort = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      abort.abort();
    }, this.fitTimeoutMs);
    this.running.add(abort);
    const started = performance.now();
    try {
      const result = await this.pools.fit({ op: 'fit', kind, spec, series }, abort.signal, pool);
      if (!result.ok) {
        const code = isErrorCode(result.code) ? result.code : 'MODELAPI_ERR_FIT_FAILED';
        throw ApiError.field(code, result.field ?? 'data', result.message);
      }
      this.store.publishVersion(model, version, { params: result.params, metrics: result.metrics, fitMs: result.fitMs });
      return this.store.getVersionSummary(model, version)!;
    } catch (err) {
      const apiErr = this.toApiError(err, timedOut, abort.signal.aborted);
      this.store.failVersion(model, version, `${apiErr.code}: ${apiErr.message}`, performance.now() - started);
      this.events.emitEvent('fit.failed', { model, version, kind, code: apiErr.code, reason: apiErr.message, requestId });
      throw apiErr;
    } finally {
      clearTimeout(timer);
      this.running.delete(abort);
    }
  }

  private toApiError(err: unknown, timedOut: boolean, aborted: boolean): ApiError {
    if (timedOut) return new ApiError('MODELAPI_ERR_FIT_TIMEOUT', `the fit ran past the fit timeout of ${this.fitTimeoutMs} ms and was stopped`);
    if (err instanceof ApiError) return err;
    if (err instanceof QueueFullError) return new ApiError('MODELAPI_ERR_QUEUE_FULL', err.message, { retryAfterSeconds: 1 });
    if (aborted) return new ApiError('MODELAPI_ERR_SHUTTING_DOWN', 'the daemon is shutting down; the fit was stopped');
    return new ApiError('MODELAPI_ERR_WORKER_CRASHED', `the fit worker failed: ${(err as Error).message}`);
  }

  /** Stops every running fit (their versions become failed); used when shutdown runs out of time. */
  abortAll(): void {
    for (const a of this.running) a.abort();
  }
}
