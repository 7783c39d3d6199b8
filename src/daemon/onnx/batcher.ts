import { SERVED_TYPES, type InputTensor } from '../../onnx/index.ts';
import type { InferOutput } from '../../pool/index.ts';
import { ApiError } from '../errors.ts';
import type { ServiceEventBus } from '../events.ts';
import type { InferRunner, InferTarget } from './infer-service.ts';
import { concatRows, splitRows } from './rows.ts';

export interface BatchLimits {
  /** How long the first request of a batch waits for others. */
  delayMs: number;
  /** Rows in one batch at most (rows, not requests). */
  maxRows: number;
}

interface Waiting {
  inputs: InputTensor[];
  rows: number;
  resolve: (outputs: InferOutput[]) => void;
  reject: (err: unknown) => void;
}

interface Batch {
  target: InferTarget;
  outputs: string[];
  waiting: Waiting[];
  rows: number;
  timer?: NodeJS.Timeout;
}

/**
 * A model can be batched when every input and output has a dynamic first dimension: requests are then
 * concatenated along it and the outputs split back by each request's rows.
 */
function batchable(target: InferTarget): boolean {
  const all = [...target.signature.inputs, ...target.signature.outputs];
  return all.every((t) => t.shape.length > 0 && t.shape[0] === -1);
}

/** Requests share a batch only with the same version, outputs, datatypes and non-batch dimensions. */
function batchKey(target: InferTarget, inputs: InputTensor[], outputs: string[]): string {
  const dims = inputs.map((t) => `${t.datatype}[${t.shape.slice(1).join(',')}]`).join(';');
  return `${target.model}@${target.version}|${outputs.join(',')}|${dims}`;
}

/**
 * Dynamic batching: infers of the same model and version that arrive within `delayMs` run as one
 * session.run of up to `maxRows` rows. A batch that fails is run again request by request, so each
 * request gets its own result or its own error.
 */
export class Batcher implements InferRunner {
  private readonly open = new Map<string, Batch>();

  constructor(
    private readonly direct: InferRunner,
    private readonly events: ServiceEventBus,
    private readonly limits: BatchLimits,
  ) {}

  /** Models with an open batch. */
  get modelsWaiting(): string[] {
    return [...new Set([...this.open.values()].map((b) => b.target.model))];
  }

  /** Requests of a model waiting in an open batch (for the queue-depth metric). */
  waitingFor(model: string): number {
    let n = 0;
    for (const b of this.open.values()) if (b.target.model === model) n += b.waiting.length;
    return n;
  }

  run(target: InferTarget, inputs: InputTensor[], outputs: string[]): Promise<InferOutput[]> {
    const rows = inputs[0]?.shape[0] ?? 0;
    const sameRows = inputs.every((t) => t.shape[0] === rows);
    if (this.limits.delayMs === 0 || !batchable(target) || !sameRows || rows === 0 || rows >= this.limits.maxRows) {
      return this.runAlone(target, inputs, outputs);
    }
    const key = batchKey(target, inputs, outputs);
    let batch = this.open.get(key);
    if (batch && batch.rows + rows > this.limits.maxRows) {
      this.flush(key, batch);
      batch = undefined;
    }
    if (!batch) {
      batch = { target, outputs, waiting: [], rows: 0 };
      this.open.set(key, batch);
      const started = batch;
      batch.timer = setTimeout(() => this.flush(key, started), this.limits.delayMs);
    }
    const answer = new Promise<InferOutput[]>((resolve, reject) => batch.waiting.push({ inputs, rows, resolve, reject }));
    batch.rows += rows;
    if (batch.rows === this.limits.maxRows) this.flush(key, batch);
    return answer;
  }

  private runAlone(target: InferTarget, inputs: InputTensor[], outputs: string[]): Promise<InferOutput[]> {
    const rows = inputs[0]?.shape[0] ?? 0;
    this.events.emitEvent('infer.batched', { model: target.model, version: target.version, rows, requests: 1 });
    return this.direct.run(target, inputs, outputs);
  }

  private flush(key: string, batch: Batch): void {
    clearTimeout(batch.timer);
    if (this.open.get(key) === batch) this.open.delete(key);
    if (batch.waiting.length === 1) {
      const only = batch.waiting[0]!;
      this.runAlone(batch.target, only.inputs, batch.outputs).then(only.resolve, only.reject);
      return;
    }
    void this.runTogether(batch);
  }

  private async runTogether(batch: Batch): Promise<void> {
    const { target, outputs, waiting } = batch;
    const parts = waiting.map((w) => w.inputs);
    const inputs = parts[0]!.map((first, i) => concatRows(first, parts.map((p) => p[i]!), SERVED_TYPES[first.datatype].alloc));
    this.events.emitEvent('infer.batched', { model: target.model, version: target.version, rows: batch.rows, requests: waiting.length });
    let result: InferOutput[];
    try {
      result = await this.direct.run(target, inputs, outputs);
    } catch (err) {
      // onnxruntime refused the batch: find out which request it was by running each on its own.
      if (err instanceof ApiError && err.code === 'MODELAPI_ERR_INFER_FAILED') {
        for (const w of waiting) this.runAlone(target, w.inputs, outputs).then(w.resolve, w.reject);
      } else {
        for (const w of waiting) w.reject(err);
      }
      return;
    }
    try {
      const split = splitRows(result, waiting.map((w) => w.rows));
      waiting.forEach((w, i) => w.resolve(split[i]!));
    } catch (err) {
      for (const w of waiting) w.reject(err);
    }
  }
}
