import { getKind, DEFAULT_KIND, EngineError } from '../../forecasting/index.ts';
import type { WorkerPools } from '../../pool/index.ts';
import { QueueFullError } from '../../pool/index.ts';
import type { LabelChanges, ModelQuery, ModelStore, VersionSummary } from '../../store/index.ts';
import { ApiError, isErrorCode } from '../errors.ts';
import type { ServiceEventBus } from '../events.ts';
import { ModelLocks } from './model-locks.ts';
import { checkModelName } from './model-name.ts';
import { LockTimeoutError } from './rw-lock.ts';
import { fitHash, toSeries } from './series-input.ts';
import { FitRunner } from './fit-runner.ts';
import { ForecastCache, type ForecastAnswer } from './forecast-cache.ts';
import { listModelViews, listVersions, modelView, type ModelView } from './model-views.ts';
import { mergeLabels, parseLabelChanges } from './labels.ts';

export interface ServiceLimits {
  lockTimeoutMs: number;
  fitTimeoutMs: number;
  /** Versions kept per model after each publish (the current one always); 0 keeps every version. */
  keepVersions: number;
}

export interface FitRequest {
  data: (number | null)[];
  kind?: string;
  /** The model's labels to set with this fit (they are the model's, not the version's: no part of the hash). */
  labels?: unknown;
  [option: string]: unknown;
}

export interface FitView {
  model: string;
  version: number;
  kind: string;
  spec: Record<string, unknown>;
  reused: boolean;
  nObs: number;
  fitMs: number | null;
  metrics: Record<string, unknown> | null;
  createdAt: string;
}

export interface ForecastQuery {
  h: number;
  levels: number[];
  history: number;
  /** Future values of the model's regressors (POST forecast); absent for GET. */
  regressors?: Record<string, number[]>;
}

function fitView(v: VersionSummary, reused: boolean): FitView {
  return {
    model: v.model,
    version: v.version,
    kind: v.kind,
    spec: v.spec,
    reused,
    nObs: v.nObs,
    fitMs: v.fitMs,
    metrics: v.metrics,
    createdAt: v.createdAt,
  };
}

function engineToApi(err: EngineError): ApiError {
  return ApiError.field(err.code, err.field ?? 'data', err.message);
}

function lockBusy(model: string, err: LockTimeoutError, limitMs: number): ApiError {
  return new ApiError('MODELAPI_ERR_LOCK_TIMEOUT', `model '${model}' is busy: ${err.message}`, {
    retryAfterSeconds: Math.max(1, Math.ceil(limitMs / 1000 / 4)),
  });
}

/**
 * Fit and forecast orchestration: validation before anything is stored, the per-model lock, version
 * bookkeeping in the store, and the work itself in the worker pools.
 */
export class ModelService {
  private readonly locks = new ModelLocks();
  private readonly cache = new ForecastCache();
  private readonly fits: FitRunner;
  // The current version of each model, as the store has it. This process is the only writer, so it is
  // kept here and updated on publish instead of being read from SQLite on every forecast.
  private readonly current = new Map<string, VersionSummary>();

  constructor(
    private readonly store: ModelStore,
    private readonly pools: WorkerPools,
    private readonly events: ServiceEventBus,
    private readonly limits: ServiceLimits,
  ) {
    this.fits = new FitRunner(store, pools, events, limits.fitTimeoutMs);
  }

  async fit(name: string, request: FitRequest, requestId?: string, pool: 'fit' | 'bulk' = 'fit'): Promise<FitView> {
    checkModelName(name);
    const { data, kind = DEFAULT_KIND, labels, ...options } = request;
    if (!Array.isArray(data)) throw ApiError.field('MODELAPI_ERR_VALIDATION', 'data', 'must be an array of numbers (null for missing)');
    return this.fitSeries(name, kind, options, toSeries(data), { requestId, force: false, labels: parseLabelChanges(labels, 'labels', false), pool });
  }

  /** Fits the current version's series and spec again as a new version (the dashboard's "fit again"). */
  async refit(name: string, requestId?: string): Promise<FitView> {
    const current = this.currentVersion(checkModelName(name));
    if (!current) throw ApiError.field('MODELAPI_ERR_MODEL_NOT_FOUND', 'model', `no model named '${name}' with a ready version`);
    const { series } = this.store.getVersion(name, current.version)!;
    return this.fitSeries(name, current.kind, current.spec, series, { requestId, force: true });
  }

  private async fitSeries(
    name: string,
    kindName: string,
    options: Record<string, unknown>,
    y: Float64Array,
    { requestId, force, labels = {}, pool = 'fit' }: { requestId?: string; force: boolean; labels?: LabelChanges; pool?: 'fit' | 'bulk' },
  ): Promise<FitView> {
    let kind, spec;
    try {
      kind = getKind(kindName);
      spec = kind.parseSpec(options) as Record<string, unknown>;
      kind.check(y, spec);
    } catch (err) {
      throw err instanceof EngineError ? engineToApi(err) : err;
    }
    mergeLabels(this.store.getModel(name)?.labels ?? {}, labels, 'labels');
    const hash = fitHash(kind.name, spec, y);
    const lock = this.locks.counts(name);
    const ahead = lock.writersWaiting + (lock.writerActive ? 1 : 0);
    this.events.emitEvent('fit.queued', { model: name, kind: kind.name, ahead, requestId });
    const release = await this.lock('write', name);
    try {
      const current = this.currentVersion(name);
      if (!force && current && current.hash === hash) {
        if (Object.keys(labels).length > 0) this.store.setLabels(name, labels);
        this.events.emitEvent('fit.finished', { model: name, version: current.version, kind: kind.name, ms: 0, reused: true, requestId });
        return fitView(current, true);
      }
      const version = this.store.beginVersion({ model: name, kind: kind.name, spec, series: y, hash, labels });
      this.events.emitEvent('fit.started', { model: name, version, kind: kind.name, requestId });
      const published = await this.fits.run({ model: name, version, kind: kind.name, spec, series: y, requestId, pool });
      this.current.set(name, published);
      if (this.limits.keepVersions > 0) this.store.pruneVersions(name, this.limits.keepVersions);
      this.events.emitEvent('fit.finished', { model: name, version, kind: kind.name, ms: published.fitMs ?? 0, reused: false, requestId });
      this.events.emitEvent('version.published', { model: name, version, kind: kind.name });
      return fitView(published, false);
    } finally {
      release();
    }
  }

  /** The model's lock, bounded by the lock timeout; expiry is a 503 with Retry-After. */
  private async lock(mode: 'read' | 'write', name: string) {
    try {
      return await this.locks[mode](name, this.limits.lockTimeoutMs);
    } catch (err) {
      if (err instanceof LockTimeoutError) throw lockBusy(name, err, this.limits.lockTimeoutMs);
      throw err;
    }
  }

  private currentVersion(name: string): VersionSummary | undefined {
    const known = this.current.get(name);
    if (known) return known;
    const model = this.store.getModel(name);
    if (!model || model.currentVersion === null) return undefined;
    const summary = this.store.getVersionSummary(name, model.currentVersion)!;
    this.current.set(name, summary);
    return summary;
  }

  async forecast(name: string, query: ForecastQuery): Promise<ForecastAnswer> {
    checkModelName(name);
    const lock = this.locks.counts(name);
    const behindFit = lock.writerActive || lock.writersWaiting > 0;
    const waitStart = performance.now();
    const release = await this.lock('read', name);
    let current: VersionSummary | undefined;
    try {
      current = this.currentVersion(name);
    } finally {
      release();
    }
    if (!current) {
      if (!this.store.getModel(name)) throw ApiError.field('MODELAPI_ERR_MODEL_NOT_FOUND', 'model', `no model named '${name}'`);
      throw ApiError.field('MODELAPI_ERR_NO_VERSION', 'model', `model '${name}' has no ready version yet`);
    }
    const waited = performance.now() - waitStart;
    this.events.emitEvent('forecast.locked', { model: name, ms: waited });
    if (behindFit) this.events.emitEvent('forecast.waited', { model: name, version: current.version, ms: waited });
    // Forecasts given regressor values are computed for those values: not cached.
    if (query.regressors) return this.computeForecast(current, query);
    return this.cache.getOrCompute(current, query, () => this.computeForecast(current, query));
  }

  private async computeForecast(v: VersionSummary, query: ForecastQuery): Promise<ForecastAnswer> {
    let result;
    try {
      result = await this.pools.forecast({ op: 'forecast', model: v.model, version: v.version, ...query });
    } catch (err) {
      if (err instanceof QueueFullError) throw new ApiError('MODELAPI_ERR_QUEUE_FULL', err.message, { retryAfterSeconds: 1 });
      throw new ApiError('MODELAPI_ERR_WORKER_CRASHED', `the forecast worker failed: ${(err as Error).message}`);
    }
    if (!result.ok) {
      if (result.code === 'MODELAPI_ERR_MODEL_NOT_FOUND') throw ApiError.field(result.code, 'model', `no model named '${v.model}' (it was deleted)`);
      throw ApiError.field(isErrorCode(result.code) ? result.code : 'MODELAPI_ERR_FIT_FAILED', result.field ?? 'h', result.message);
    }
    return ForecastCache.answer(v, query, result.json);
  }

  listModels(): ModelView[] {
    return listModelViews(this.store, this.locks);
  }

  /** One registry page; `more` says whether another page follows the last model of this one. */
  queryModels(query: ModelQuery): { models: ModelView[]; more: boolean } {
    const page = this.store.queryModels({ ...query, limit: query.limit + 1 });
    const more = page.length > query.limit;
    return { models: page.slice(0, query.limit).map((m) => modelView(this.store, this.locks, m.name)!), more };
  }

  /** Sets or removes labels (PATCH /v1/models/:name). */
  updateModel(name: string, changes: { labels?: unknown }): ModelView {
    checkModelName(name);
    const labels = parseLabelChanges(changes.labels, 'labels', true);
    const model = this.store.getModel(name);
    if (!model) throw ApiError.field('MODELAPI_ERR_MODEL_NOT_FOUND', 'model', `no model named '${name}'`);
    mergeLabels(model.labels, labels, 'labels');
    this.store.setLabels(name, labels);
    return modelView(this.store, this.locks, name)!;
  }

  /**
   * Deletes a model and its versions. It waits for the model's lock like a fit, so fits and forecasts
   * queued before it finish first, and everything held for the model in memory goes with it.
   */
  async deleteModel(name: string): Promise<void> {
    checkModelName(name);
    const release = await this.lock('write', name);
    try {
      if (!this.store.deleteModel(name)) throw ApiError.field('MODELAPI_ERR_MODEL_NOT_FOUND', 'model', `no model named '${name}'`);
      this.current.delete(name);
      this.cache.dropModel(name);
      this.pools.evictModel(name);
      this.events.emitEvent('model.deleted', { model: name });
    } finally {
      release();
    }
  }

  /** Deletes one version that is neither current nor being fitted. */
  deleteVersion(name: string, version: number): void {
    checkModelName(name);
    const outcome = this.store.deleteVersion(name, version);
    if (outcome === 'missing') throw ApiError.field('MODELAPI_ERR_VERSION_NOT_FOUND', 'version', `model '${name}' has no version ${version}`);
    if (outcome === 'current') throw ApiError.field('MODELAPI_ERR_VERSION_IN_USE', 'version', `version ${version} is the current version of '${name}'; fit a new one first`);
    if (outcome === 'fitting') throw ApiError.field('MODELAPI_ERR_VERSION_IN_USE', 'version', `version ${version} of '${name}' is being fitted`);
  }

  modelView(name: string): ModelView | undefined {
    return modelView(this.store, this.locks, checkModelName(name));
  }

  listVersions(name: string): VersionSummary[] | undefined {
    return listVersions(this.store, checkModelName(name));
  }

  /** Stops every running fit (their versions become failed); used when shutdown runs out of time. */
  abortRunningFits(): void {
    this.fits.abortAll();
  }
}
