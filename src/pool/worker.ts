import { BroadcastChannel, workerData } from 'node:worker_threads';
import { backtest, getKind, EngineError, type Fitted } from '../forecasting/index.ts';
import { ModelStore } from '../store/index.ts';
import { EVICT_CHANNEL, ModelCache } from './model-cache.ts';
import { loadKindsModule } from './kinds-module.ts';
import type {
  BacktestResult, BacktestTask, FitResult, FitTask, ForecastResult, ForecastTask, Task, TaskFailure, WorkerConfig,
} from './tasks.ts';

const config = workerData as WorkerConfig;
await loadKindsModule(config.kindsModule);

// Opened on first forecast: fit workers never need it, and the file may not exist before the first fit.
let store: ModelStore | undefined;
interface Loaded {
  fitted: Fitted;
  series: Float64Array;
}
const cache = new ModelCache<Loaded>(config.cacheSize);

/** float64 → numbers JSON can hold; NaN and infinities become null. */
function jsonNumbers(a: Float64Array): (number | null)[] {
  const out = new Array<number | null>(a.length);
  for (let i = 0; i < a.length; i++) out[i] = Number.isFinite(a[i]) ? a[i]! : null;
  return out;
}

/** The version a task names is not in the store: its model was deleted after the daemon chose the version. */
class VersionGone extends Error {}

// The daemon announces deleted models here, so their entries do not wait for the LRU to push them out.
const evictions = new BroadcastChannel(EVICT_CHANNEL);
evictions.unref();
evictions.onmessage = (event) => cache.deleteModel(((event as { data: { model: string } }).data).model);

function failure(err: unknown): TaskFailure {
  if (err instanceof VersionGone) return { ok: false, code: 'MODELAPI_ERR_MODEL_NOT_FOUND', message: err.message, field: 'model' };
  if (err instanceof EngineError) {
    return { ok: false, code: err.code, message: err.message, ...(err.field ? { field: err.field } : {}) };
  }
  throw err;
}

function fit(task: FitTask): FitResult {
  const started = performance.now();
  try {
    const kind = getKind(task.kind);
    const spec = kind.parseSpec(task.spec);
    const fitted = kind.fit(task.series, spec, {});
    return { ok: true, params: fitted.params, metrics: fitted.metrics, fitMs: performance.now() - started };
  } catch (err) {
    return failure(err);
  }
}

function loadModel(model: string, version: number): Loaded {
  const key = `${model}@${version}`;
  const hit = cache.get(key);
  if (hit) return hit;
  store ??= ModelStore.open(config.dbPath, { readonly: true });
  const row = store.getVersion(model, version);
  if (!row) throw new VersionGone(`model '${model}' was deleted`);
  if (row.state !== 'ready') throw new Error(`version ${key} is not ready in the store`);
  const kind = getKind(row.kind);
  const fitted: Fitted = {
    kind: row.kind,
    spec: kind.parseSpec(row.spec),
    params: row.params,
    metrics: (row.metrics ?? {}) as Fitted['metrics'],
  };
  const loaded = { fitted, series: row.series };
  cache.set(key, loaded);
  return loaded;
}

function forecast(task: ForecastTask): ForecastResult {
  try {
    const { fitted, series } = loadModel(task.model, task.version);
    const fc = getKind(fitted.kind).forecast(fitted, task.h, task.levels, task.regressors ? { regressors: task.regressors } : undefined);
    const json = JSON.stringify({
      forecast: jsonNumbers(fc.mean),
      intervals: fc.intervals.map((i) => ({ level: i.level, lower: jsonNumbers(i.lower), upper: jsonNumbers(i.upper) })),
      ...(task.history > 0 ? { history: jsonNumbers(series.subarray(Math.max(0, series.length - task.history))) } : {}),
    });
    return { ok: true, json };
  } catch (err) {
    return failure(err);
  }
}

function runBacktest(task: BacktestTask): BacktestResult {
  try {
    return { ok: true, results: backtest(task.series, task.plan, task.candidates) };
  } catch (err) {
    return failure(err);
  }
}

export default function run(task: Task): FitResult | ForecastResult | BacktestResult | 'ready' {
  switch (task.op) {
    case 'warm-up':
      return 'ready';
    case 'fit':
      return fit(task);
    case 'forecast':
      return forecast(task);
    case 'backtest':
      return runBacktest(task);
  }
}
