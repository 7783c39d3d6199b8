import type { ModelKind } from './types.ts';
import { invalidSpec } from './errors.ts';
import { naiveKind, snaiveKind, meanKind, driftKind } from './baseline/index.ts';
import { thetaKind } from './theta/index.ts';
import { arimaKind, autoArimaKind } from './arima/index.ts';

// Registration order is the order the API lists kinds in.
const builtIn: ModelKind<any, any>[] = [autoArimaKind, arimaKind, thetaKind, naiveKind, snaiveKind, meanKind, driftKind];

const kinds = new Map<string, ModelKind<any, any>>(builtIn.map((k) => [k.name, k]));

/** The kind used when a fit names none: automatic ARIMA order selection (until an `auto` kind chooses among kinds). */
export const DEFAULT_KIND = 'auto_arima';

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
