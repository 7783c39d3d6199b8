import { forecastNumbers, getKind } from '../../forecasting/index.ts';
import { forecastAnswer, loadState, QueueFullError, type FittedState, type ForecastResult, type RecentStates, type WorkerPools } from '../../pool/index.ts';
import type { ModelStore, VersionSummary } from '../../store/index.ts';
import { ApiError, isErrorCode } from '../errors.ts';
import { ForecastCache, type ForecastAnswer } from './forecast-cache.ts';

export interface ForecastQuery {
  h: number;
  levels: number[];
  history: number;
  /** Future values of the model's regressors (POST forecast); absent for GET. */
  regressors?: Record<string, number[]>;
}

/**
 * Numbers in an answer small enough to serialise on the daemon's thread: at 200 (h = 40 at two levels) an
 * ARIMA(1,0,1) forecast and its serialised answer take ~38 µs here; longer answers are the workers' work.
 */
const HERE_MAX_NUMBERS = 200;

/**
 * A state this thread does not hold is read from the store here when its series is this short and few
 * points were appended since the fit: reading the row and parsing its parameters (a 144-point monthly
 * `auto` model: ~6 KB of JSON) costs this thread about what handing the task to a worker and taking its
 * reply does, and the answer skips two thread hand-overs, which on a loaded 2-core machine are most of
 * a cold forecast's latency (docs/benchmarks.md, "cold forecasts").
 */
const HERE_LOAD_MAX_OBS = 1_000;
const HERE_LOAD_MAX_APPENDED = 100;
/**
 * Versions found too costly to forecast here after loading them are not loaded here again, for any
 * horizon (a version costly for one query is left to the workers for all: a lost saving, never a wrong
 * answer).
 */
const NOT_CHEAP_REMEMBERED = 4_096;

/**
 * Computes the forecast of a chosen state (the caller holds the version choice; the cache is the
 * caller's too): in the forecast pool, or on this thread when the state is here and the forecast cheap.
 */
export class ForecastRunner {
  private readonly notCheap = new Set<string>();

  constructor(
    private readonly pools: WorkerPools,
    private readonly recentStates: RecentStates,
    private readonly store: ModelStore,
  ) {}

  async run(v: VersionSummary, query: ForecastQuery): Promise<ForecastAnswer> {
    let result = this.here(v, query);
    try {
      result ??= await this.pools.forecast({ op: 'forecast', model: v.model, version: v.version, nObs: v.nObs, ...query });
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

  /**
   * The forecast computed on this thread when it is cheap and its answer small, of a state this thread
   * holds (a model taking appends) or can read from the store at little cost (a short series): handing
   * it to a worker costs this thread more than computing it, and the answer would wait an event-loop
   * turn for the worker's reply, behind every request that arrived meanwhile (docs/benchmarks.md,
   * "forecasts during appends").
   */
  private here(v: VersionSummary, query: ForecastQuery): ForecastResult | undefined {
    if (query.regressors || forecastNumbers(query.h, query.levels) + query.history > HERE_MAX_NUMBERS) return undefined;
    const state = this.recentStates.at(v.model, v.version, v.nObs) ?? this.loadHere(v);
    if (!state) return undefined;
    if (!getKind(state.fitted.kind).cheapForecast?.(state.fitted, query.h, query.levels)) {
      this.rememberNotCheap(v);
      return undefined;
    }
    return forecastAnswer(state, { op: 'forecast', model: v.model, version: v.version, nObs: v.nObs, ...query });
  }

  private loadHere(v: VersionSummary): FittedState | undefined {
    if (v.nObs > HERE_LOAD_MAX_OBS || v.nObs - v.nFit > HERE_LOAD_MAX_APPENDED || this.notCheap.has(`${v.model}@${v.version}`)) return undefined;
    try {
      return loadState(this.store, v.model, v.version, v.nObs);
    } catch {
      // Deleted meanwhile, or not as the summary said: the pool's path answers that with its own error.
      return undefined;
    }
  }

  private rememberNotCheap(v: VersionSummary): void {
    if (this.notCheap.size >= NOT_CHEAP_REMEMBERED) this.notCheap.clear();
    this.notCheap.add(`${v.model}@${v.version}`);
  }
}
