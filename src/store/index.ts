export { ModelStore } from './model-store.ts';
export type { JobStore, JobFilter } from './job-store.ts';
export { SCHEMA_VERSION } from './migrations.ts';
export type {
  JobError,
  JobRecord,
  JobState,
  ModelRecord,
  NewDeployment,
  NewVersion,
  PublishedFit,
  VersionRecord,
  VersionState,
  VersionSummary,
} from './types.ts';
