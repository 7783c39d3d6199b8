import { checkPlan, EngineError, getKind, kindNames, type Candidate, type CandidateResult } from '../../forecasting/index.ts';
import type { WorkerPools } from '../../pool/index.ts';
import { runFitWork, type FitWorkLimits } from './timed-fit-work.ts';
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
    private readonly limits: FitWorkLimits,
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

    let result;
    try {
      result = await runFitWork('backtest', this.limits, new AbortController(), (signal, onStart) =>
        this.pools.backtest({ op: 'backtest', series: y, plan, candidates }, signal, onStart),
      );
    } catch (err) {
      if (err instanceof ApiError) throw err;
      throw new ApiError('MODELAPI_ERR_WORKER_CRASHED', `the backtest worker failed: ${(err as Error).message}`);
    }
    if (!result.ok) throw ApiError.field(isErrorCode(result.code) ? result.code : 'MODELAPI_ERR_UNFITTABLE', result.field ?? 'data', result.message);
    const scored = result.results.filter((r) => r.scores !== null && Number.isFinite(r.scores.mase));
    const best = scored.sort((a, b) => a.scores!.mase - b.scores!.mase)[0]?.kind ?? null;
    return { model: name, ...plan, nObs: y.length, results: result.results, best };
  }
}
