import type { VersionSummary } from '../../store/index.ts';
import { ApiError } from '../errors.ts';
import type { ServiceEvents } from '../events.ts';
import type { JobService } from '../jobs/index.ts';
import type { ModelService } from '../models/model-service.ts';
import { parseDuration } from '../units.ts';

/** When a model is refitted in the background: after N appended observations, or once its version is this old. */
export type RefitPolicy = { every: number } | { after: string };

/** `refit` as a fit body or PATCH gives it; null clears the policy. */
export function parseRefitPolicy(input: unknown): RefitPolicy | null {
  if (input === null) return null;
  const o = input as Record<string, unknown>;
  const keys = o && typeof o === 'object' ? Object.keys(o) : [];
  if (keys.length === 1 && keys[0] === 'every' && Number.isInteger(o.every) && (o.every as number) >= 1) return { every: o.every as number };
  if (keys.length === 1 && keys[0] === 'after' && typeof o.after === 'string' && (parseDuration(o.after) ?? 0) > 0) return { after: o.after };
  throw ApiError.field('MODELAPI_ERR_VALIDATION', 'refit', 'must be {"every": N} (observations, N ≥ 1), {"after": "24h"} (a duration) or null');
}

function due(policy: RefitPolicy, v: VersionSummary, now: number): string | undefined {
  if ('every' in policy) return v.nObs - v.nFit >= policy.every ? `${v.nObs - v.nFit} observations since version ${v.version} was fitted` : undefined;
  return now - Date.parse(v.createdAt) >= parseDuration(policy.after)! ? `version ${v.version} is older than ${policy.after}` : undefined;
}

/**
 * Checks a model's refit policy after each append and, when it is due, starts one background refit job
 * at a time per model: the whole series is fitted with the version's spec while appends and forecasts go
 * on, and the appends made meanwhile are carried over to the new version when it is published.
 */
export class RefitScheduler {
  private readonly running = new Set<string>();

  constructor(
    private readonly models: ModelService,
    private readonly jobs: JobService,
    private readonly emit: <K extends 'refit.scheduled'>(name: K, payload: ServiceEvents[K]) => void,
  ) {}

  afterAppend(current: VersionSummary): void {
    const name = current.model;
    const policy = this.models.refitPolicy(name);
    if (!policy || this.running.has(name)) return;
    const reason = due(policy, current, Date.now());
    if (!reason) return;
    this.running.add(name);
    const job = this.jobs.submit({
      type: 'refit',
      model: name,
      run: (ctx) => this.models.backgroundRefit(name, { signal: ctx.signal, onLocked: () => ctx.running() }).finally(() => this.running.delete(name)),
    });
    this.emit('refit.scheduled', { model: name, version: current.version, jobId: job.id, reason });
  }
}
