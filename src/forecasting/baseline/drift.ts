import { parseBaselineSpec } from './common.ts';
import { lagWalkKind } from './lagwalk-kind.ts';

/**
 * R's rwf(drift = TRUE): the last value plus h times the mean one-step change; intervals include the
 * drift's standard error. `period` is accepted and ignored.
 */
export const driftKind = lagWalkKind(
  { name: 'drift', method: 'Random walk with drift', drift: true, lagOf: () => 1 },
  parseBaselineSpec,
);
