export { thetaKind } from './kind.ts';
export type { ThetaSpec } from './kind.ts';
export type { ThetaParams } from './model.ts';
