import { getKind, DEFAULT_KIND, EngineError } from '../forecasting/index.ts';
import type { WorkerPools } from '../pool/index.ts';
import { QueueFullError } from '../pool/index.ts';
import type { ModelStore, VersionSummary } from '../store/index.ts';
import { ApiError, isErrorCode } from './errors.ts';
import type { ServiceEventBus } from './events.ts';
import { ModelLocks } from './model-locks.ts';
import { checkModelName } from './model-name.ts';
import { LockTimeoutError } from './rw-lock.ts';
import { fitHash, toSeries } from './series-input.ts';
import { ForecastCache, type ForecastAnswer } from './forecast-cache.ts';

export interface ServiceLimits {
  lockTimeoutMs: number;
  fitTimeoutMs: number;
}

export interface FitRequest {
  data: (number | null)[];
  kind?: string;
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
  readonly locks = new ModelLocks();
  private readonly cache = new ForecastCache();
  private readonly running = new Set<AbortController>();
  // The current version of each model, as the store has it. This process is the only writer, so it is
  // kept here and updated on publish instead of being read from SQLite on every forecast.
  private readonly current = new Map<string, VersionSummary>();

  constructor(
    private readonly store: ModelStore,
    private readonly pools: WorkerPools,
    private readonly events: ServiceEventBus,
    private readonly limits: ServiceLimits,
  ) {}

  async fit(name: string, request: FitRequest, requestId?: string): Promise<FitView> {
    checkModelName(name);
    const { data, kind = DEFAULT_KIND, ...options } = request;
    return this.fitSeries(name, kind, options, toSeries(data), { requestId, force: false });
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
    { requestId, force }: { requestId?: string; force: boolean },
  ): Promise<FitView> {
    let kind, spec;
    try {
      kind = getKind(kindName);
      spec = kind.parseSpec(options) as Record<string, unknown>;
      kind.check(y, spec);
    } catch (err) {
      throw err instanceof EngineError ? engineToApi(err) : err;
    }
    const hash = fitHash(kind.name, spec, y);
    const lock = this.locks.counts(name);
    const ahead = lock.writersWaiting + (lock.writerActive ? 1 : 0);
    this.events.emitEvent('fit.queued', { model: name, kind: kind.name, ahead, requestId });
    let release;
    try {
      release = await this.locks.write(name, this.limits.lockTimeoutMs);
    } catch (err) {
      if (err instanceof LockTimeoutError) throw lockBusy(name, err, this.limits.lockTimeoutMs);
      throw err;
    }
    try {
      const current = this.currentVersion(name);
      if (!force && current && current.hash === hash) {
        this.events.emitEvent('fit.finished', { model: name, version: current.version, kind: kind.name, ms: 0, reused: true, requestId });
        return fitView(current, true);
      }
      const version = this.store.beginVersion({ model: name, kind: kind.name, spec, series: y, hash });
      this.events.emitEvent('fit.started', { model: name, version, kind: kind.name, requestId });
      const fitMs = await this.runFit(name, version, kind.name, spec, y, requestId);
      this.events.emitEvent('fit.finished', { model: name, version, kind: kind.name, ms: fitMs, reused: false, requestId });
      this.events.emitEvent('version.published', { model: name, version, kind: kind.name });
      return fitView(this.store.getVersionSummary(name, version)!, false);
    } finally {
      release();
    }
  }

  /** Runs the fit in a worker, bounded by the fit timeout; records the outcome on the version. */
  private async runFit(model: string, version: number, kind: string, spec: Record<string, unknown>, y: Float64Array, requestId?: string): Promise<number> {
    const abort = new AbortController();
    let reason: ApiError | undefined;
    const timer = setTimeout(() => {
      reason = new ApiError('MODELAPI_ERR_FIT_TIMEOUT', `the fit ran past the fit timeout of ${this.limits.fitTimeoutMs} ms and was stopped`);
      abort.abort();
    }, this.limits.fitTimeoutMs);
    this.running.add(abort);
    const started = performance.now();
    try {
      const result = await this.pools.fit({ op: 'fit', kind, spec, series: y }, abort.signal);
      if (!result.ok) {
        const code = isErrorCode(result.code) ? result.code : 'MODELAPI_ERR_FIT_FAILED';
        throw ApiError.field(code, result.field ?? 'data', result.message);
      }
      this.store.publishVersion(model, version, { params: result.params, metrics: result.metrics, fitMs: result.fitMs });
      this.current.set(model, this.store.getVersionSummary(model, version)!);
      return result.fitMs;
    } catch (err) {
      const apiErr = reason ?? this.fitError(err, abort.signal.aborted);
      this.store.failVersion(model, version, `${apiErr.code}: ${apiErr.message}`, performance.now() - started);
      this.events.emitEvent('fit.failed', { model, version, kind, code: apiErr.code, reason: apiErr.message, requestId });
      throw apiErr;
    } finally {
      clearTimeout(timer);
      this.running.delete(abort);
    }
  }

  private fitError(err: unknown, aborted: boolean): ApiError {
    if (err instanceof ApiError) return err;
    if (err instanceof QueueFullError) return new ApiError('MODELAPI_ERR_QUEUE_FULL', err.message, { retryAfterSeconds: 1 });
    if (aborted) return new ApiError('MODELAPI_ERR_SHUTTING_DOWN', 'the daemon is shutting down; the fit was stopped');
    return new ApiError('MODELAPI_ERR_WORKER_CRASHED', `the fit worker failed: ${(err as Error).message}`);
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
    let release;
    try {
      release = await this.locks.read(name, this.limits.lockTimeoutMs);
    } catch (err) {
      if (err instanceof LockTimeoutError) throw lockBusy(name, err, this.limits.lockTimeoutMs);
      throw err;
    }
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
      throw ApiError.field(isErrorCode(result.code) ? result.code : 'MODELAPI_ERR_FIT_FAILED', result.field ?? 'h', result.message);
    }
    return ForecastCache.answer(v, query, result.json);
  }

  listModels() {
    return this.store.listModels().map((m) => this.modelView(m.name)!);
  }

  modelView(name: string) {
    checkModelName(name);
    const m = this.store.getModel(name);
    if (!m) return undefined;
    const current = m.currentVersion === null ? undefined : this.store.getVersionSummary(name, m.currentVersion);
    const lock = this.locks.counts(name);
    return {
      name: m.name,
      currentVersion: m.currentVersion,
      kind: current?.kind ?? null,
      spec: current?.spec ?? null,
      metrics: current?.metrics ?? null,
      nObs: current?.nObs ?? null,
      fitMs: current?.fitMs ?? null,
      state: lock.writerActive ? ('fitting' as const) : ('ready' as const),
      versions: m.versions,
      lock,
      createdAt: m.createdAt,
      updatedAt: m.updatedAt,
    };
  }

  listVersions(name: string): VersionSummary[] | undefined {
    checkModelName(name);
    if (!this.store.getModel(name)) return undefined;
    return this.store.listVersions(name);
  }

  /** Stops every running fit (their versions become failed); used when shutdown runs out of time. */
  abortRunningFits(): void {
    for (const a of this.running) a.abort();
  }
}
