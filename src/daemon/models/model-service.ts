import { getKind, DEFAULT_KIND, EngineError, type ModelKind } from '../../forecasting/index.ts';
import { RecentStates, type WorkerPools } from '../../pool/index.ts';
import type { LabelChanges, ModelQuery, ModelStore, TimeIndex, VersionSummary } from '../../store/index.ts';
import { concatSeries } from '../../store/index.ts';
import { ApiError } from '../errors.ts';
import { parseRefitPolicy, type RefitPolicy } from '../observations/refit-policy.ts';
import { intervalSeconds, placeOnIndex, timeSummary, type TimeSummary } from '../timestamps/index.ts';
import type { ServiceEventBus } from '../events.ts';
import { ModelLocks } from './model-locks.ts';
import { checkModelName } from './model-name.ts';
import { kindConflict } from './kind-conflict.ts';
import { fitHash, toSeries } from './series-input.ts';
import { FitRunner } from './fit-runner.ts';
import { withBusyRetry } from './store-retry.ts';
import { ForecastCache, type ForecastAnswer } from './forecast-cache.ts';
import { ForecastRunner, type ForecastQuery } from './forecast-runner.ts';
import { VisibleStates } from './visible-states.ts';
import { listModelViews, listVersions, modelView, viewOf, type ModelView } from './model-views.ts';
import { mergeLabels, parseLabelChanges } from './labels.ts';

export interface ServiceLimits {
  lockTimeoutMs: number;
  fitTimeoutMs: number;
  /** How long a store write may wait for another connection's lock (then 503). */
  storeWaitMs: number;
  /** Versions kept per model after each publish (the current one always); 0 keeps every version. */
  keepVersions: number;
}

export interface FitRequest {
  data: (number | null)[];
  kind?: string;
  /** One per value: ISO 8601 or epoch s/ms, regularly spaced (gaps become missing values). */
  timestamps?: (string | number)[];
  refit?: unknown;
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
  timestamps: TimeSummary | null;
  createdAt: string;
}

export interface FitOptions {
  requestId?: string;
  /** Aborts the fit (a cancelled job): its worker is stopped and its version marked failed. */
  signal?: AbortSignal;
  /** Called once the model's write lock is held, when the fit really starts (a job turns running). */
  onLocked?: () => void;
  /** Bulk fits run in the bulk pool, never in the interactive fit pool. */
  pool?: 'fit' | 'bulk';
}

/** Under the lock, before any work: a job cancelled while it waited for the lock stops here. */
function startLocked(opts: FitOptions): void {
  if (opts.signal?.aborted) throw opts.signal.reason instanceof ApiError ? opts.signal.reason : new ApiError('MODELAPI_ERR_JOB_CANCELLED', 'cancelled');
  opts.onLocked?.();
}

/** A fit checked and hashed, ready to run under the lock. */
export interface PreparedFit {
  kind: string;
  spec: Record<string, unknown>;
  series: Float64Array;
  timeIndex: TimeIndex | null;
  hash: string;
  /** `refit` of the fit body: stored on the model with the fit (undefined: leave the model's as it is). */
  refitPolicy?: RefitPolicy | null;
  /** Label changes to apply with the fit (set at fit time; never part of the hash). */
  labels?: LabelChanges;
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
    timestamps: timeSummary(v.timeIndex, v.nObs),
    createdAt: v.createdAt,
  };
}

/**
 * With timestamps, the kind is offered `intervalSeconds` (seconds between observations: the kinds that
 * detect periods derive calendar periods from it); a kind that has no such option parses without it.
 */
function parseSpecWithInterval(kind: ModelKind, options: Record<string, unknown>, timeIndex: TimeIndex | null): Record<string, unknown> {
  if (timeIndex && options.intervalSeconds === undefined) {
    try {
      return kind.parseSpec({ ...options, intervalSeconds: intervalSeconds(timeIndex) }) as Record<string, unknown>;
    } catch (err) {
      if (!(err instanceof EngineError && err.field === 'intervalSeconds')) throw err;
    }
  }
  return kind.parseSpec(options) as Record<string, unknown>;
}

function engineToApi(err: EngineError): ApiError {
  return ApiError.field(err.code, err.field ?? 'data', err.message);
}


/**
 * Fit and forecast orchestration: validation before anything is stored, the per-model lock, version
 * bookkeeping in the store, and the work itself in the worker pools.
 */
export class ModelService {
  private readonly cache = new ForecastCache();
  private readonly fits: FitRunner;
  private readonly forecasts: ForecastRunner;
  // The current version of each model, as the store has it. This process is the only writer, so it is
  // kept here and updated on publish instead of being read from SQLite on every forecast.
  private readonly current = new Map<string, VersionSummary>();
  /** What forecasts use while appends are committed but not yet on disk, and what their answers wait for. */
  private readonly visibleStates: VisibleStates;
  private appendedHash: { key: string; hash: string } | undefined;
  // Refit policies as stored (read once per model): checked after every append.
  private readonly policies = new Map<string, RefitPolicy | null>();

  constructor(
    private readonly store: ModelStore,
    private readonly pools: WorkerPools,
    private readonly events: ServiceEventBus,
    private readonly limits: ServiceLimits,
    // Shared with the ONNX service: both kinds of model take the same per-model lock.
    private readonly locks: ModelLocks = new ModelLocks(),
    /** States this thread computed for appends (the observation service adds them). */
    readonly recentStates: RecentStates = new RecentStates(),
  ) {
    this.fits = new FitRunner(store, pools, events, limits);
    this.forecasts = new ForecastRunner(pools, recentStates, store);
    this.visibleStates = new VisibleStates((mark) => store.isDurable(mark));
  }

  async fit(name: string, request: FitRequest, opts: FitOptions = {}): Promise<FitView> {
    return this.runFit(name, this.prepareRequest(name, request), opts);
  }

  /** Every check of a fit request that needs no lock: what a 400/422 is answered for, before any 202. */
  prepareRequest(name: string, request: FitRequest): PreparedFit {
    checkModelName(name);
    const { data, kind = DEFAULT_KIND, timestamps, labels, refit, ...options } = request;
    if (!Array.isArray(data)) throw ApiError.field('MODELAPI_ERR_VALIDATION', 'data', 'must be an array of numbers (null for missing)');
    this.checkNotOnnx(name);
    const changes = parseLabelChanges(labels, 'labels', false);
    mergeLabels(this.store.getModel(name)?.labels ?? {}, changes, 'labels');
    const placed = timestamps === undefined ? null : placeOnIndex(toSeries(data), timestamps);
    const fit = { ...this.prepareFit(kind, options, placed?.series ?? toSeries(data), placed?.timeIndex ?? null), labels: changes };
    return refit === undefined ? fit : { ...fit, refitPolicy: parseRefitPolicy(refit) };
  }

  async runFit(name: string, fit: PreparedFit, opts: FitOptions = {}): Promise<FitView> {
    this.announceFit(name, fit.kind, opts.requestId);
    return this.withWriteLock(name, () => {
      startLocked(opts);
      return this.fitLocked(name, fit, { ...opts, force: false });
    });
  }

  /**
   * Fits the current version's whole series — its training data and every observation appended since —
   * with its spec again, as a new version (the dashboard's "fit again").
   */
  async refit(name: string, opts: FitOptions = {}): Promise<FitView> {
    const current = this.requireCurrent(name);
    this.announceFit(name, current.kind, opts.requestId);
    return this.withWriteLock(name, () => {
      startLocked(opts);
      return this.refitLocked(name, [], opts);
    });
  }

  /**
   * A refit by policy, in the background: the series as it is now is fitted without holding the lock, so
   * appends and forecasts go on; then, under the write lock, the new version is published with the
   * observations appended meanwhile carried over (none lost, none applied twice). If another version was
   * published in the meantime, this one is superseded and fails.
   */
  async backgroundRefit(name: string, opts: FitOptions = {}): Promise<FitView> {
    const base = this.requireCurrent(name);
    const series = this.store.currentSeries(name, base.version, base.nObs)!;
    const { kind, spec, hash, timeIndex } = this.prepareFit(base.kind, base.spec, series, base.timeIndex);
    startLocked(opts);
    const version = this.store.beginVersion({ model: name, kind, spec, series, hash, timeIndex });
    this.events.emitEvent('fit.started', { model: name, version, kind, requestId: opts.requestId });
    const published = await this.fits.run({ model: name, version, kind, spec, series, requestId: opts.requestId }, opts.signal, (fit) =>
      this.withWriteLock(name, async () => {
        const now = this.requireCurrent(name);
        if (now.version !== base.version) throw new ApiError('MODELAPI_ERR_SUPERSEDED', `version ${now.version} was published while this refit ran`);
        this.store.publishVersion(name, version, fit, { fromVersion: base.version, afterObs: base.nObs });
        const summary = this.store.getVersionSummary(name, version)!;
        this.setCurrent(summary);
        return summary;
      }),
    );
    this.events.emitEvent('fit.finished', { model: name, version, kind, ms: published.fitMs ?? 0, reused: false, requestId: opts.requestId });
    this.events.emitEvent('version.published', { model: name, version, kind });
    return fitView(published, false);
  }

  refitPolicy(name: string): RefitPolicy | null {
    if (!this.policies.has(name)) this.policies.set(name, this.store.getModel(name)?.refitPolicy ?? null);
    return this.policies.get(name)!;
  }

  /** PATCH /v1/models/:name and fits that carry `refit`. */
  setRefitPolicy(name: string, policy: RefitPolicy | null): void {
    if (!this.store.getModel(checkModelName(name))) throw ApiError.field('MODELAPI_ERR_MODEL_NOT_FOUND', 'model', `no model named '${name}'`);
    this.store.setRefitPolicy(name, policy);
    this.policies.set(name, policy);
  }

  /** The model's current version, or 404: what a refit needs before it is accepted. */
  requireCurrent(name: string): VersionSummary {
    const current = this.currentVersion(checkModelName(name));
    if (!current) throw ApiError.field('MODELAPI_ERR_MODEL_NOT_FOUND', 'model', `no model named '${name}' with a ready version`);
    if (current.kind === 'onnx') throw kindConflict(name, current.kind);
    return current;
  }

  /**
   * Under the write lock: fits the current version's series followed by `extra` with its kind and spec as a
   * new version. Observations use it for kinds that cannot update.
   */
  async refitLocked(name: string, extra: Float64Array[], opts: FitOptions = {}): Promise<FitView> {
    const current = this.requireCurrent(name);
    const series = concatSeries(this.store.currentSeries(name, current.version)!, extra.map((points) => ({ points })));
    const fit = this.prepareFit(current.kind, current.spec, series, current.timeIndex);
    return this.fitLocked(name, fit, { ...opts, force: true });
  }

  /** Validation before anything is stored or locked: the kind, its options, the data for that kind. */
  prepareFit(kindName: string, options: Record<string, unknown>, y: Float64Array, timeIndex: TimeIndex | null = null): PreparedFit {
    let kind, spec;
    try {
      kind = getKind(kindName);
      spec = parseSpecWithInterval(kind, options, timeIndex);
      kind.check(y, spec);
    } catch (err) {
      throw err instanceof EngineError ? engineToApi(err) : err;
    }
    return { kind: kind.name, spec, series: y, timeIndex, hash: fitHash(kind.name, spec, y, timeIndex) };
  }

  /** A model's kind is fixed by its first version: fits never add versions to an ONNX model. */
  private checkNotOnnx(name: string): void {
    if (this.store.modelKind(name) === 'onnx') throw kindConflict(name, 'onnx');
  }

  private announceFit(name: string, kind: string, requestId: string | undefined): void {
    const lock = this.locks.counts(name);
    const ahead = lock.writersWaiting + (lock.writerActive ? 1 : 0);
    this.events.emitEvent('fit.queued', { model: name, kind, ahead, requestId });
  }

  /** Runs `work` under the model's write lock, bounded by the lock timeout. */
  async withWriteLock<T>(name: string, work: () => Promise<T>): Promise<T> {
    const release = await this.lock('write', name);
    try {
      return await work();
    } finally {
      release();
    }
  }

  private async fitLocked(name: string, fit: PreparedFit, { requestId, signal, force, pool = 'fit' }: FitOptions & { force: boolean }): Promise<FitView> {
    const { kind, spec, series: y, timeIndex, hash, labels = {} } = fit;
    // Again under the lock: a deploy may have created the name as an ONNX model while this fit waited.
    this.checkNotOnnx(name);
    const current = this.currentVersion(name);
    if (fit.refitPolicy !== undefined && current) this.setRefitPolicy(name, fit.refitPolicy);
    if (!force && current && this.currentHash(current) === hash) {
      if (Object.keys(labels).length > 0) this.store.setLabels(name, labels);
      this.events.emitEvent('fit.finished', { model: name, version: current.version, kind, ms: 0, reused: true, requestId });
      return fitView(current, true);
    }
    const version = await withBusyRetry(() => this.store.beginVersion({ model: name, kind, spec, series: y, hash, timeIndex, labels }), this.limits.storeWaitMs);
    this.events.emitEvent('fit.started', { model: name, version, kind, requestId });
    const published = await this.fits.run({ model: name, version, kind, spec, series: y, requestId, pool }, signal);
    this.setCurrent(published);
    if (fit.refitPolicy !== undefined && !current) this.setRefitPolicy(name, fit.refitPolicy);
    if (this.limits.keepVersions > 0) this.store.pruneVersions(name, this.limits.keepVersions);
    this.events.emitEvent('fit.finished', { model: name, version, kind, ms: published.fitMs ?? 0, reused: false, requestId });
    this.events.emitEvent('version.published', { model: name, version, kind });
    return fitView(published, false);
  }

  /**
   * The hash a new fit must match to be reused: the current series, appends included. Without appends
   * that is the version's own hash; with them it is computed once per (version, nObs) from the store.
   */
  private currentHash(current: VersionSummary): string {
    if (current.nObs === current.nFit) return current.hash;
    const key = `${current.model}@${current.version}#${current.nObs}`;
    if (this.appendedHash?.key !== key) {
      const series = this.store.currentSeries(current.model, current.version)!;
      this.appendedHash = { key, hash: fitHash(current.kind, current.spec, series, current.timeIndex) };
    }
    return this.appendedHash.hash;
  }

  /** The model's lock, bounded by the lock timeout; expiry is a 503 with Retry-After. */
  private lock(mode: 'read' | 'write', name: string) {
    return this.locks.acquireOrBusy(mode, name, this.limits.lockTimeoutMs);
  }

  /** The model's current version as this process knows it (appended observations included in nObs). */
  currentVersion(name: string): VersionSummary | undefined {
    const known = this.current.get(name);
    if (known) return known;
    const summary = this.store.currentSummary(name);
    if (summary) {
      this.current.set(name, summary);
      this.visibleStates.published(name, this.store.writeMark());
    }
    return summary;
  }

  /** The write mark a forecast's answer waits for (VisibleStates.answerMark); now, for a model not seen yet. */
  writeMarkOf(name: string): number {
    return this.visibleStates.answerMark(name) ?? this.store.writeMark();
  }

  /**
   * A newly published version: later forecasts use it (waiting for its fsync), and the old state's cached
   * answers go.
   */
  setCurrent(summary: VersionSummary): void {
    this.current.set(summary.model, summary);
    this.visibleStates.published(summary.model, this.store.writeMark());
    this.cache.dropModel(summary.model);
  }

  /**
   * Observations appended to `before`, committed: later appends build on `summary` at once, and
   * forecasts use it once it is on disk (VisibleStates), never waiting for that fsync.
   */
  setAppended(before: VersionSummary, summary: VersionSummary): void {
    this.current.set(summary.model, summary);
    this.visibleStates.appended(before, summary, this.store.writeMark());
    this.cache.dropModel(summary.model);
  }

  async forecast(name: string, query: ForecastQuery): Promise<ForecastAnswer> {
    checkModelName(name);
    const behindFit = !this.locks.readableNow(name);
    const waitStart = performance.now();
    const current = await this.locks.readSync(name, this.limits.lockTimeoutMs, () => this.visibleCurrent(name));
    if (!current) {
      if (!this.store.getModel(name)) throw ApiError.field('MODELAPI_ERR_MODEL_NOT_FOUND', 'model', `no model named '${name}'`);
      throw ApiError.field('MODELAPI_ERR_NO_VERSION', 'model', `model '${name}' has no ready version yet`);
    }
    if (current.kind === 'onnx') throw kindConflict(name, current.kind);
    const waited = performance.now() - waitStart;
    this.events.emitEvent('forecast.locked', { model: name, ms: waited });
    if (behindFit) this.events.emitEvent('forecast.waited', { model: name, version: current.version, ms: waited });
    // Forecasts given regressor values are computed for those values: not cached.
    if (query.regressors) return this.forecasts.run(current, query);
    return this.cache.getOrCompute(current, query, () => this.forecasts.run(current, query));
  }

  /**
   * A forecast that needs no waiting: no fit holds or waits for the model's lock, and the answer for its
   * current state is cached and computed already. Offers it to `send`, which says whether it could send
   * it as it is; true when it did (counted like any forecast). False otherwise: then call forecast().
   */
  sendSettledForecast(name: string, query: ForecastQuery, send: (answer: ForecastAnswer) => boolean): boolean {
    const current = this.settledCurrent(name, query);
    const answer = current && this.cache.settled(current, query);
    if (!answer || !send(answer)) return false;
    this.events.emitEvent('forecast.locked', { model: name, ms: 0 });
    return true;
  }

  /**
   * The answer of a forecast that needs no waiting, cached or computed now (forecast() without the lock's
   * wait): undefined when it would wait, or there is no such model or no ready version (forecast() says
   * which). A failed computation rejects, and is not cached.
   */
  computeSettledForecast(name: string, query: ForecastQuery): Promise<ForecastAnswer> | undefined {
    const current = this.settledCurrent(name, query);
    if (!current) return undefined;
    return this.cache.getOrCompute(current, query, () => this.forecasts.run(current, query)).then((answer) => {
      this.events.emitEvent('forecast.locked', { model: name, ms: 0 });
      return answer;
    });
  }

  /** The current version a forecast with this query would use without waiting; undefined if it must wait. */
  private settledCurrent(name: string, query: ForecastQuery): VersionSummary | undefined {
    if (query.regressors || !this.locks.readableNow(name)) return undefined;
    const current = this.visibleCurrent(name);
    return current && current.kind !== 'onnx' ? current : undefined;
  }

  /** The current version as forecasts see it: with the appends already durable enough to report. */
  private visibleCurrent(name: string): VersionSummary | undefined {
    const committed = this.currentVersion(name);
    return committed && this.visibleStates.visible(committed);
  }

  listModels(page?: { limit: number; offset: number }): ModelView[] {
    return listModelViews(this.store, this.locks, page);
  }

  countModels(): number {
    return this.store.countModels();
  }

  countReadyModels(): { forecast: number; onnx: number } {
    return this.store.countReadyModels();
  }

  /** One registry page; `more` says whether another page follows the last model of this one. */
  queryModels(query: ModelQuery): { models: ModelView[]; more: boolean } {
    const page = this.store.queryModels({ ...query, limit: query.limit + 1 });
    const more = page.length > query.limit;
    return { models: page.slice(0, query.limit).map((m) => viewOf(m, this.locks)), more };
  }

  /** Sets or removes labels (PATCH /v1/models/:name). */
  updateModel(name: string, changes: { labels?: unknown; refit?: unknown }): ModelView {
    checkModelName(name);
    const policy = changes.refit === undefined ? undefined : parseRefitPolicy(changes.refit);
    const labels = parseLabelChanges(changes.labels, 'labels', true);
    const model = this.store.getModel(name);
    if (!model) throw ApiError.field('MODELAPI_ERR_MODEL_NOT_FOUND', 'model', `no model named '${name}'`);
    mergeLabels(model.labels, labels, 'labels');
    this.store.setLabels(name, labels);
    if (policy !== undefined) this.setRefitPolicy(name, policy);
    return modelView(this.store, this.locks, name)!;
  }

  /**
   * Deletes a model and its versions. It waits for the model's lock like a fit, so fits and forecasts
   * queued before it finish first, and everything held for the model in memory goes with it.
   */
  async deleteModel(name: string): Promise<void> {
    checkModelName(name);
    await this.withWriteLock(name, async () => {
      if (!this.store.deleteModel(name)) throw ApiError.field('MODELAPI_ERR_MODEL_NOT_FOUND', 'model', `no model named '${name}'`);
      this.current.delete(name);
      this.visibleStates.deleted(name);
      this.recentStates.deleteModel(name);
      this.policies.delete(name);
      this.cache.dropModel(name);
      this.pools.evictModel(name);
      this.events.emitEvent('model.deleted', { model: name });
    });
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

  /** Why the store cannot take writes (its file deleted or replaced), for readiness. */
  storeProblem(): string | undefined {
    return this.store.fileProblem();
  }

  /** Stops every running fit (their versions become failed); used when shutdown runs out of time. */
  abortRunningFits(): void {
    this.fits.abortAll();
  }
}
