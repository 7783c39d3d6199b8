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
  /** Runs the pool takes at once (its workers); more wait in its queue. */
  concurrency: number;
}

interface Waiting {
  inputs: InputTensor[];
  rows: number;
  resolve: (outputs: InferOutput[]) => void;
  reject: (err: unknown) => void;
}

interface Batch {
  key: string;
  target: InferTarget;
  outputs: string[];
  waiting: Waiting[];
  rows: number;
  /** When its first request came (the batcher's clock). */
  opened: number;
  /** Its delay is over but every worker was busy: it goes when a run ends, taking requests till then. */
  held: boolean;
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
 *
 * Two rules keep a busy daemon and its workers working at once (bench:onnx; docs/benchmarks.md,
 * "2026-12-07, evening: batches cut by time, and held while the workers are busy": 8–32% more rows/s):
 * - The delay is checked as each request arrives, not only by the timer: reading a burst of requests
 *   can keep the event loop from timers for longer than the delay, and every request read meanwhile
 *   joined the batch, so one batch held all 64 connections of a closed loop and the worker waited
 *   while the daemon read them, then the daemon while the worker ran. A request after the delay starts
 *   the next batch, which fills while the first runs.
 * - A batch whose delay ends while every worker is running goes when a run ends, and takes the
 *   requests that arrive until then (up to `maxRows`): sent at once it would only wait in the pool's
 *   queue, as a smaller run. The delay bounds how long a request waits for others, never how long it
 *   waits for a worker.
 */
export class Batcher implements InferRunner {
  private readonly open = new Map<string, Batch>();
  /** Batches held for a worker, oldest first. */
  private readonly held: Batch[] = [];
  /** Runs sent to the pool and not yet answered. */
  private running = 0;

  constructor(
    private readonly direct: InferRunner,
    private readonly events: ServiceEventBus,
    private readonly limits: BatchLimits,
    private readonly now: () => number = () => performance.now(),
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
      this.flush(batch);
      batch = undefined;
    } else if (batch && !batch.held && this.now() - batch.opened >= this.limits.delayMs) {
      this.delayOver(batch);
      if (!batch.held) batch = undefined;
    }
    if (!batch) {
      batch = { key, target, outputs, waiting: [], rows: 0, opened: this.now(), held: false };
      this.open.set(key, batch);
      const started = batch;
      batch.timer = setTimeout(() => this.delayOver(started), this.limits.delayMs);
    }
    const answer = new Promise<InferOutput[]>((resolve, reject) => batch.waiting.push({ inputs, rows, resolve, reject }));
    batch.rows += rows;
    if (batch.rows === this.limits.maxRows) this.flush(batch);
    return answer;
  }

  /** A batch's delay is over: it goes now if a worker is free, else it is held for the next one. */
  private delayOver(batch: Batch): void {
    if (batch.held || this.open.get(batch.key) !== batch) return;
    if (this.running < this.limits.concurrency) return this.flush(batch);
    batch.held = true;
    this.held.push(batch);
  }

  private runAlone(target: InferTarget, inputs: InputTensor[], outputs: string[]): Promise<InferOutput[]> {
    const rows = inputs[0]?.shape[0] ?? 0;
    this.events.emitEvent('infer.batched', { model: target.model, version: target.version, rows, requests: 1 });
    return this.counted(this.direct.run(target, inputs, outputs));
  }

  /** Counts a run while the pool has it; when it ends, the oldest held batch takes the free worker. */
  private counted<T>(run: Promise<T>): Promise<T> {
    this.running++;
    const ended = () => {
      this.running--;
      const next = this.held.shift();
      if (next) this.flush(next);
    };
    run.then(ended, ended);
    return run;
  }

  private flush(batch: Batch): void {
    clearTimeout(batch.timer);
    if (this.open.get(batch.key) === batch) this.open.delete(batch.key);
    // A held batch that filled goes before its turn: it leaves the queue of held ones.
    const i = batch.held ? this.held.indexOf(batch) : -1;
    if (i >= 0) this.held.splice(i, 1);
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
      result = await this.counted(this.direct.run(target, inputs, outputs));
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
