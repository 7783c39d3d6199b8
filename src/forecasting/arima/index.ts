export { arimaKind } from './kind.ts';
export type { ArimaParams } from './kind.ts';
export type { ArimaSpec } from './spec.ts';
export { autoArimaKind } from './auto/kind.ts';
