/**
 * The `harmonic` kind: dynamic harmonic regression, R's auto.arima(y, xreg = fourier(y, K),
 * seasonal = FALSE). Fourier terms carry every seasonal period (several, long, non-integer: each
 * exact), a non-seasonal ARIMA chosen by the auto_arima search carries the rest, all by exact
 * likelihood. K is chosen by AICc over 1..maxK (fpp2 §9.5), the same K for every period, each capped
 * at floor(m/2). The caller's own regressors, if any, join the Fourier terms.
 */
import { forecastParams, estimateMetrics, guarded, updateParams, type ArimaParams } from '../arima/kind.ts';
import { parseAutoSpec } from '../arima/auto/kind.ts';
import { searchArima, type SearchOutcome } from '../arima/auto/search.ts';
import { futureColumns, regressorColumns } from '../arima/regressors.ts';
import { countObserved } from '../arima/spec.ts';
import { stateFromSeries } from '../arima/state.ts';
import { EngineError, unfittable } from '../errors.ts';
import type { Fitted, ModelKind } from '../types.ts';
import { fourierColumns, fourierTerms, maxHarmonics, type FourierTerm } from './fourier.ts';
import { chooseLarge } from './large.ts';
import { parseHarmonicSpec, type HarmonicSpec } from './spec.ts';

/**
 * Past this many observations × regressors (at the largest K) K and the errors are chosen in two stages
 * (large.ts) instead of a whole auto_arima search with the regressors for every K. The exact way's cost
 * grows with both; measured on this machine with K chosen from 1..5, it took 3.6 s at n = 3,000 with
 * periods 48 and 336 (20 regressors), 7.1 s at 5,000 and 14.0 s at 9,000, and 1.8-2.8 s at n = 3,000-9,000
 * with period 365 (10 regressors), while the two stages take 2-4 s even at n = 60,000. R's own figures
 * (test/regressors/harmonic-r-reference) are all below it, on the exact way.
 */
export const EXACT_WORK = 50_000;

export interface HarmonicParams extends ArimaParams {
  terms: FourierTerm[];
  K: number[];
  /** The caller's regressors, after the Fourier terms in the structure's xreg. */
  userRegressors: string[];
  /** Observations the Fourier time index has counted (the series length at fit). */
  t0: number;
}

function check(y: Float64Array, spec: HarmonicSpec): void {
  const n = countObserved(y);
  regressorColumns(spec.regressors ?? null, y.length);
  const k = 2 * spec.period.reduce((s, m, i) => s + Math.min(spec.K?.[i] ?? 1, maxHarmonics(m)), 0);
  if (n <= k + 3) throw unfittable(`harmonic needs more than ${k + 3} observed values for its Fourier terms; the series has ${n}`);
}

export const harmonicKind: ModelKind<HarmonicSpec, HarmonicParams> = {
  name: 'harmonic',
  parseSpec: parseHarmonicSpec,
  check,
  fit(y, spec, ctx): Fitted<HarmonicParams> {
    check(y, spec);
    const user = regressorColumns(spec.regressors ?? null, y.length);
    const arimaSpec = parseAutoSpec({});
    const choices = spec.K ? [spec.K] : Array.from({ length: spec.maxK }, (_, i) => spec.period.map((m) => Math.min(i + 1, maxHarmonics(m))));
    // K capped at floor(m/2) for every period repeats a model: each distinct K once, in order.
    const distinct = [...new Map(choices.map((K) => [K.join(','), K])).values()];
    const withTerms = distinct.map((K) => {
      const terms = fourierTerms(spec.period, K);
      return { K, terms, xreg: { names: [...terms.map((t) => t.name), ...user.names], cols: [...fourierColumns(terms, 0, y.length), ...user.cols] } };
    });
    const tried: Record<string, number | null> = {};
    let best: { K: number[]; terms: FourierTerm[]; found: SearchOutcome } | null = null;
    const twoStage = countObserved(y) * withTerms[withTerms.length - 1]!.xreg.names.length > EXACT_WORK;
    if (twoStage) {
      const large = guarded(ctx, (checkpoint) => chooseLarge(y, withTerms, arimaSpec, checkpoint));
      withTerms.forEach((c, i) => (tried[c.K.join(',')] = large.approx[i] ?? null));
      best = { ...withTerms[large.index]!, found: large.found };
    } else {
      for (const { K, terms, xreg } of withTerms) {
        let found: SearchOutcome;
        try {
          found = guarded(ctx, (checkpoint) => searchArima(y, arimaSpec, checkpoint, xreg));
        } catch (err) {
          if (withTerms.length === 1) throw err;
          tried[K.join(',')] = null;
          continue;
        }
        tried[K.join(',')] = found.aicc ?? null;
        if (!best || (found.aicc ?? Infinity) < (best.found.aicc ?? Infinity)) best = { K, terms, found };
      }
    }
    if (!best) throw unfittable('harmonic: no Fourier regression could be fitted for any K');
    const { found, K, terms } = best;
    const s = found.s;
    const state = stateFromSeries(s, found.x, found.coef, found.sigma2, found.xcols);
    const metrics = estimateMetrics(s, found.est!, found.nUsed, found.x.length);
    metrics.sigma2 = found.sigma2;
    metrics.aicc = found.aicc ?? null;
    metrics.K = K.join(', ');
    // Two-stage (large.ts): the per-K figures are stage 2's AICc, comparable among themselves only.
    for (const [key, aicc] of Object.entries(tried)) metrics[`aicc.K${key}`] = aicc;
    metrics.selection = twoStage ? `two-stage: Fourier terms by least squares, K and errors on the residuals (observations × regressors over ${EXACT_WORK})` : 'exact';
    const params: HarmonicParams = { structure: s, ...state, terms, K, userRegressors: user.names, t0: y.length };
    return { kind: 'harmonic', spec, params, metrics };
  },
  forecast(model, h, levels, inputs) {
    const p = model.params;
    const future = [...fourierColumns(p.terms, p.t0, h), ...futureColumns(p.userRegressors, inputs?.regressors, h)];
    const names = p.structure.xreg ?? [];
    const byName = Object.fromEntries(names.map((n, i) => [n, Array.from(future[i]!)]));
    return forecastParams(p, h, levels, { regressors: byName });
  },
  regressorNames: (model) => model.params.userRegressors,
  /**
   * New observations at the same coefficients: the Fourier columns at the new times t0+1..t0+k are
   * known, so the ARIMA filter moves on (missing values included) and t0 with it. The caller's own
   * regressors would need their new values, which an append does not carry: refused as unsupported.
   */
  update(model, newY) {
    const p = model.params;
    if (p.userRegressors.length > 0) {
      throw new EngineError(
        'MODELAPI_ERR_UPDATE_UNSUPPORTED',
        `harmonic: new observations need the new values of its regressors (${p.userRegressors.join(', ')}), which an append does not carry; fit the whole series again with regressors that cover it`,
      );
    }
    const next = updateParams(p, newY, fourierColumns(p.terms, p.t0, newY.length));
    const params: HarmonicParams = { ...p, ...next, t0: p.t0 + newY.length };
    return { ...model, params, metrics: { ...model.metrics, n: params.n } };
  },
};
