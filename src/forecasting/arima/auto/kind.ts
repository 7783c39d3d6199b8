/**
 * The `auto_arima` kind: forecast::auto.arima's defaults (KPSS for d, seasonal strength for D,
 * stepwise AICc search, CSS approximation for long or long-period series with an ML refit of the
 * best), then the chosen model behaves exactly like an `arima` fit.
 */
import { invalidSpec, unfittable } from '../../errors.ts';
import { boolOption, intOption, periodOption, rejectUnknown, type Options } from '../../options.ts';
import type { FitContext, Fitted, ModelKind } from '../../types.ts';
import { arimaServing, estimateMetrics, guarded, type ArimaParams } from '../kind.ts';
import { MAX_STATE, countObserved } from '../spec.ts';
import { stateFromSeries } from '../state.ts';
import { modelString, type Structure } from '../structure.ts';
import { searchArima } from './search.ts';
import { regressorColumns, regressorsOption, type Regressors } from '../regressors.ts';

export interface AutoArimaSpec {
  period: number;
  maxp: number;
  maxq: number;
  maxP: number;
  maxQ: number;
  maxd: number;
  maxD: number;
  /** Fixed differencing orders (null: chosen by the tests). */
  d: number | null;
  D: number | null;
  /** null: auto.arima's default (more than 150 values or period > 12). */
  approximation: boolean | null;
  /** External regressors aligned with the data: every candidate is a regression with ARIMA errors. */
  regressors?: Regressors;
}

const KEYS = ['period', 'maxp', 'maxq', 'maxP', 'maxQ', 'maxd', 'maxD', 'd', 'D', 'approximation', 'regressors'];

export function parseAutoSpec(input: Options): AutoArimaSpec {
  rejectUnknown(input, KEYS);
  const period = periodOption(input);
  const spec: AutoArimaSpec = {
    period,
    maxp: intOption(input, 'maxp', { min: 0, max: 10 }, 5),
    maxq: intOption(input, 'maxq', { min: 0, max: 10 }, 5),
    maxP: intOption(input, 'maxP', { min: 0, max: 3 }, 2),
    maxQ: intOption(input, 'maxQ', { min: 0, max: 3 }, 2),
    maxd: intOption(input, 'maxd', { min: 0, max: 2 }, 2),
    maxD: intOption(input, 'maxD', { min: 0, max: 1 }, 1),
    d: intOption(input, 'd', { min: 0, max: 2 }) ?? null,
    D: intOption(input, 'D', { min: 0, max: 1 }) ?? null,
    approximation: input.approximation === undefined || input.approximation === null ? null : boolOption(input, 'approximation', false),
  };
  const regressors = regressorsOption(input);
  if (regressors) spec.regressors = regressors;
  if (period > 1 && Math.max(spec.maxp + period * spec.maxP, spec.maxq + period * spec.maxQ + 1) > MAX_STATE) {
    // Long periods: cap the seasonal orders so the largest state stays storable.
    const cap = Math.floor((MAX_STATE - 1 - Math.max(spec.maxp, spec.maxq)) / period);
    if (input.maxP !== undefined && spec.maxP > cap) throw invalidSpec('maxP', `maxP must be at most ${cap} for period ${period}`);
    if (input.maxQ !== undefined && spec.maxQ > cap) throw invalidSpec('maxQ', `maxQ must be at most ${cap} for period ${period}`);
    spec.maxP = Math.min(spec.maxP, cap);
    spec.maxQ = Math.min(spec.maxQ, cap);
  }
  return spec;
}

export function checkAuto(y: Float64Array): void {
  if (countObserved(y) < 3) throw unfittable('auto_arima needs at least 3 observed values');
}

export const autoArimaKind: ModelKind<AutoArimaSpec, ArimaParams> = {
  name: 'auto_arima',
  parseSpec: parseAutoSpec,
  check: (y, spec) => {
    checkAuto(y);
    regressorColumns(spec.regressors ?? null, y.length);
  },
  fit(y, spec, ctx: FitContext): Fitted<ArimaParams> {
    checkAuto(y);
    const xreg = regressorColumns(spec.regressors ?? null, y.length);
    const found = guarded(ctx, (checkpoint) => searchArima(y, spec, checkpoint, xreg));
    const s: Structure = found.s;
    const state = stateFromSeries(s, found.x, found.coef, found.sigma2, found.xcols);
    const metrics = found.est
      ? estimateMetrics(s, found.est, found.nUsed, found.x.length)
      : { model: modelString(s), method: 'constant', n: found.x.length, nobs: found.nUsed, sigma2: 0 };
    metrics.sigma2 = found.sigma2;
    metrics.modelsTried = found.tried;
    metrics.approximation = found.approximation ? 'CSS' : 'none';
    if (found.searched < found.x.length) metrics.searchedLast = found.searched;
    if (found.aicc !== undefined) metrics.aicc = Number.isFinite(found.aicc) ? found.aicc : null;
    return { kind: 'auto_arima', spec, params: { structure: s, ...state }, metrics };
  },
  ...arimaServing(),
};
