/**
 * R's meanf(): iid normal around the sample mean; intervals use the t distribution with n−1 df and
 * scale s·√(1 + 1/n).
 *
 * Missing values (NaN) are skipped, and n counts observed values only. R 8.20 uses length(y) — NaNs
 * included — for the df and the √(1+1/n) factor, which overstates the information in a gappy
 * series; with no NaN the two agree.
 *
 * Params are Welford running sums over observed values, so `update` continues the same pass and
 * equals a refit on the concatenated series.
 */
import { unfittable } from '../errors.ts';
import { qt } from '../stats.ts';
import type { Fitted, ModelKind } from '../types.ts';
import { assertForecastArgs, assertSeries, countMissing, parseBaselineSpec, type BaselineSpec } from './common.ts';
import { cheapByAnswerSize } from '../cheap-forecast.ts';

export interface MeanParams {
  /** Observed (non-missing) values, their mean and centred sum of squares. */
  count: number;
  mean: number;
  m2: number;
  /** Series length, missing values included, and how many were missing. */
  n: number;
  nMissing: number;
}

function accumulate(start: MeanParams, y: Float64Array): MeanParams {
  let { count, mean, m2 } = start;
  for (let i = 0; i < y.length; i++) {
    const v = y[i]!;
    if (Number.isNaN(v)) continue;
    count++;
    const delta = v - mean;
    mean += delta / count;
    m2 += delta * (v - mean);
  }
  return { count, mean, m2, n: start.n + y.length, nMissing: start.nMissing + countMissing(y) };
}

function paramsOrThrow(y: Float64Array): MeanParams {
  assertSeries(y);
  const p = accumulate({ count: 0, mean: 0, m2: 0, n: 0, nMissing: 0 }, y);
  if (p.count === 0) throw unfittable(y.length === 0 ? 'mean: the series is empty' : 'mean: every value is missing');
  if (p.count < 2) throw unfittable(`mean needs at least 2 observed values to estimate its variance, got ${p.count}`);
  return p;
}

function fitted(params: MeanParams, spec: BaselineSpec): Fitted<MeanParams> {
  return {
    kind: 'mean',
    spec,
    params,
    metrics: { n: params.n, nMissing: params.nMissing, sigma2: params.m2 / (params.count - 1), method: 'Mean' },
  };
}

export const meanKind: ModelKind<BaselineSpec, MeanParams> = {
  name: 'mean',
  parseSpec: parseBaselineSpec,
  check(y) {
    paramsOrThrow(y);
  },
  fit(y, spec, ctx) {
    ctx.checkpoint?.();
    return fitted(paramsOrThrow(y), spec);
  },
  forecast(model, h, levels) {
    assertForecastArgs(h, levels);
    const { count, mean: mu, m2 } = model.params;
    const s = Math.sqrt(m2 / (count - 1));
    const mean = new Float64Array(h).fill(mu);
    const intervals = levels.map((level) => {
      const w = qt(0.5 + level / 200, count - 1) * s * Math.sqrt(1 + 1 / count);
      return { level, lower: new Float64Array(h).fill(mu - w), upper: new Float64Array(h).fill(mu + w) };
    });
    return { mean, intervals };
  },
  // A constant and one interval width per level: O(h).
  cheapForecast: cheapByAnswerSize,
  update(model, newY) {
    assertSeries(newY);
    return fitted(accumulate(model.params, newY), model.spec as BaselineSpec);
  },
};
