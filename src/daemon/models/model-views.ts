import type { ModelEntry, ModelStore, VersionSummary } from '../../store/index.ts';
import type { ModelLocks } from './model-locks.ts';

/** What the registry routes, the status snapshot and the metrics show of a model. */
export function modelView(store: ModelStore, locks: ModelLocks, name: string) {
  const m = store.getModel(name);
  if (!m) return undefined;
  const current = m.currentVersion === null ? undefined : store.getVersionSummary(name, m.currentVersion);
  return viewOf({ ...m, current: current ?? null }, locks);
}

/** The view of a model read with its current version (one row of a registry page). */
export function viewOf(m: ModelEntry, locks: ModelLocks) {
  const current = m.current;
  const lock = locks.counts(m.name);
  return {
    name: m.name,
    labels: m.labels,
    currentVersion: m.currentVersion,
    kind: current?.kind ?? null,
    spec: current?.spec ?? null,
    metrics: current?.metrics ?? null,
    nObs: current?.nObs ?? null,
    fitMs: current?.fitMs ?? null,
    // 'failed': no fit of this model has succeeded yet (its versions say why), so there is nothing to serve.
    state: lock.writerActive ? ('fitting' as const) : m.currentVersion === null ? ('failed' as const) : ('ready' as const),
    versions: m.versions,
    refit: m.refitPolicy,
    lock,
    createdAt: m.createdAt,
    updatedAt: m.updatedAt,
  };
}

export type ModelView = ReturnType<typeof viewOf>;

export function listModelViews(store: ModelStore, locks: ModelLocks, page?: { limit: number; offset: number }): ModelView[] {
  return store.listModels(page).map((m) => viewOf(m, locks));
}

export function listVersions(store: ModelStore, name: string): VersionSummary[] | undefined {
  return store.getModel(name) ? store.listVersions(name) : undefined;
}
