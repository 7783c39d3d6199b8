export { ModelStore } from './model-store.ts';
export { SCHEMA_VERSION } from './migrations.ts';
export type {
  ModelRecord,
  NewDeployment,
  NewVersion,
  PublishedFit,
  VersionRecord,
  VersionState,
  VersionSummary,
} from './types.ts';
