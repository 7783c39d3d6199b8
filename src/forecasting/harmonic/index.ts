export { harmonicKind } from './kind.ts';
