export { mstlKind } from './kind.ts';
