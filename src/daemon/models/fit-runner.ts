import type { WorkerPools } from '../../pool/index.ts';
import { QueueFullError } from '../../pool/index.ts';
import type { ModelStore, PublishedFit, VersionSummary } from '../../store/index.ts';
import { ApiError, isErrorCode } from '../errors.ts';
import type { ServiceEventBus } from '../events.ts';

function cancelled(signal: AbortSignal): ApiError {
  return signal.reason instanceof ApiError ? signal.reason : new ApiError('MODELAPI_ERR_JOB_CANCELLED', 'the fit was cancelled');
}

/** Records a finished fit (the default: ready and current at once) and returns the version. */
export type Publish = (fit: PublishedFit) => VersionSummary | Promise<VersionSummary>;

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

  /** `cancel` (a job's signal) stops the fit like the timeout does; the version fails as cancelled. */
  async run(job: FitJob, cancel?: AbortSignal, publish: Publish = (fit) => this.publish(job, fit)): Promise<VersionSummary> {
    const { model, version, kind, spec, series, requestId, pool = 'fit' } = job;
    const abort = new AbortController();
    const onCancel = () => abort.abort();
    cancel?.addEventListener('abort', onCancel, { once: true });
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
      return await publish({ params: result.params, metrics: result.metrics, fitMs: result.fitMs });
    } catch (err) {
      const apiErr = cancel?.aborted ? cancelled(cancel) : this.toApiError(err, timedOut, abort.signal.aborted);
      this.store.failVersion(model, version, `${apiErr.code}: ${apiErr.message}`, performance.now() - started);
      this.events.emitEvent('fit.failed', { model, version, kind, code: apiErr.code, reason: apiErr.message, requestId });
      throw apiErr;
    } finally {
      clearTimeout(timer);
      cancel?.removeEventListener('abort', onCancel);
      this.running.delete(abort);
    }
  }

  private publish(job: FitJob, fit: PublishedFit): VersionSummary {
    this.store.publishVersion(job.model, job.version, fit);
    return this.store.getVersionSummary(job.model, job.version)!;
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
