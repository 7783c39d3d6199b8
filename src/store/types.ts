export type VersionState = 'fitting' | 'ready' | 'failed';

export interface VersionSummary {
  model: string;
  version: number;
  kind: string;
  spec: Record<string, unknown>;
  state: VersionState;
  error: string | null;
  metrics: Record<string, unknown> | null;
  /** Observations in the version's series now: the ones it was fitted on plus those appended since. */
  nObs: number;
  /** Observations the version was fitted on. */
  nFit: number;
  timeIndex: TimeIndex | null;
  fitMs: number | null;
  hash: string;
  createdAt: string;
  finishedAt: string | null;
}

/**
 * A regular time axis, stored as three values instead of a timestamp per point: point i is `i * step`
 * units after `startMs` (epoch ms, UTC); the unit is milliseconds or calendar months (same day of the
 * month and time of day, or the last day of each month).
 */
export interface TimeIndex {
  startMs: number;
  step: number;
  unit: 'ms' | 'month' | 'month-end';
}

export interface VersionRecord extends VersionSummary {
  params: unknown;
  /** The stored params' JSON length: what the caches count the params as, without serializing them again. */
  paramsLength: number;
  /** The training series (nFit points); appended points are read with `appendedChunks`. */
  series: Float64Array;
}

/** One append: the points, and the version's series length after them. */
export interface ObservationChunk {
  endObs: number;
  points: Float64Array;
}

export interface NewObservations extends ObservationChunk {
  model: string;
  version: number;
}

export interface ModelRecord {
  name: string;
  labels: Record<string, string>;
  currentVersion: number | null;
  /** When a background refit is due: after N appended observations, or after a duration. */
  refitPolicy: { every: number } | { after: string } | null;
  versions: number;
  createdAt: string;
  updatedAt: string;
}

/** What a registry row shows of a model's current version. */
export type CurrentSummary = Pick<VersionSummary, 'version' | 'kind' | 'spec' | 'metrics' | 'nObs' | 'fitMs'>;

/** A model read with its current version's summary (registry pages). */
export interface ModelEntry extends ModelRecord {
  current: CurrentSummary | null;
}

export interface NewVersion {
  model: string;
  kind: string;
  spec: Record<string, unknown>;
  series: Float64Array;
  hash: string;
  /** Label changes applied with the new version (string sets, null removes). */
  labels?: Record<string, string | null>;
  timeIndex?: TimeIndex | null;
}

export interface PublishedFit {
  params: unknown;
  metrics: Record<string, unknown>;
  fitMs: number;
}

export interface NewDeployment {
  model: string;
  kind: string;
  /** The signature and the caller's metadata. */
  spec: Record<string, unknown>;
  metrics: Record<string, unknown>;
  bytes: Uint8Array;
  hash: string;
  /** How long validating (loading) the file took. */
  loadMs: number;
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
