/** Options of the `arima` kind and the checks that run before any fitting. */
import { invalidSpec, unfittable } from '../errors.ts';
import { boolOption, intTupleOption, periodOption, rejectUnknown, type Options } from '../options.ts';
import { difference, nreg, type Structure } from './structure.ts';
import { regressorsOption, type Regressors } from './regressors.ts';

export interface ArimaSpec {
  order: [number, number, number];
  seasonalOrder: [number, number, number];
  period: number;
  includeMean: boolean;
  includeDrift: boolean;
  /** External regressors aligned with the data (regression with ARIMA errors); absent without. */
  regressors?: Regressors;
}

/** Largest state dimension accepted: the fitted covariance is stored, r x r numbers. */
export const MAX_STATE = 1200;

export function parseArimaSpec(input: Options): ArimaSpec {
  rejectUnknown(input, ['order', 'seasonalOrder', 'period', 'includeMean', 'includeDrift', 'regressors']);
  const order = intTupleOption(input, 'order', 3, { min: 0, max: 10 }, [0, 0, 0]) as [number, number, number];
  if (order[1]! > 2) throw invalidSpec('order', 'order d (differences) must be at most 2');
  const seasonalOrder = intTupleOption(input, 'seasonalOrder', 3, { min: 0, max: 3 }, [0, 0, 0]) as [number, number, number];
  if (seasonalOrder[1]! > 2) throw invalidSpec('seasonalOrder', 'seasonalOrder D must be at most 2');
  const period = periodOption(input);
  const seasonal = seasonalOrder.some((v) => v > 0);
  if (seasonal && period < 2) throw invalidSpec('period', 'a seasonal order needs period >= 2');
  const diffs = order[1] + (seasonal ? seasonalOrder[1] : 0);
  const includeDrift = boolOption(input, 'includeDrift', false);
  if (includeDrift && diffs !== 1) throw invalidSpec('includeDrift', 'drift needs exactly one difference (d + D = 1)');
  if (input.includeMean === true && diffs > 0) {
    throw invalidSpec('includeMean', 'a mean is only estimable without differencing (d + D = 0)');
  }
  const includeMean = diffs === 0 && boolOption(input, 'includeMean', true);
  const regressors = regressorsOption(input);
  const s = structureOf({ order, seasonalOrder, period, includeMean, includeDrift, ...(regressors ? { regressors } : {}) });
  if (Math.max(s.p + s.m * s.P, s.q + s.m * s.Q + 1) > MAX_STATE) {
    throw invalidSpec('seasonalOrder', `state dimension max(p + P*period, q + Q*period + 1) must be at most ${MAX_STATE}`);
  }
  return { order: [...order], seasonalOrder: [...seasonalOrder], period, includeMean, includeDrift, ...(regressors ? { regressors } : {}) };
}

export function structureOf(spec: ArimaSpec): Structure {
  const [p, d, q] = spec.order;
  const seasonal = spec.seasonalOrder.some((v) => v > 0);
  const [P, D, Q] = seasonal ? spec.seasonalOrder : [0, 0, 0];
  return {
    p,
    d,
    q,
    P,
    D,
    Q,
    m: seasonal ? spec.period : 1,
    reg: spec.includeDrift ? 'drift' : spec.includeMean ? 'intercept' : 'none',
    ...(spec.regressors ? { xreg: Object.keys(spec.regressors) } : {}),
  };
}

/** Throws unfittable unless the series leaves more usable differenced values than parameters. */
/** Observed (non-missing) values; refuses infinities and series with nothing observed. */
export function countObserved(y: Float64Array): number {
  let present = 0;
  for (let i = 0; i < y.length; i++) {
    const v = y[i]!;
    if (v === Infinity || v === -Infinity) throw unfittable(`value at index ${i} is not finite`);
    if (!Number.isNaN(v)) present++;
  }
  if (present === 0) throw unfittable('all values are missing');
  return present;
}

export function checkSeries(y: Float64Array, s: Structure): void {
  countObserved(y);
  const k = s.p + s.q + s.P + s.Q + nreg(s);
  const dy = difference(y, s.d, s.D, s.m);
  const ncond = s.p + s.P * s.m;
  let usable = 0;
  for (let i = ncond; i < dy.length; i++) if (!Number.isNaN(dy[i]!)) usable++;
  let first = NaN;
  let constant = true;
  for (let i = 0; i < dy.length && constant; i++) {
    const v = dy[i]!;
    if (Number.isNaN(v)) continue;
    if (Number.isNaN(first)) first = v;
    else if (v !== first) constant = false;
  }
  if (constant && (k > 0 || first === 0)) {
    throw unfittable('the series is constant after differencing: the likelihood has no maximum (use a baseline kind)');
  }
  if (usable <= k) {
    throw unfittable(
      `too few observations: ${usable} usable after differencing${ncond ? ` and ${ncond} AR lags` : ''}, need more than the ${k} coefficients`,
    );
  }
}
