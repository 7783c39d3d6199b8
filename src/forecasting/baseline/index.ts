export { naiveKind } from './naive.ts';
export { snaiveKind } from './snaive.ts';
export { meanKind } from './mean.ts';
export { driftKind } from './drift.ts';
export type { BaselineSpec } from './common.ts';
export type { LagWalkParams } from './lagwalk.ts';
export type { MeanParams } from './mean.ts';
