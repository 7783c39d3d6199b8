import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { registerKind, kindNames, type ModelKind } from '../forecasting/index.ts';

/**
 * Loads extra model kinds from a module that exports `kinds: ModelKind[]`. The daemon and every worker
 * load the same module so that both validate and fit with the same definitions.
 */
export async function loadKindsModule(path: string | undefined): Promise<void> {
  if (!path) return;
  const mod = (await import(pathToFileURL(resolve(path)).href)) as { kinds?: ModelKind[] };
  if (!Array.isArray(mod.kinds)) throw new Error(`${path} does not export 'kinds' (an array of model kinds)`);
  const known = new Set(kindNames());
  for (const kind of mod.kinds) if (!known.has(kind.name)) registerKind(kind);
}
