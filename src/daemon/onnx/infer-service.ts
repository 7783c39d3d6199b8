import { InferInputError, checkInputs, checkOutputs, type InputTensor, type OipRequest } from '../../onnx/index.ts';
import type { InferOutput, WorkerPools } from '../../pool/index.ts';
import type { ModelStore } from '../../store/index.ts';
import { ApiError } from '../errors.ts';
import type { ServiceEventBus } from '../events.ts';
import type { ModelLocks } from '../models/model-locks.ts';
import { checkModelName } from '../models/model-name.ts';
import { kindConflict } from '../models/kind-conflict.ts';
import type { OnnxVersion, OnnxVersions } from './onnx-versions.ts';
import { workerFailure } from './worker-errors.ts';

/** A request's inputs decoded and checked against a signature, and the outputs to return. */
export interface CheckedInfer {
  inputs: InputTensor[];
  outputs: string[];
}

/** The version an infer runs on, and the model's current version when it was chosen. */
export interface InferTarget extends OnnxVersion {
  current: number;
}

/** Runs checked inputs on a target: straight to the pool, or through the dynamic batcher. */
export interface InferRunner {
  run(target: InferTarget, inputs: InputTensor[], outputs: string[]): Promise<InferOutput[]>;
}

/** The runner without batching: one pool task per request. */
export class DirectRunner implements InferRunner {
  // Sessions each forecast-pool worker reported holding after its last run, by thread id.
  private readonly sessionsByWorker = new Map<number, number>();

  constructor(private readonly pools: WorkerPools) {}

  /** Live onnxruntime sessions in the pool, as the workers last reported them. */
  sessions(): number {
    let n = 0;
    for (const v of this.sessionsByWorker.values()) n += v;
    return n;
  }

  async run(target: InferTarget, inputs: InputTensor[], outputs: string[]): Promise<InferOutput[]> {
    let result;
    try {
      result = await this.pools.infer({ op: 'infer', model: target.model, version: target.version, current: target.current, inputs, outputs });
    } catch (err) {
      throw workerFailure(err, 'running the model');
    }
    if (!result.ok) throw new ApiError('MODELAPI_ERR_INFER_FAILED', result.message);
    this.sessionsByWorker.set(result.threadId, result.sessions);
    return result.outputs;
  }
}

/** Parses a route's version segment; anything but a positive integer names no version. */
export function parseVersion(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(n) || n < 1) throw versionNotFound(name, text);
  return n;
}

const versionNotFound = (name: string, v: number | string) =>
  ApiError.field('MODELAPI_ERR_VERSION_NOT_FOUND', 'version', `model '${name}' has no ready version ${v}`);

/**
 * Inference orchestration: the model's read lock to choose the version (an infer that arrives during a
 * deploy waits for it, exactly as forecasts wait for fits), the checks against that version's signature
 * before anything reaches onnxruntime, then the run.
 */
export class InferService {
  constructor(
    private readonly store: ModelStore,
    private readonly locks: ModelLocks,
    private readonly versions: OnnxVersions,
    private readonly runner: InferRunner,
    private readonly lockTimeoutMs: number,
    private readonly events: ServiceEventBus,
  ) {}

  /** The version to run: `version` if given (it must be ready), else the current one. */
  async target(name: string, version?: number): Promise<InferTarget> {
    checkModelName(name);
    const current = await this.locks.readSync(name, this.lockTimeoutMs, () => this.versions.current(name));
    if (!current) {
      const kind = this.store.modelKind(name);
      if (kind === undefined) throw ApiError.field('MODELAPI_ERR_MODEL_NOT_FOUND', 'model', `no model named '${name}'`);
      throw kindConflict(name, kind);
    }
    if (version === undefined || version === current.version) return { ...current, current: current.version };
    const chosen = this.versions.get(name, version);
    if (!chosen) throw versionNotFound(name, version);
    return { ...chosen, current: current.version };
  }

  /** Checks the request against the target's signature (before anything reaches onnxruntime). */
  check(target: InferTarget, req: OipRequest, binary?: Uint8Array): CheckedInfer {
    try {
      return { inputs: checkInputs(target.signature, req, binary), outputs: checkOutputs(target.signature, req) };
    } catch (err) {
      if (err instanceof InferInputError) throw new ApiError('MODELAPI_ERR_INVALID_INPUT', err.message, { fields: { inputs: err.message } });
      throw err;
    }
  }

  /** Runs checked inputs (through the batcher when it is on). */
  async run(target: InferTarget, checked: CheckedInfer): Promise<InferOutput[]> {
    const started = performance.now();
    let ok = false;
    try {
      const result = await this.runner.run(target, checked.inputs, checked.outputs);
      ok = true;
      return result;
    } finally {
      this.events.emitEvent('infer.finished', { model: target.model, ms: performance.now() - started, ok });
    }
  }

  /** check, then run. */
  infer(target: InferTarget, req: OipRequest, binary?: Uint8Array): Promise<InferOutput[]> {
    return this.run(target, this.check(target, req, binary));
  }
}
