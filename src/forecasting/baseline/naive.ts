import { parseBaselineSpec } from './common.ts';
import { lagWalkKind } from './lagwalk-kind.ts';

/** R's naive(): the last observed value, carried forward; `period` is accepted and ignored. */
export const naiveKind = lagWalkKind(
  { name: 'naive', method: 'Naive method', drift: false, lagOf: () => 1 },
  parseBaselineSpec,
);
