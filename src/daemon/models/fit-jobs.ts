import type { JobService, JobView } from '../jobs/index.ts';
import type { FitOptions, FitView, ModelService } from './model-service.ts';

/** What a fit route does, with the options a run gets; the same work runs inline or as a job. */
export type FitWork = (opts: FitOptions) => Promise<FitView>;

/**
 * `?async=true`: the fit becomes a job (stored before the 202), running through the same lock and pool
 * as an inline fit; the job turns running once the lock is held, and DELETE /v1/jobs/:id aborts it.
 */
export function submitFitJob(jobs: JobService, type: 'fit' | 'refit', model: string, requestId: string, work: FitWork): JobView {
  return jobs.submit({
    type,
    model,
    run: (ctx) => work({ requestId, signal: ctx.signal, onLocked: () => ctx.running() }),
  });
}

/** The fit work of a fit request, checked now (a bad request is a 400/422, never a failed job). */
export function fitWork(service: ModelService, model: string, body: Parameters<ModelService['fit']>[1]): FitWork {
  const prepared = service.prepareRequest(model, body);
  return (opts) => service.runFit(model, prepared, opts);
}

export function refitWork(service: ModelService, model: string): FitWork {
  service.requireCurrent(model);
  return (opts) => service.refit(model, opts);
}
