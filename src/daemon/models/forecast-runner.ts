import { getKind } from '../../forecasting/index.ts';
import { forecastAnswer, QueueFullError, type ForecastResult, type RecentStates, type WorkerPools } from '../../pool/index.ts';
import type { VersionSummary } from '../../store/index.ts';
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
 * Computes the forecast of a chosen state (the caller holds the version choice; the cache is the
 * caller's too): in the forecast pool, or on this thread when the state is here and the forecast cheap.
 */
export class ForecastRunner {
  constructor(
    private readonly pools: WorkerPools,
    private readonly recentStates: RecentStates,
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
   * The forecast of a state this thread holds (a model taking appends), computed here when it is cheap
   * and its answer small: handing it to a worker costs this thread more than computing it, and the answer
   * would wait an event-loop turn for the worker's reply, behind every request that arrived meanwhile
   * (docs/benchmarks.md, "forecasts during appends").
   */
  private here(v: VersionSummary, query: ForecastQuery): ForecastResult | undefined {
    if (query.regressors || query.h * (1 + 2 * query.levels.length) + query.history > HERE_MAX_NUMBERS) return undefined;
    const state = this.recentStates.at(v.model, v.version, v.nObs);
    if (!state || !getKind(state.fitted.kind).cheapForecast?.(state.fitted, query.h, query.levels)) return undefined;
    return forecastAnswer(state, { op: 'forecast', model: v.model, version: v.version, nObs: v.nObs, ...query });
  }
}
