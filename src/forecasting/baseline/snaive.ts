import { invalidSpec } from '../errors.ts';
import type { Options } from '../options.ts';
import { parseBaselineSpec, type BaselineSpec } from './common.ts';
import { lagWalkKind } from './lagwalk-kind.ts';

function parseSnaiveSpec(input: Options): BaselineSpec {
  const spec = parseBaselineSpec(input);
  // A seasonal naive with period 1 would silently be the naive method; make the caller say which.
  if (input.period === undefined || input.period === null) {
    throw invalidSpec('period', 'snaive needs a seasonal period (an integer of at least 2)');
  }
  if (spec.period < 2) throw invalidSpec('period', 'snaive needs period of at least 2');
  return spec;
}

/** R's snaive(): the last observed value at each seasonal position, repeated. */
export const snaiveKind = lagWalkKind(
  { name: 'snaive', method: 'Seasonal naive method', drift: false, lagOf: (spec) => spec.period },
  parseSnaiveSpec,
);
