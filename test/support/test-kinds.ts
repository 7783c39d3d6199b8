import { existsSync } from 'node:fs';
// Imported from the engine's small modules, not its index: this module is loaded through tsx in every
// worker thread, and the index would bring the whole engine's sources with it (seconds per daemon).
import { EngineError } from '../../src/forecasting/errors.ts';
import { rejectUnknown } from '../../src/forecasting/options.ts';
import type { ModelKind } from '../../src/forecasting/types.ts';

/**
 * Test-only kinds, loaded with --kinds-module; never shipped to users. `gated` holds its fit until a
 * file appears, so a test decides exactly when a fit ends instead of guessing with timers.
 */
interface GatedSpec {
  gate: string | null;
  fail: boolean;
  crash: boolean;
  /** Every forecast of the model fails (an engine error), as one that overflows does. */
  failForecasts: boolean;
}

const pause = new Int32Array(new SharedArrayBuffer(4));

function waitForGate(path: string): void {
  const deadline = Date.now() + 120_000;
  while (!existsSync(path)) {
    if (Date.now() > deadline) throw new Error(`gate ${path} never opened`);
    // Blocks this worker thread only (a fit is synchronous CPU work, like the real kinds).
    Atomics.wait(pause, 0, 0, 5);
  }
}

export const gatedKind: ModelKind<GatedSpec, { last: number }> = {
  name: 'gated',
  parseSpec(input) {
    rejectUnknown(input, ['gate', 'fail', 'crash', 'failForecasts']);
    return {
      gate: typeof input.gate === 'string' ? input.gate : null,
      fail: input.fail === true,
      crash: input.crash === true,
      failForecasts: input.failForecasts === true,
    };
  },
  check() {},
  fit(y, spec) {
    if (spec.gate) waitForGate(spec.gate);
    if (spec.crash) process.exit(7);
    if (spec.fail) throw new EngineError('MODELAPI_ERR_FIT_FAILED', 'the gated test kind was told to fail', 'data');
    let last = Number.NaN;
    for (const v of y) if (!Number.isNaN(v)) last = v;
    return { kind: 'gated', spec, params: { last }, metrics: { n: y.length } };
  },
  forecast(model, h, levels) {
    if ((model.spec as GatedSpec).failForecasts) throw new EngineError('MODELAPI_ERR_FIT_FAILED', 'the gated test kind was told to fail its forecasts', 'h');
    const mean = new Float64Array(h).fill(model.params.last);
    return {
      mean,
      intervals: levels.map((level) => ({
        level,
        lower: new Float64Array(h).fill(model.params.last - level / 100),
        upper: new Float64Array(h).fill(model.params.last + level / 100),
      })),
    };
  },
};



/** Accepts the `intervalSeconds` fit option the daemon offers models with timestamps, and shows it. */
export const intervalEchoKind: ModelKind<{ intervalSeconds: number | null }, { last: number }> = {
  name: 'interval_echo',
  parseSpec(input) {
    rejectUnknown(input, ['intervalSeconds']);
    return { intervalSeconds: typeof input.intervalSeconds === 'number' ? input.intervalSeconds : null };
  },
  check() {},
  fit(y, spec) {
    return { kind: 'interval_echo', spec, params: { last: y[y.length - 1]! }, metrics: { intervalSeconds: spec.intervalSeconds } };
  },
  forecast(model, h) {
    return { mean: new Float64Array(h).fill(model.params.last), intervals: [] };
  },
};
/** `gated` that can also take new observations (its state is the last value): holds refits by policy. */
export const gatedUpdateKind: ModelKind<GatedSpec, { last: number }> = {
  ...gatedKind,
  name: 'gated_update',
  update(model, newY) {
    let last = model.params.last;
    for (const v of newY) if (!Number.isNaN(v)) last = v;
    return { ...model, params: { last } };
  },
};

export const kinds = [gatedKind, intervalEchoKind, gatedUpdateKind];
