import { randomUUID } from 'node:crypto';
import type { JobError, JobRecord, JobState, JobStore } from '../../store/index.ts';
import { ApiError } from '../errors.ts';
import type { ServiceEventBus } from '../events.ts';

export type JobView = JobRecord;
export type { JobState, JobError };

/** What a job's work gets: its id, a signal that DELETE /v1/jobs/:id and shutdown abort, progress. */
export interface JobContext {
  readonly id: string;
  readonly signal: AbortSignal;
  /** queued → running: call when the work really starts (e.g. once the model's lock is held). */
  running(): void;
  /** The latest progress; GET shows it at once, the store and the event stream at most once a second. */
  progress(p: Record<string, unknown>): void;
  /** What was done before the work stopped early (cancelled bulk work): kept as the failed job's result. */
  partial(result: unknown): void;
}

export interface JobSpec<R> {
  type: string;
  model?: string;
  run(ctx: JobContext): Promise<R>;
}

export interface JobLimits {
  /** How long a finished job (and its result) is kept. */
  ttlMs: number;
}

/** Progress is for people polling; a write per step would put an fsync per series on the bulk path. */
const PROGRESS_WRITE_MS = 1000;
const SWEEP_MS = 60_000;

interface Active {
  controller: AbortController;
  progress: Record<string, unknown> | null;
  partial: unknown;
  lastWrite: number;
  settled: Promise<void>;
  waiters: Set<() => void>;
}

function toJobError(err: unknown, cancelled: boolean): JobError {
  if (err instanceof ApiError) {
    const field = Object.keys(err.fields)[0];
    return field === undefined ? { code: err.code, message: err.message } : { code: err.code, message: err.message, field };
  }
  if (cancelled) return { code: 'MODELAPI_ERR_JOB_CANCELLED', message: 'cancelled by DELETE /v1/jobs/:id' };
  return { code: 'MODELAPI_ERR_INTERNAL', message: `internal error: ${(err as Error)?.message ?? String(err)}` };
}

/**
 * One mechanism for work that outlives its request (async fits, big infers, bulk fits): the job row is
 * durable before the client hears of it, the work runs at once (the locks and pools already queue it),
 * and its end state, result or error is stored for `ttlMs`. Jobs cut off by a crash fail at start-up.
 */
export class JobService {
  private readonly active = new Map<string, Active>();
  private readonly sweeper: NodeJS.Timeout;
  // After close() the store may be closed too: work that ends later records nothing, and its row stays
  // running, to be failed as interrupted at the next start.
  private closed = false;

  constructor(
    private readonly store: JobStore,
    private readonly events: ServiceEventBus,
    private readonly limits: JobLimits,
  ) {
    const now = new Date();
    store.failInterrupted(now.toISOString(), this.expiry(now));
    store.deleteExpired(now.toISOString());
    this.sweeper = setInterval(() => store.deleteExpired(new Date().toISOString()), SWEEP_MS).unref();
  }

  private expiry(from: Date): string {
    return new Date(from.getTime() + this.limits.ttlMs).toISOString();
  }

  submit<R>(spec: JobSpec<R>): JobView {
    const id = randomUUID();
    const model = spec.model ?? null;
    this.store.insert({ id, type: spec.type, model, createdAt: new Date().toISOString() });
    const active: Active = { controller: new AbortController(), progress: null, partial: undefined, lastWrite: 0, settled: Promise.resolve(), waiters: new Set() };
    this.active.set(id, active);
    this.events.emitEvent('job.queued', { id, type: spec.type, model });
    // The work starts after the caller has its view (and has answered 202), never inside submit().
    active.settled = new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.execute(id, spec, active));
    return this.get(id)!;
  }

  private async execute<R>(id: string, spec: JobSpec<R>, active: Active): Promise<void> {
    const model = spec.model ?? null;
    const ctx: JobContext = {
      id,
      signal: active.controller.signal,
      running: () => {
        if (this.closed) return;
        this.store.markRunning(id, new Date().toISOString());
        this.events.emitEvent('job.started', { id, type: spec.type, model });
      },
      progress: (p) => {
        active.progress = p;
        const t = performance.now();
        // Written and streamed at most once a second: bulk work reports per series, far more often.
        if (!this.closed && t - active.lastWrite >= PROGRESS_WRITE_MS) {
          active.lastWrite = t;
          this.store.setProgress(id, p);
          this.events.emitEvent('job.progress', { id, type: spec.type, model, progress: p });
        }
      },
      partial: (result) => {
        active.partial = result;
      },
    };
    let end: { state: 'succeeded'; result: R } | { state: 'failed'; error: JobError; result?: unknown };
    try {
      if (active.controller.signal.aborted) throw active.controller.signal.reason;
      end = { state: 'succeeded', result: await spec.run(ctx) };
    } catch (err) {
      end = { state: 'failed', error: toJobError(err, active.controller.signal.aborted), result: active.partial };
    }
    const at = new Date();
    if (this.closed) return;
    try {
      this.store.finish(id, { ...end, progress: active.progress, at: at.toISOString(), expiresAt: this.expiry(at) });
    } finally {
      this.active.delete(id);
      for (const wake of active.waiters) wake();
    }
    this.events.emitEvent('job.finished', {
      id, type: spec.type, model, state: end.state, ...(end.state === 'failed' ? { code: end.error.code } : {}),
    });
  }

  get(id: string): JobView | undefined {
    const job = this.store.get(id);
    const active = this.active.get(id);
    if (job && active?.progress) job.progress = active.progress;
    return job;
  }

  list(filter: { state?: JobState; model?: string; type?: string; limit?: number }): JobView[] {
    return this.store.list({ ...filter, limit: filter.limit ?? 100 }).map((job) => {
      const progress = this.active.get(job.id)?.progress;
      return progress ? { ...job, progress } : job;
    });
  }

  /** Asks a queued or running job to stop; it ends `failed` with MODELAPI_ERR_JOB_CANCELLED once its work stops. */
  cancel(id: string): JobView {
    const job = this.get(id);
    if (!job) throw ApiError.field('MODELAPI_ERR_JOB_NOT_FOUND', 'id', `no job '${id}'`);
    const active = this.active.get(id);
    if (!active) throw ApiError.field('MODELAPI_ERR_JOB_FINISHED', 'id', `job '${id}' has already ${job.state}`);
    active.controller.abort(new ApiError('MODELAPI_ERR_JOB_CANCELLED', 'cancelled by DELETE /v1/jobs/:id'));
    return job;
  }

  /** The job once it has finished, or as it is after `ms`; undefined for an unknown id. */
  async waitFor(id: string, ms: number): Promise<JobView | undefined> {
    const active = this.active.get(id);
    if (active && ms > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, ms);
        function done() {
          clearTimeout(timer);
          active!.waiters.delete(done);
          resolve();
        }
        active.waiters.add(done);
      });
    }
    return this.get(id);
  }

  get activeCount(): number {
    return this.active.size;
  }

  /**
   * Shutdown: running jobs get `graceMs` to finish, then their signals are aborted and they are given a
   * moment to record that; any still unsettled are failed as interrupted at the next start-up.
   */
  async close(graceMs: number): Promise<void> {
    clearInterval(this.sweeper);
    const settled = () => Promise.all([...this.active.values()].map((a) => a.settled));
    const within = (ms: number, p: Promise<unknown>) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, ms);
        p.then(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    await within(graceMs, settled());
    for (const a of this.active.values()) a.controller.abort(new ApiError('MODELAPI_ERR_SHUTTING_DOWN', 'the daemon is shutting down'));
    await within(1000, settled());
    this.closed = true;
  }
}
