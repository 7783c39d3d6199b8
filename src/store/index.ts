export { ModelStore } from './model-store.ts';
export type { JobStore, JobFilter } from './job-store.ts';
export type { ModelQuery } from './model-query.ts';
export type { Labels, LabelChanges } from './labels.ts';
export { SCHEMA_VERSION } from './migrations.ts';
export type {
  JobError,
  JobRecord,
  JobState,
  ModelRecord,
  NewVersion,
  PublishedFit,
  VersionRecord,
  VersionState,
  VersionSummary,
} from './types.ts';
