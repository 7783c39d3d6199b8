import type { FittedState } from './fitted-state.ts';
import { ModelCache } from './model-cache.ts';

/**
 * The fitted states the daemon's own thread computed while checking appends: the newest few per model,
 * for the models appended to most recently. The next append builds on the newest; a forecast of one of
 * them that is cheap (ModelKind.cheapForecast) is computed from it at once instead of in a worker,
 * which would cost the answer an event-loop turn. A few are kept per model because forecasts use the
 * newest state already on disk (VisibleStates), which may be an append or two behind; a model appended
 * to faster than its fsyncs finish falls back to the workers. Few, because each kept state outlives
 * V8's young generation: 16 a model doubled the daemon's GC time under bench:observe's load.
 */
export class RecentStates {
  private readonly byModel: ModelCache<FittedState[]>;

  constructor(
    models = 1024,
    private readonly perModel = 4,
  ) {
    this.byModel = new ModelCache(models);
  }

  /** The model's newest state, if it is still kept. */
  newest(model: string): FittedState | undefined {
    const states = this.byModel.get(model);
    return states?.[states.length - 1];
  }

  /** The state of `version` after exactly `nObs` observations, if it is still kept. */
  at(model: string, version: number, nObs: number): FittedState | undefined {
    const states = this.byModel.get(model);
    if (!states) return undefined;
    for (let i = states.length - 1; i >= 0; i--) {
      const s = states[i]!;
      if (s.version === version && s.nObs === nObs) return s;
    }
    return undefined;
  }

  /** A new newest state; older versions' states go. */
  add(state: FittedState): void {
    let kept = this.byModel.get(state.model);
    if (!kept || kept[kept.length - 1]!.version !== state.version) this.byModel.set(state.model, (kept = []));
    kept.push(state);
    if (kept.length > this.perModel) kept.shift();
  }

  deleteModel(model: string): void {
    this.byModel.deleteModel(model);
  }
}
