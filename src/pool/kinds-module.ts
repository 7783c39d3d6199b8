import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { registerKind, kindNames, type ModelKind } from '../forecasting/index.ts';

/**
 * Loads extra model kinds from a module that exports `kinds: ModelKind[]`. The daemon and every worker
 * load the same module so that both validate and fit with the same definitions. A TypeScript module
 * is loaded through tsx, registered in this thread for it alone (worker threads do not inherit the
 * main thread's hooks on Node 20); the rest of the daemon keeps running from its bundle. Its imports
 * of the engine are a second copy of the sources: the registry below is the daemon's own, and
 * EngineError is recognised across copies (forecasting/errors.ts).
 */
export async function loadKindsModule(path: string | undefined): Promise<void> {
  if (!path) return;
  if (/\.[cm]?tsx?$/.test(path)) await registerTsx();
  const mod = (await import(pathToFileURL(resolve(path)).href)) as { kinds?: ModelKind[] };
  if (!Array.isArray(mod.kinds)) throw new Error(`${path} does not export 'kinds' (an array of model kinds)`);
  const known = new Set(kindNames());
  for (const kind of mod.kinds) if (!known.has(kind.name)) registerKind(kind);
}

let tsx: Promise<void> | undefined;
function registerTsx(): Promise<void> {
  return (tsx ??= import('tsx/esm/api').then(({ register }) => {
    register();
  }));
}
