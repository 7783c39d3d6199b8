/**
 * Number of first differences by repeated KPSS level-stationarity tests, as forecast::ndiffs
 * (test = "kpss", alpha = 0.05): urca's statistic with Bartlett lag trunc(3 sqrt(n) / 13), p-value
 * interpolated in the 10/5/2.5/1% critical values (0.347, 0.463, 0.574, 0.739), difference while p < alpha.
 */
import { observedValues } from '../../stats.ts';

export function isConstant(x: ArrayLike<number>): boolean {
  for (let i = 1; i < x.length; i++) if (x[i] !== x[0]) return false;
  return true;
}

export function kpssStatistic(x: ArrayLike<number>): number {
  const n = x.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += x[i]!;
  mean /= n;
  const e = new Float64Array(n);
  for (let i = 0; i < n; i++) e[i] = x[i]! - mean;
  let cum = 0;
  let eta = 0;
  for (let i = 0; i < n; i++) {
    cum += e[i]!;
    eta += cum * cum;
  }
  const lag = Math.trunc((3 * Math.sqrt(n)) / 13);
  let s2 = 0;
  for (let i = 0; i < n; i++) s2 += e[i]! * e[i]!;
  for (let l = 1; l <= lag; l++) {
    let acc = 0;
    for (let t = l; t < n; t++) acc += e[t]! * e[t - l]!;
    s2 += 2 * (1 - l / (lag + 1)) * acc;
  }
  s2 /= n;
  return eta / (n * n) / s2;
}

const CVAL = [0.347, 0.463, 0.574, 0.739];
const LEVELS = [0.1, 0.05, 0.025, 0.01];

/** urca_pval: linear interpolation, clamped at the ends (R's approx(rule = 2)). */
export function kpssPValue(stat: number): number {
  if (stat <= CVAL[0]!) return LEVELS[0]!;
  if (stat >= CVAL[3]!) return LEVELS[3]!;
  for (let i = 0; i < 3; i++) {
    if (stat <= CVAL[i + 1]!) {
      const f = (stat - CVAL[i]!) / (CVAL[i + 1]! - CVAL[i]!);
      return LEVELS[i]! + f * (LEVELS[i + 1]! - LEVELS[i]!);
    }
  }
  return LEVELS[3]!;
}

export function ndiffs(series: ArrayLike<number>, maxD = 2, alpha = 0.05): number {
  let x = observedValues(series);
  let d = 0;
  if (x.length < 2 || isConstant(x)) return 0;
  const test = (v: Float64Array) => {
    const stat = kpssStatistic(v);
    return Number.isFinite(stat) ? kpssPValue(stat) < alpha : false;
  };
  let dodiff = test(x);
  while (dodiff && d < maxD) {
    d++;
    x = x.slice(1).map((v, i) => v - x[i]!);
    if (x.length < 2 || isConstant(x)) return d;
    dodiff = test(x);
  }
  return d;
}
