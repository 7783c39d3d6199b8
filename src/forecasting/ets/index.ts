export { etsKind } from './kind.ts';
export type { EtsParams } from './params.ts';
export type { EtsSpec } from './model-code.ts';
