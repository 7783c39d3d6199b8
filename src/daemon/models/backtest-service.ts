import { checkPlan, EngineError, getKind, kindNames, type Candidate, type CandidateResult } from '../../forecasting/index.ts';
import { QueueFullError, type WorkerPools } from '../../pool/index.ts';
import { ApiError, isErrorCode } from '../errors.ts';
import { checkModelName } from './model-name.ts';
import { toSeries } from './series-input.ts';

export interface BacktestRequest {
  data: (number | null)[];
  h: number;
  windows?: number;
  period?: number;
  kinds?: string[];
  level?: number;
}

export interface BacktestView {
  model: string;
  h: number;
  windows: number;
  period: number;
  level: number;
  nObs: number;
  results: CandidateResult[];
  /** The kind with the lowest mean MASE, or null when none could be fitted. */
  best: string | null;
}

/** Kinds compared when the request names none: the automatic ones, then a seasonal or plain baseline. */
function defaultKinds(period: number): string[] {
  const wanted = ['auto_arima', 'ets', 'theta', period > 1 ? 'snaive' : 'naive'];
  const known = new Set(kindNames());
  return wanted.filter((k) => known.has(k));
}

/**
 * Rolling-origin backtests for users: which kind would have forecast this series best. The work runs
 * in the fit pool, bounded by the fit timeout; nothing is stored and no model lock is taken.
 */
export class BacktestService {
  constructor(
    private readonly pools: WorkerPools,
    private readonly timeoutMs: number,
  ) {}

  async run(name: string, req: BacktestRequest): Promise<BacktestView> {
    checkModelName(name);
    const y = toSeries(req.data);
    const period = req.period ?? 1;
    const plan = { h: req.h, windows: req.windows ?? 3, period, level: req.level ?? 95 };
    const kinds = req.kinds ?? defaultKinds(period);
    try {
      checkPlan(plan);
      if (kinds.length === 0) throw new EngineError('MODELAPI_ERR_INVALID_SPEC', 'name at least one kind', 'kinds');
      for (const k of kinds) getKind(k);
    } catch (err) {
      if (err instanceof EngineError) throw ApiError.field(err.code, err.field === 'kind' ? 'kinds' : (err.field ?? 'body'), err.message);
      throw err;
    }
    const candidates: Candidate[] = kinds.map((kind) => ({ kind, options: period > 1 ? { period } : {} }));

    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), this.timeoutMs);
    let result;
    try {
      result = await this.pools.backtest({ op: 'backtest', series: y, plan, candidates }, abort.signal);
    } catch (err) {
      if (abort.signal.aborted) throw new ApiError('MODELAPI_ERR_FIT_TIMEOUT', `the backtest ran past the fit timeout of ${this.timeoutMs} ms and was stopped`);
      if (err instanceof QueueFullError) throw new ApiError('MODELAPI_ERR_QUEUE_FULL', err.message, { retryAfterSeconds: 1 });
      throw new ApiError('MODELAPI_ERR_WORKER_CRASHED', `the backtest worker failed: ${(err as Error).message}`);
    } finally {
      clearTimeout(timer);
    }
    if (!result.ok) throw ApiError.field(isErrorCode(result.code) ? result.code : 'MODELAPI_ERR_UNFITTABLE', result.field ?? 'data', result.message);
    const scored = result.results.filter((r) => r.scores !== null && Number.isFinite(r.scores.mase));
    const best = scored.sort((a, b) => a.scores!.mase - b.scores!.mase)[0]?.kind ?? null;
    return { model: name, ...plan, nObs: y.length, results: result.results, best };
  }
}
