import type { ModelKind } from './types.ts';
import { invalidSpec } from './errors.ts';
import { naiveKind, snaiveKind, meanKind, driftKind } from './baseline/index.ts';
import { thetaKind } from './theta/index.ts';
import { arimaKind, autoArimaKind } from './arima/index.ts';
import { makeAutoKind } from './auto/kind.ts';
import { etsKind } from './ets/index.ts';
import { mstlKind } from './mstl/index.ts';
import { harmonicKind } from './harmonic/index.ts';

// Registration order is the order the API lists kinds in.
const builtIn: ModelKind<any, any>[] = [autoArimaKind, arimaKind, etsKind, mstlKind, harmonicKind, thetaKind, naiveKind, snaiveKind, meanKind, driftKind];

const kinds = new Map<string, ModelKind<any, any>>(builtIn.map((k) => [k.name, k]));
// auto chooses among the other kinds, so it looks them up here rather than importing the registry.
const autoKind = makeAutoKind((name) => kinds.get(name));
kinds.set(autoKind.name, autoKind);

/** The kind used when a fit names none: auto chooses among (or combines) the automatic kinds. */
export const DEFAULT_KIND = 'auto';

export function kindNames(): string[] {
  return [...kinds.keys()];
}

export function getKind(name: string): ModelKind<any, any> {
  const kind = kinds.get(name);
  if (!kind) throw invalidSpec('kind', `unknown kind '${name}' (known: ${kindNames().join(', ')})`);
  return kind;
}

/** Extra kinds (plugins, test kinds) are registered at start-up, before any fit. */
export function registerKind(kind: ModelKind<any, any>): void {
  if (kinds.has(kind.name)) throw new Error(`kind '${kind.name}' is already registered`);
  kinds.set(kind.name, kind);
}
