import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BroadcastChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import { projectRoot } from '../bundles.mjs';
import { Admission } from './admission.ts';
import { QueueFullError } from './queue-full.ts';
import { EVICT_CHANNEL } from './model-cache.ts';
import type {
  BacktestResult, BacktestTask, FitResult, FitTask, ForecastResult, ForecastTask, InferResult, InferTask, OnnxValidateResult, OnnxValidateTask,
  WorkerConfig,
} from './tasks.ts';

export interface PoolOptions extends Omit<WorkerConfig, 'nice'> {
  fitWorkers: number;
  forecastWorkers: number;
  /** Threads for bulk fits (POST /v1/fits); started on first use, stopped when idle. */
  bulkWorkers: number;
  /** Tasks allowed to wait for a thread, per pool, before callers get "queue full". */
  maxQueue: number;
  /** Fits and backtests allowed to wait for a fit thread, by count and by their series' bytes. */
  maxQueuedFits: number;
  maxQueuedFitBytes: number;
}

export interface PoolStats {
  threads: number;
  busy: number;
  queued: number;
  completed: number;
  failed: number;
}

// From the project root, not import.meta.url: this module may run from a bundle elsewhere (src/bundles.mjs).
const workerFile = pathToFileURL(join(projectRoot, 'src', 'pool', 'worker-entry.mjs')).href;

export { QueueFullError } from './queue-full.ts';

// Fit and bulk threads yield the CPU to forecasts and to the HTTP thread when the cores are busy (see
// thread-priority.ts); on an idle machine a fit runs as fast as before.
const FIT_NICE = 10;

class Pool {
  readonly piscina: Piscina;
  private failed = 0;
  // Counted here, not taken from Piscina, whose count includes the start-up warm-up tasks.
  private completed = 0;
  // Tasks handed to Piscina and not yet settled (running or queued inside it).
  private inFlight = 0;

  constructor(
    readonly name: string,
    private readonly threads: number,
    opts: PoolOptions,
    { onDemand = false, tasksPerThread = 1, nice = 0 }: { onDemand?: boolean; tasksPerThread?: number; nice?: number } = {},
  ) {
    const workerData: WorkerConfig = {
      dbPath: opts.dbPath, kindsModule: opts.kindsModule, cacheSize: opts.cacheSize, cacheBytes: opts.cacheBytes, sessions: opts.sessions, bundle: opts.bundle, nice,
    };
    this.piscina = new Piscina({
      filename: workerFile,
      // An on-demand pool holds no threads (nor their memory) until work comes, and lets them go after.
      minThreads: onDemand ? 0 : threads,
      maxThreads: threads,
      maxQueue: opts.maxQueue,
      // Fits may run for minutes; their time is bounded by the caller's abort signal, not by Piscina.
      idleTimeout: onDemand ? 30_000 : Number.POSITIVE_INFINITY,
      workerData,
      concurrentTasksPerWorker: tasksPerThread,
    });
    // A worker that dies is replaced by Piscina; its task is rejected and that error reaches the caller.
    this.piscina.on('error', () => {});
  }

  async run<R>(task: unknown, signal?: AbortSignal): Promise<R> {
    if (this.piscina.queueSize >= this.piscina.options.maxQueue) throw new QueueFullError(this.name);
    this.inFlight++;
    try {
      const result = (await this.piscina.run(task, signal ? { signal } : {})) as R;
      this.completed++;
      return result;
    } catch (err) {
      this.failed++;
      throw err;
    } finally {
      this.inFlight--;
    }
  }

  /** Resolves once every thread has loaded the worker module (tsx, the engine, kinds modules). */
  async warmUp(): Promise<void> {
    await Promise.all(Array.from({ length: this.threads }, () => this.piscina.run({ op: 'warm-up' })));
  }

  /**
   * The engine's warm-up (src/forecasting/warm-up.ts) on every thread: one chain of steps per thread,
   * each step a task of its own, and a chain stops as soon as real work is in flight, so a real task
   * waits for one step at most. Resolves with the models each chain fit; never rejects, the warm-up
   * being only an optimisation. (Piscina hands each step to an idle thread, not to a chosen one; with a
   * chain per thread and nothing else running, each thread takes about one chain's steps.)
   */
  warmEngine(): Promise<string[][]> {
    const chain = async () => {
      const fitted: string[] = [];
      // Every request's task in this pool goes through run(), so inFlight counts it before it is queued.
      for (let step = 0; this.inFlight === 0; step++) {
        const model = (await this.piscina.run({ op: 'warm-up', exercise: step })) as string | null;
        if (model === null) break;
        fitted.push(model);
      }
      return fitted;
    };
    return Promise.all(Array.from({ length: this.threads }, () => chain().catch(() => [])));
  }

  get maxThreads(): number {
    return this.threads;
  }

  stats(): PoolStats {
    const busy = Math.min(this.inFlight, this.threads);
    return {
      threads: this.piscina.threads.length,
      busy,
      queued: this.inFlight - busy,
      completed: this.completed,
      failed: this.failed,
    };
  }
}

/**
 * The pools: fits apart from forecasts, so a long fit never holds up forecasts of other models; and bulk
 * fits in threads of their own, so thousands of series use every core without ever taking a forecast's
 * or an interactive fit's thread (the OS shares the cores between them instead).
 */
export class WorkerPools {
  private readonly fitPool: Pool;
  private readonly forecastPool: Pool;
  private readonly fitAdmission: Admission;
  private readonly bulkPool: Pool;
  private readonly evictions = new BroadcastChannel(EVICT_CHANNEL);
  /** Settles when the fit threads have run the engine's warm-up (src/forecasting/warm-up.ts): what each fit. */
  engineWarm: Promise<string[][]> = Promise.resolve([]);

  constructor(opts: PoolOptions) {
    this.evictions.unref();
    this.fitPool = new Pool('fit', opts.fitWorkers, opts, { nice: FIT_NICE });
    // Up to eight forecasts handed to a thread at once: it goes on to the next as soon as it has answered
    // one, instead of idling until the main thread has read the answer and sent more. Under a bulk
    // forecast the main thread formats answers in bursts; with two at a time both threads were idle about
    // half the time (bench:scale's bulk forecast of 10,000 models: 6.1 s with two, 4.6 s with eight). The
    // price, with several forecast threads: tasks handed to a thread wait for its slow one even if another
    // thread is free; a forecast is short next to a fit, so the wait is too.
    this.forecastPool = new Pool('forecast', opts.forecastWorkers, opts, { tasksPerThread: 8 });
    this.bulkPool = new Pool('bulk', opts.bulkWorkers, opts, { onDemand: true, nice: FIT_NICE });
    this.fitAdmission = new Admission('fit', opts.fitWorkers, opts.maxQueuedFits, opts.maxQueuedFitBytes);
  }

  /**
   * Runs a long task once a fit thread is free for it. `onStart` is called then, so the caller's time
   * limit counts running time only; `signal` aborts the wait or the run.
   */
  private async admitted<R>(task: { series: Float64Array }, signal: AbortSignal, onStart?: () => void): Promise<R> {
    const release = await this.fitAdmission.acquire(task.series.byteLength, signal);
    let replacing = false;
    try {
      onStart?.();
      return await this.fitPool.run<R>(task, signal);
    } catch (err) {
      // A stopped or crashed task costs its thread; the slot stays taken until the replacement thread
      // has loaded its code, so the next task's time limit does not pay for that start-up.
      replacing = true;
      void this.fitPool.piscina.run({ op: 'warm-up' }).catch(() => {}).finally(release);
      throw err;
    } finally {
      if (!replacing) release();
    }
  }

  /**
   * Start-up: a fit's time limit should not include loading the worker's code. Then, without holding up
   * start-up, the fit threads fit the engine's small warm-up series, so the first real fit finds the
   * engine compiled (a fresh thread's first fit costs 0.1–0.5 s more than the same fit again). A fit
   * that arrives meanwhile stops the warm-up and waits for the step in progress, inside its running time
   * (the step is shorter than what it saves that fit).
   */
  async warmUp(): Promise<void> {
    await Promise.all([this.fitPool.warmUp(), this.forecastPool.warmUp()]);
    this.engineWarm = this.fitPool.warmEngine();
  }

  /** Fits in the fit pool go through its admission queue; bulk fits are paced by their job. */
  fit(task: FitTask, signal: AbortSignal, pool: 'fit' | 'bulk' = 'fit', onStart?: () => void): Promise<FitResult> {
    if (pool === 'bulk') {
      // The bulk job already paces its fits to the bulk threads: their time limit starts now.
      onStart?.();
      return this.bulkPool.run<FitResult>(task, signal);
    }
    return this.admitted<FitResult>(task, signal, onStart);
  }

  /** How many bulk fits can run at once. */
  get bulkThreads(): number {
    return this.bulkPool.maxThreads;
  }

  /** Backtests fit many models: they run in the fit pool, beside fits, never holding up forecasts. */
  backtest(task: BacktestTask, signal: AbortSignal, onStart?: () => void): Promise<BacktestResult> {
    return this.admitted<BacktestResult>(task, signal, onStart);
  }

  forecast(task: ForecastTask): Promise<ForecastResult> {
    return this.forecastPool.run<ForecastResult>(task);
  }

  /** Loading a model file may take seconds for big models: the fit pool's work, never the forecasts'. */
  validateOnnx(task: OnnxValidateTask): Promise<OnnxValidateResult> {
    return this.fitPool.run<OnnxValidateResult>(task);
  }

  /** Inference is request-time work, like forecasts: the forecast pool, where the sessions live. */
  infer(task: InferTask): Promise<InferResult> {
    return this.forecastPool.run<InferResult>(task);
  }

  /** Every worker drops its cached versions of a deleted model. */
  evictModel(model: string): void {
    this.evictions.postMessage({ model });
  }

  stats(): { fit: PoolStats; forecast: PoolStats; bulk: PoolStats } {
    const fit = this.fitPool.stats();
    // A thread being replaced after a crash or a stopped fit is busy too: it cannot take a fit yet.
    const busy = Math.max(fit.busy, this.fitAdmission.active);
    return { fit: { ...fit, busy, queued: fit.queued + this.fitAdmission.queued }, forecast: this.forecastPool.stats(), bulk: this.bulkPool.stats() };
  }

  async close(): Promise<void> {
    this.evictions.close();
    await Promise.all([this.fitPool.piscina.destroy(), this.forecastPool.piscina.destroy(), this.bulkPool.piscina.destroy()]);
  }
}
