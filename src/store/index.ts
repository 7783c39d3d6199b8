export { ModelStore } from './model-store.ts';
export type { JobStore, JobFilter } from './job-store.ts';
export type { ModelQuery } from './model-query.ts';
export type { Labels, LabelChanges } from './labels.ts';
export { SCHEMA_VERSION } from './migrations.ts';
export { concatSeries } from './observation-store.ts';
export type { IdempotencyStore, StoredAnswer } from './idempotency-store.ts';
export type {
  JobError,
  JobRecord,
  JobState,
  ModelEntry,
  ModelRecord,
  NewDeployment,
  NewObservations,
  NewVersion,
  ObservationChunk,
  PublishedFit,
  TimeIndex,
  VersionRecord,
  VersionState,
  VersionSummary,
} from './types.ts';
export { acquireWriterLock, DatabaseLockedError } from './writer-lock.ts';
export type { LockHolder, WriterLock } from './writer-lock.ts';
export { StoreOpenError } from './open-error.ts';
export { backupDatabase } from './backup.ts';
export { StoreUnavailableError, storeFailure } from './store-errors.ts';
