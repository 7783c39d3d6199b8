export type VersionState = 'fitting' | 'ready' | 'failed';

export interface VersionSummary {
  model: string;
  version: number;
  kind: string;
  spec: Record<string, unknown>;
  state: VersionState;
  error: string | null;
  metrics: Record<string, unknown> | null;
  nObs: number;
  fitMs: number | null;
  hash: string;
  createdAt: string;
  finishedAt: string | null;
}

export interface VersionRecord extends VersionSummary {
  params: unknown;
  series: Float64Array;
}

export interface ModelRecord {
  name: string;
  labels: Record<string, string>;
  currentVersion: number | null;
  versions: number;
  createdAt: string;
  updatedAt: string;
}

export interface NewVersion {
  model: string;
  kind: string;
  spec: Record<string, unknown>;
  series: Float64Array;
  hash: string;
  /** Label changes applied with the new version (string sets, null removes). */
  labels?: Record<string, string | null>;
}

export interface PublishedFit {
  params: unknown;
  metrics: Record<string, unknown>;
  fitMs: number;
}

export type JobState = 'queued' | 'running' | 'succeeded' | 'failed';

/** Why a job failed: the same code and field the synchronous request would have answered with. */
export interface JobError {
  code: string;
  message: string;
  field?: string;
}

export interface JobRecord {
  id: string;
  type: string;
  model: string | null;
  state: JobState;
  progress: Record<string, unknown> | null;
  result?: unknown;
  error?: JobError;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  expiresAt: string | null;
}
