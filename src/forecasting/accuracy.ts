/**
 * Out-of-sample accuracy, as the forecasting literature (and R's forecast::accuracy) defines it:
 * MASE scaled by the in-sample MAE of the seasonal naive forecast at lag `period` (lag 1 when there is
 * no season), sMAPE in percent, and interval coverage in percent. Missing values are skipped.
 */
export interface Scores {
  mase: number;
  smape: number;
  coverage: number;
}

/** In-sample MAE of the (seasonal) naive forecast: the denominator of MASE. */
export function naiveScale(train: ArrayLike<number>, period: number): number {
  const lag = period > 1 && train.length > period ? period : 1;
  let sum = 0;
  let count = 0;
  for (let t = lag; t < train.length; t++) {
    const d = train[t]! - train[t - lag]!;
    if (!Number.isNaN(d)) {
      sum += Math.abs(d);
      count++;
    }
  }
  return count > 0 ? sum / count : Number.NaN;
}

export function forecastScores(
  train: ArrayLike<number>,
  test: ArrayLike<number>,
  period: number,
  mean: ArrayLike<number>,
  lower: ArrayLike<number>,
  upper: ArrayLike<number>,
): Scores {
  let abs = 0;
  let smape = 0;
  let inside = 0;
  let n = 0;
  for (let i = 0; i < test.length; i++) {
    const y = test[i]!;
    if (Number.isNaN(y)) continue;
    const e = Math.abs(y - mean[i]!);
    abs += e;
    const denom = Math.abs(y) + Math.abs(mean[i]!);
    smape += denom === 0 ? 0 : (200 * e) / denom;
    if (y >= lower[i]! && y <= upper[i]!) inside++;
    n++;
  }
  if (n === 0) return { mase: Number.NaN, smape: Number.NaN, coverage: Number.NaN };
  return { mase: abs / n / naiveScale(train, period), smape: smape / n, coverage: (100 * inside) / n };
}

export function meanScores(all: Scores[]): Scores {
  const avg = (pick: (s: Scores) => number) => all.reduce((sum, s) => sum + pick(s), 0) / all.length;
  return { mase: avg((s) => s.mase), smape: avg((s) => s.smape), coverage: avg((s) => s.coverage) };
}
