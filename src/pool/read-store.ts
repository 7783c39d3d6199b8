import { ModelStore } from '../store/index.ts';

// Opened on first use: fit workers never need it, and the file may not exist before the first fit.
let store: ModelStore | undefined;

/** The worker's read-only connection to the model database. */
export function readStore(dbPath: string): ModelStore {
  return (store ??= ModelStore.open(dbPath, { readonly: true }));
}
