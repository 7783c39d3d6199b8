/** Options of the `harmonic` kind. */
import { invalidSpec } from '../errors.ts';
import { intOption, periodsOption, rejectUnknown, type Options } from '../options.ts';
import { regressorsOption, type Regressors } from '../arima/regressors.ts';
import { maxHarmonics } from './fourier.ts';

export interface HarmonicSpec {
  /** The seasonal periods, ascending (one at least); non-integer ones are exact. */
  period: number[];
  /** Harmonics per period; null: chosen by AICc, the same K for every period (capped at floor(m/2)). */
  K: number[] | null;
  /** Largest K tried when K is chosen. */
  maxK: number;
  regressors?: Regressors;
}

export function parseHarmonicSpec(input: Options): HarmonicSpec {
  rejectUnknown(input, ['period', 'K', 'maxK', 'regressors']);
  const period = periodsOption(input);
  if (period.length === 0) throw invalidSpec('period', 'harmonic needs at least one seasonal period > 1 (e.g. 7, [48, 336] or 365.25)');
  const maxK = intOption(input, 'maxK', { min: 1, max: 50 }, 5);
  let K: number[] | null = null;
  if (input.K !== undefined && input.K !== null) {
    const list = Array.isArray(input.K) ? input.K : [input.K];
    if (list.length !== period.length) throw invalidSpec('K', `K needs one value per period (${period.length})`);
    K = list.map((k, i) => {
      const cap = maxHarmonics(period[i]!);
      if (typeof k !== 'number' || !Number.isInteger(k) || k < 1 || k > cap) throw invalidSpec('K', `K for period ${period[i]} must be an integer from 1 to ${cap}`);
      return k;
    });
  }
  const regressors = regressorsOption(input);
  return { period, K, maxK, ...(regressors ? { regressors } : {}) };
}
