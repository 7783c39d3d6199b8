import type { WorkerPools } from '../../pool/index.ts';
import type { ModelStore, PublishedFit, VersionSummary } from '../../store/index.ts';
import { ApiError, isErrorCode, storeApiError } from '../errors.ts';
import { withBusyRetry } from './store-retry.ts';
import { runFitWork } from './timed-fit-work.ts';
import type { ServiceEventBus } from '../events.ts';

function cancelled(signal: AbortSignal): ApiError {
  return signal.reason instanceof ApiError ? signal.reason : new ApiError('MODELAPI_ERR_JOB_CANCELLED', 'the fit was cancelled');
}

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
    private readonly limits: { fitTimeoutMs: number; lockTimeoutMs: number; storeWaitMs: number },
  ) {}

  /** `cancel` (a job's signal) stops the fit like the timeout does; the version fails as cancelled. */
  async run(job: FitJob, cancel?: AbortSignal): Promise<VersionSummary> {
    const { model, version, kind, spec, series, pool = 'fit' } = job;
    const abort = new AbortController();
    const onCancel = () => abort.abort();
    cancel?.addEventListener('abort', onCancel, { once: true });
    this.running.add(abort);
    const started = performance.now();
    let published: PublishedFit;
    try {
      const limits = { fitTimeoutMs: this.limits.fitTimeoutMs, queueTimeoutMs: this.limits.lockTimeoutMs };
      const result = await runFitWork('fit', limits, abort, (signal, onStart) => this.pools.fit({ op: 'fit', kind, spec, series }, signal, pool, onStart));
      if (!result.ok) {
        const code = isErrorCode(result.code) ? result.code : 'MODELAPI_ERR_FIT_FAILED';
        throw ApiError.field(code, result.field ?? 'data', result.message);
      }
      published = { params: result.params, metrics: result.metrics, fitMs: result.fitMs };
    } catch (err) {
      const apiErr = cancel?.aborted ? cancelled(cancel) : this.toApiError(err, abort.signal.aborted);
      throw await this.failed(job, apiErr, performance.now() - started);
    } finally {
      cancel?.removeEventListener('abort', onCancel);
      this.running.delete(abort);
    }
    try {
      await withBusyRetry(() => this.store.publishVersion(model, version, published), this.limits.storeWaitMs);
    } catch (err) {
      // The fit worked but could not be recorded: the version is failed now, never left fitting.
      const apiErr = storeApiError(err) ?? new ApiError('MODELAPI_ERR_INTERNAL', `publishing ${model}@${version} failed: ${(err as Error).message}`);
      throw await this.failed(job, apiErr, performance.now() - started);
    }
    return this.store.getVersionSummary(model, version)!;
  }

  /** Records the failure on the version and tells the event stream; returns the error to throw. */
  private async failed(job: FitJob, apiErr: ApiError, fitMs: number): Promise<ApiError> {
    const { model, version, kind, requestId } = job;
    const mark = () => this.store.failVersion(model, version, `${apiErr.code}: ${apiErr.message}`, fitMs);
    try {
      await withBusyRetry(mark, this.limits.storeWaitMs);
    } catch {
      // The store is still locked: keep trying in the background, so the version does not stay fitting.
      this.retryLater(mark);
    }
    this.events.emitEvent('fit.failed', { model, version, kind, code: apiErr.code, reason: apiErr.message, requestId });
    return apiErr;
  }

  private retryLater(mark: () => void): void {
    const timer = setInterval(() => {
      try {
        mark();
        clearInterval(timer);
      } catch {}
    }, 1000);
    timer.unref();
  }

  private toApiError(err: unknown, aborted: boolean): ApiError {
    if (err instanceof ApiError) return err;
    if (aborted) return new ApiError('MODELAPI_ERR_SHUTTING_DOWN', 'the daemon is shutting down; the fit was stopped');
    return new ApiError('MODELAPI_ERR_WORKER_CRASHED', `the fit worker failed: ${(err as Error).message}`);
  }

  /** Stops every running fit (their versions become failed); used when shutdown runs out of time. */
  abortAll(): void {
    for (const a of this.running) a.abort();
  }
}
