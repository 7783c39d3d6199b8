/** Messages between the daemon and its workers. */
import type { BacktestPlan, Candidate, CandidateResult } from '../forecasting/index.ts';
import type { InputTensor, Signature, TypedArray } from '../onnx/index.ts';

export interface FitTask {
  op: 'fit';
  kind: string;
  spec: Record<string, unknown>;
  series: Float64Array;
}

export interface ForecastTask {
  op: 'forecast';
  model: string;
  version: number;
  /** The version's state after this many observations (appended ones included) is what is forecast. */
  nObs: number;
  h: number;
  levels: number[];
  /** How many of the training series' last values to return beside the forecast. */
  history: number;
  /** Future values of the model's regressors (POST forecast), by name. */
  regressors?: Record<string, number[]>;
}

export interface BacktestTask {
  op: 'backtest';
  series: Float64Array;
  plan: BacktestPlan;
  candidates: Candidate[];
}

export type BacktestResult = { ok: true; results: CandidateResult[] } | TaskFailure;

/**
 * Loads the worker's modules; sent once per thread at start-up so no request pays for that. With
 * `exercise`, the thread then runs that step of the engine's warm-up (src/forecasting/warm-up.ts).
 */
export interface WarmUpTask {
  op: 'warm-up';
  exercise?: number;
}

/** Loads an ONNX file to check it and read its signature (in the fit pool: it may take a while). */
export interface OnnxValidateTask {
  op: 'onnx-validate';
  bytes: Uint8Array;
}

export type OnnxValidateResult = { ok: true; signature: Signature; loadMs: number } | TaskFailure;

/** Runs a deployed version on inputs already checked against its signature. */
export interface InferTask {
  op: 'infer';
  model: string;
  version: number;
  /** The model's current version when the task was sent: sessions of other versions are released. */
  current: number;
  inputs: InputTensor[];
  outputs: string[];
}

export interface InferOutput {
  name: string;
  datatype: string;
  shape: number[];
  data: TypedArray;
}

/** `sessions`: how many sessions the worker (`threadId`) holds after this run, for the status. */
export type InferResult = { ok: true; outputs: InferOutput[]; sessions: number; threadId: number } | TaskFailure;

export type Task = FitTask | ForecastTask | BacktestTask | WarmUpTask | OnnxValidateTask | InferTask;

/** An expected failure (bad data for the kind, optimiser breakdown): reported, not thrown. */
export interface TaskFailure {
  ok: false;
  code: string;
  message: string;
  field?: string;
}

export interface FitOutput {
  ok: true;
  params: unknown;
  metrics: Record<string, unknown>;
  fitMs: number;
}

export interface ForecastOutput {
  ok: true;
  /**
   * JSON text of `{forecast, intervals, history?}` (non-finite numbers as null). Serialising in the
   * worker keeps the broker thread free: turning ~2,500 doubles into text is most of a forecast's cost.
   */
  json: string;
}

export type FitResult = FitOutput | TaskFailure;
export type ForecastResult = ForecastOutput | TaskFailure;

/** What every worker is started with. */
export interface WorkerConfig {
  dbPath: string;
  /** Optional module exporting `kinds: ModelKind[]` to register (plugins, test kinds). */
  kindsModule?: string;
  /** Fitted models kept per worker, by (model, version): at most this many, and at most cacheBytes. */
  cacheSize: number;
  cacheBytes: number;
  /** Idle ONNX sessions kept open per worker. */
  sessions: number;
  /** The worker module bundled as plain JavaScript (a file URL), when there is one; see worker-bundle.ts. */
  bundle?: string;
  /** The thread's nice value (Linux): fit and bulk threads run below forecasts and the HTTP thread. */
  nice?: number;
}
