import { EngineError, getKind } from '../../forecasting/index.ts';
import { advance, loadState, type FittedState, type RecentStates } from '../../pool/index.ts';
import type { ModelStore, VersionSummary } from '../../store/index.ts';
import { ApiError } from '../errors.ts';
import type { ServiceEventBus } from '../events.ts';
import { checkModelName } from '../models/model-name.ts';
import type { ModelService } from '../models/model-service.ts';
import { toPoints } from '../models/series-input.ts';
import { continueTimestamps, fillGaps, timeSummary, type TimeSummary } from '../timestamps/index.ts';
import type { AppendWriter } from './append-writer.ts';

export interface ObserveRequest {
  data: (number | null)[];
  timestamps?: (string | number)[];
}

export interface ObserveView {
  model: string;
  /** The version the forecasts now use: the same one after an update, a new one after a refit. */
  version: number;
  nObs: number;
  /** Points added to the series (gaps between timestamps count, as missing values). */
  added: number;
  method: 'update' | 'refit';
  /** Why the model was refitted instead of updated, when it was. */
  reason?: string;
  /** Time spent updating the state (update) or fitting (refit). */
  ms: number;
  timestamps: TimeSummary | null;
}

/**
 * Appends observations to a model's current version under its write lock: the kind's `update` with
 * the same parameters (checked here, on this thread, before anything is stored), the points written as
 * their own chunk (group-committed), then the new nObs made current: the next append builds on it at
 * once, forecasts use it once it is on disk (models/visible-states.ts).
 * Kinds that cannot update are refitted on the whole series instead, as a new version.
 */
export class ObservationService {
  constructor(
    private readonly models: ModelService,
    /** The states this thread computed (shared with the models' forecasts); evicted ones are rebuilt from the store. */
    private readonly states: RecentStates,
    private readonly store: ModelStore,
    private readonly writer: AppendWriter,
    private readonly events: ServiceEventBus,
    /** Called after each durable update (the refit policy check). */
    private readonly afterAppend: (current: VersionSummary) => void = () => {},
  ) {}

  async observe(name: string, request: ObserveRequest, requestId?: string): Promise<ObserveView> {
    checkModelName(name);
    const values = toPoints(request.data);
    return this.models.withWriteLock(name, async () => {
      const current = this.models.currentVersion(name);
      if (!current) throw ApiError.field('MODELAPI_ERR_MODEL_NOT_FOUND', 'model', `no model named '${name}' with a ready version`);
      const points = this.placed(current, values, request.timestamps);
      const kind = getKind(current.kind);
      if (!kind.update) return this.refit(current, points, `kind ${current.kind} has no update`, requestId);
      const started = performance.now();
      let next: FittedState;
      try {
        next = advance(this.stateOf(current), { endObs: current.nObs + points.length, points });
      } catch (err) {
        if (err instanceof EngineError && err.code === 'MODELAPI_ERR_UPDATE_UNSUPPORTED') return this.refit(current, points, err.message, requestId);
        if (err instanceof EngineError) throw ApiError.field(err.code, err.field ?? 'data', err.message);
        throw err;
      }
      const ms = performance.now() - started;
      await this.writer.write({ model: name, version: current.version, endObs: next.nObs, points });
      this.states.add(next);
      const summary: VersionSummary = { ...current, nObs: next.nObs };
      this.models.setAppended(current, summary);
      this.afterAppend(summary);
      return this.appended(summary, points.length, 'update', ms, undefined, requestId);
    });
  }

  /** The values on the model's time axis: after its last point, gaps between timestamps filled. */
  private placed(current: VersionSummary, values: Float64Array, timestamps: unknown[] | undefined): Float64Array {
    if (timestamps === undefined) return values;
    if (!current.timeIndex) throw ApiError.field('MODELAPI_ERR_VALIDATION', 'timestamps', `model '${current.model}' was fitted without timestamps`);
    if (timestamps.length !== values.length) throw ApiError.field('MODELAPI_ERR_VALIDATION', 'timestamps', `has ${timestamps.length} entries for ${values.length} values in data`);
    const positions = continueTimestamps(current.timeIndex, current.nObs, timestamps);
    return fillGaps(values, positions, current.nObs);
  }

  private stateOf(current: VersionSummary): FittedState {
    const known = this.states.newest(current.model);
    if (known && known.version === current.version && known.nObs === current.nObs) return known;
    return loadState(this.store, current.model, current.version, current.nObs);
  }

  private async refit(current: VersionSummary, points: Float64Array, reason: string, requestId?: string): Promise<ObserveView> {
    let fit;
    try {
      fit = await this.models.refitLocked(current.model, [points], { requestId });
    } catch (err) {
      // A refit the data or spec cannot take (a harmonic model whose regressors cover only its training
      // data) would otherwise answer with the refit's complaint alone, not saying why it was tried.
      if (err instanceof ApiError && err.status < 500) throw refitRefused(err, reason);
      throw err;
    }
    const summary = this.models.currentVersion(current.model)!;
    return this.appended(summary, points.length, 'refit', fit.fitMs ?? 0, reason, requestId);
  }

  private appended(v: VersionSummary, added: number, method: ObserveView['method'], ms: number, reason: string | undefined, requestId?: string): ObserveView {
    this.events.emitEvent('observations.appended', { model: v.model, version: v.version, nObs: v.nObs, added, method, requestId });
    return { model: v.model, version: v.version, nObs: v.nObs, added, method, ...(reason ? { reason } : {}), ms, timestamps: timeSummary(v.timeIndex, v.nObs) };
  }
}

/** The refit's refusal, each message prefixed by why the update was declined. */
function refitRefused(err: ApiError, reason: string): ApiError {
  const why = (message: string) => `cannot update (${reason}), nor refit on the whole series: ${message}`;
  const fields = Object.fromEntries(Object.entries(err.fields).map(([field, message]) => [field, why(message)]));
  return new ApiError(err.code, why(err.message), { fields, retryAfterSeconds: err.retryAfterSeconds, headers: err.headers });
}
